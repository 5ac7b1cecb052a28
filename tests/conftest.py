"""Shared fixtures: Hypothesis profiles, a cold cache per test, fresh copies of the tables."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci", max_examples=200, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


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
