"""The built wheel carries the data; importing the package stays cheap."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from belarus_measures.store import schema as _schema
from conftest import ROOT

HEAVY = ("pandas", "pandera", "frictionless", "numpy")


def test_import_loads_no_heavy_library() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import belarus_measures"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "belarus_measures" in imported
    assert not imported & set(HEAVY), imported & set(HEAVY)


def fresh_venv(tmp_path: Path) -> Path:
    """A new virtual environment; returns its python.

    The dependencies (pandas & co.) come from this interpreter's site-packages, added after
    the venv's own, so no network is needed; a plain path line in a .pth file does not run
    that folder's own .pth files, so an editable install of the checkout stays out.
    """
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    venv_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    (Path(venv_site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("belarus_measures-*.whl")
    return built


def test_wheel_contains_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "belarus_measures/_data/datapackage.json" in names
    assert "belarus_measures/py.typed" in names
    for table in _schema.shipped_tables().values():
        assert f"belarus_measures/_data/{table.path}" in names


def test_wheel_installs_and_loads_every_table_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    script = (
        "import belarus_measures as bm, pathlib;"
        "assert 'venv' in pathlib.Path(bm.__file__).parts, bm.__file__;"
        "n = {name: len(getattr(bm, name)()) for name in bm.list_resources()};"
        "bm.validate();"
        "print(sorted(n.items()))"
    )
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "('measures'," in result.stdout
    cli = subprocess.run([str(python), "-m", "belarus_measures", "summary"], capture_output=True, text=True, cwd=tmp_path)
    assert cli.returncode == 0 and "measures" in cli.stdout, cli.stderr
    descriptor = str(ROOT / "datapackage" / "datapackage.json")
    commands = [
        ["list", "--jurisdiction", "EU", "--format", "json"], ["show", "eu-2020-10-02-designations"],
        ["search", "Лукашэнка"], ["coverage"], ["validate"], ["diff", descriptor, descriptor],
        ["export", "--format", "sqlite", "--out", str(tmp_path / "x.sqlite")],
        ["export", "--format", "jsonl", "--out", str(tmp_path / "jsonl")],
        ["export", "--format", "parquet", "--out", str(tmp_path / "parquet")],
        ["export", "--format", "duckdb", "--out", str(tmp_path / "x.duckdb")],
        ["export", "--format", "ftm", "--out", str(tmp_path / "x.ftm.json")],
        ["timeline", "--out", str(tmp_path / "t.png")],
    ]
    for command in commands:
        run = subprocess.run([str(python), "-m", "belarus_measures", *command], capture_output=True, text=True, cwd=tmp_path)
        assert run.returncode == 0, (command, run.stderr)
    bad = subprocess.run([str(python), "-m", "belarus_measures", "show", "nope"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist from `python -m build`, as a release makes them."""
    out = tmp_path_factory.mktemp("build")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return out


def test_build_makes_a_wheel_and_an_sdist_that_pass_twine_check(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert any(f.suffix == ".whl" for f in files) and any(f.name.endswith(".tar.gz") for f in files)
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sdist_carries_the_data_and_installs_in_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    import tarfile

    (sdist,) = dist.glob("*.tar.gz")
    names = tarfile.open(sdist).getnames()
    for table in _schema.shipped_tables().values():
        assert any(n.endswith(f"datapackage/{table.path}") for n in names), table.path
    python = fresh_venv(tmp_path)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(sdist)],
                   check=True, cwd=tmp_path)
    script = "import belarus_measures as bm; bm.validate(); print(len(bm.measures()))"
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 300


def test_the_package_works_imported_from_a_zip(wheel: Path, tmp_path: Path) -> None:
    # A wheel is a zip archive: on sys.path, Python imports from it with zipimport, and the data
    # must then come through importlib.resources alone.
    script = (
        "import belarus_measures as bm, sys;"
        "assert '.whl' in bm.__file__, bm.__file__;"
        "bm.validate();"
        "print(len(bm.measures()), len(bm.search_targets('Lukashenka')))"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    n_measures, n_hits = map(int, result.stdout.split())
    assert n_measures > 300 and n_hits > 0
