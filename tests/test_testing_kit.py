"""The testing kit: generated datasets always pass every invariant, and each mutation is caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import frictionless
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures import testing
from belarus_measures.reports import coverage as _coverage
from belarus_measures.store import schema as _schema


# Each example builds and checks a whole dataset (about 0.1 s): fewer examples than elsewhere.
KIT = settings(max_examples=30, deadline=None)


@KIT
@given(testing.datasets())
def test_generated_datasets_pass_every_invariant(tables: dict[str, pd.DataFrame]) -> None:
    assert testing.failures(tables) == []
    assert list(tables) == list(bm.list_resources())


@KIT
@given(testing.datasets(min_measures=3), testing.mutations())
def test_each_mutation_is_caught_by_its_check(tables: dict[str, pd.DataFrame], name: str) -> None:
    breaker, tag = testing.MUTATIONS[name]
    breaker(tables)
    assert any(f.startswith(tag) for f in testing.failures(tables)), name


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=10_000))
def test_written_packages_pass_validate_and_the_official_validator(tmp_path_factory: Any, n: int, seed: int) -> None:
    folder = Path(tmp_path_factory.mktemp("pkg"))
    descriptor = testing.write_package(folder, n, seed=seed)
    bm.validate(descriptor)
    assert frictionless.validate(str(descriptor)).valid


@KIT
@given(testing.rows("measures"))
def test_single_rows_have_the_table_columns(row: dict[str, Any]) -> None:
    assert list(row) == list(_schema.table("measures").columns)
    assert row["measure_id"].startswith("m-")


@KIT
@given(testing.datasets())
def test_coverage_counts_every_generated_measure(tables: dict[str, pd.DataFrame]) -> None:
    table = _coverage.coverage_table(tables)
    assert int(table.measures.sum()) == len(tables["measures"])
    targets = _coverage.target_coverage_table(tables)
    assert (targets.linked <= targets.counted).all()


def test_assert_valid_lists_the_failures() -> None:
    tables = testing.synthetic_tables(10, seed=4)
    testing.MUTATIONS["dangling foreign key"][0](tables)
    try:
        testing.assert_valid(tables)
    except AssertionError as err:
        assert "[foreign_keys]" in str(err)
    else:  # pragma: no cover
        raise AssertionError("assert_valid accepted a broken table")


def test_bad_sizes_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="0"):
        testing.synthetic_rows(0)
    with pytest.raises(ValueError, match="'nope'"):
        testing.rows("nope")
