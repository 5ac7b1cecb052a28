"""The built wheel carries the data; importing the package stays cheap.

The wheel and the sdist are built once per session (the ``dist``, ``wheel`` and ``sdist``
fixtures of conftest.py); a fresh environment is made with uv when it is installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
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


def _uv() -> str | None:
    try:
        from uv import find_uv_bin
    except ImportError:
        return None
    return find_uv_bin()


def fresh_venv(tmp_path: Path) -> Path:
    """A new virtual environment; returns its python.

    Made by uv (a test extra) when it is installed: a fraction of a second instead of the
    seconds `venv` spends installing pip. The dependencies (pandas & co.) come from this
    interpreter's site-packages, added after the venv's own, so no network is needed; a plain
    path line in a .pth file does not run that folder's own .pth files, so an editable install
    of the checkout stays out.
    """
    env_dir = tmp_path / "venv"
    uv = _uv()
    if uv:
        subprocess.run([uv, "venv", "-q", "--no-config", "--python", sys.executable, str(env_dir)], check=True)
    else:
        venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    venv_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    (Path(venv_site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python


def install(python: Path, target: Path, cwd: Path) -> None:
    """Install ``target`` (a wheel or an sdist) into the environment of ``python``: offline, no
    dependencies, an sdist built with the hatchling the environment sees."""
    uv = _uv()
    if uv:
        command = [uv, "pip", "install", "-q", "--no-config", "--offline", "--no-cache", "--python", str(python)]
    else:
        command = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run([*command, "--no-deps", "--no-build-isolation", str(target)], check=True, cwd=cwd)


def test_wheel_contains_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "belarus_measures/_data/datapackage.json" in names
    assert "belarus_measures/py.typed" in names
    for table in _schema.shipped_tables().values():
        assert f"belarus_measures/_data/{table.path}" in names
    # The change feed of every release, so that changes(since=...) needs no git.
    feeds = sorted(path.name for path in (ROOT / "belarus_measures" / "_changes").glob("*.json.gz"))
    assert feeds and all(f"belarus_measures/_changes/{name}" in names for name in feeds)


# Every command, run as `python -m belarus_measures ...` runs it (runpy), one after the other in
# one interpreter of the fresh environment: a status per command, and the last line of any error.
RUN_COMMANDS = """
import json, runpy, sys, traceback
statuses = []
for argv in json.loads(sys.argv[1]):
    sys.argv = ["belarus_measures", *argv]
    try:
        runpy.run_module("belarus_measures", run_name="__main__", alter_sys=True)
        status = 0
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:
        status = traceback.format_exc().strip().splitlines()[-1]
    statuses.append(status)
print(json.dumps(statuses), file=sys.__stdout__)
"""


@pytest.mark.slow
def test_wheel_installs_and_loads_every_table_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path)
    install(python, wheel, cwd=tmp_path)
    script = (
        "import belarus_measures as bm, pathlib;"
        "assert 'venv' in pathlib.Path(bm.__file__).parts, bm.__file__;"
        "n = {name: len(getattr(bm, name)()) for name in bm.list_resources()};"
        "bm.validate();"
        "assert all(len(bm.changes(since=v)) > 0 for v in bm.releases()[:-1]), bm.releases();"
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
    run = subprocess.run([str(python), "-c", RUN_COMMANDS, json.dumps(commands)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    statuses = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(statuses) == len(commands)
    for command, status in zip(commands, statuses, strict=True):
        assert status == 0, (command, status, run.stderr[-3000:])
    for written in ("x.sqlite", "jsonl/measures.jsonl", "parquet/measures.parquet", "x.duckdb", "x.ftm.json", "t.png"):
        assert (tmp_path / written).is_file(), written
    bad = subprocess.run([str(python), "-m", "belarus_measures", "show", "nope"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_build_makes_a_wheel_and_an_sdist_that_pass_twine_check(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert any(f.suffix == ".whl" for f in files) and any(f.name.endswith(".tar.gz") for f in files)
    assert len(files) == 2, files
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sdist_carries_the_data_and_installs_in_a_fresh_venv(sdist: Path, tmp_path: Path) -> None:
    names = tarfile.open(sdist).getnames()
    for table in _schema.shipped_tables().values():
        assert any(n.endswith(f"datapackage/{table.path}") for n in names), table.path
    python = fresh_venv(tmp_path)
    install(python, sdist, cwd=tmp_path)
    script = ("import belarus_measures as bm, pathlib;"
              "assert 'venv' in pathlib.Path(bm.__file__).parts, bm.__file__;"
              "bm.validate(); print(len(bm.measures()))")
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
        "assert len(bm.changes(since='0.1.0', level='designations')) > 0;"
        "print(len(bm.measures()), len(bm.search_targets('Lukashenka')))"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    n_measures, n_hits = map(int, result.stdout.split())
    assert n_measures > 300 and n_hits > 0
