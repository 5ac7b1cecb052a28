"""Shared fixtures: Hypothesis profiles, a cold cache per test, fresh copies of the tables,
and one build of the wheel and sdist per test session (shared by pytest-xdist's workers)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources

try:  # POSIX: workers of one session build the distributions once, under a lock
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker builds its own
    fcntl = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci", max_examples=200, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (tens of seconds, mostly waiting on pip) start first, so that with
    several workers they overlap the many short tests instead of finishing last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _cold_cache() -> Iterator[None]:
    _io.clear_cache()
    yield
    _io.clear_cache()


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    """Freshly parsed copies of every shipped table, safe to break."""
    parsed, problems = _io.load_all()
    assert problems == []
    return parsed


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data package folder."""
    target = tmp_path / "datapackage"
    shutil.copytree(str(_resources.data_dir()), target)
    return target


def _session_dir(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder shared by every worker of this session (each worker has its own basetemp below
    the session's), or this process's own when not run by pytest-xdist or without locks."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and fcntl is not None:
        base = base.parent
    folder = base / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    with (folder / ".lock").open("a") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist from `python -m build`, as a release makes them (the wheel is
    built from the sdist), built once per session: a folder holding exactly those two files."""
    folder = _session_dir(tmp_path_factory, "dist-build")
    out = folder / "dist"
    with _lock(folder):
        if not (folder / "done").exists():
            shutil.rmtree(out, ignore_errors=True)
            run = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                pytest.fail(f"python -m build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
            (folder / "done").touch()
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("belarus_measures-*.whl")
    return built


@pytest.fixture(scope="session")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("belarus_measures-*.tar.gz")
    return built
