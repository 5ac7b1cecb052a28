"""Property tests of the accessors' logic: filters compose, partition and nest."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures.store import io as _io
from belarus_measures.text import numbers as _numbers
from strategies import days, filters, windows


def ids(**kwargs: Any) -> set[str]:
    return set(bm.measures(**kwargs).measure_id)


@given(filters, filters)
def test_filters_compose_as_intersection(a: dict[str, Any], b: dict[str, Any]) -> None:
    shared = set(a) & set(b)
    if shared:
        # The same filter twice would be one filter with the later value; compose distinct ones only.
        b = {k: v for k, v in b.items() if k not in shared}
    assert ids(**a, **b) == ids(**a) & ids(**b)


@given(filters)
def test_every_filtered_result_is_a_sorted_subset(f: dict[str, Any]) -> None:
    result = bm.measures(**f)
    assert set(result.measure_id) <= ids()
    assert list(result.measure_id) == sorted(result.measure_id)


def test_jurisdictions_partition_the_measures() -> None:
    actor_table = _io.cached_table("actors")
    everything = bm.measures()
    parts = [ids(jurisdiction=j) for j in sorted(set(actor_table.jurisdiction.dropna()))]
    international = set(actor_table.loc[actor_table.jurisdiction.isna(), "actor_id"])
    parts.append(set(everything.loc[everything.actor_id.isin(international), "measure_id"]))
    assert sum(len(p) for p in parts) == len(everything)
    assert set().union(*parts) == set(everything.measure_id)


@given(windows(), windows())
def test_date_windows_nest(outer: tuple[Any, Any], inner: tuple[Any, Any]) -> None:
    lo, hi = min(outer[0], inner[0]), max(outer[1], inner[1])
    small = ids(start=inner[0], end=inner[1])
    assert small <= ids(start=lo, end=hi)
    assert ids(start=lo) >= ids(start=hi) and ids(end=lo) <= ids(end=hi)


@given(windows())
def test_window_is_the_intersection_of_its_bounds(w: tuple[Any, Any]) -> None:
    assert ids(start=w[0], end=w[1]) == ids(start=w[0]) & ids(end=w[1])


@given(windows(), windows())
def test_in_force_is_monotone_in_its_window(a: tuple[Any, Any], b: tuple[Any, Any]) -> None:
    lo, hi = min(a[0], b[0]), max(a[1], b[1])
    inner = set(bm.in_force(a[0], a[1]).measure_id)
    outer = set(bm.in_force(lo, hi).measure_id)
    assert inner <= outer


@given(days, days)
def test_in_force_over_a_window_covers_each_day(a: Any, b: Any) -> None:
    lo, hi = min(a, b), max(a, b)
    window = set(bm.in_force(lo, hi).measure_id)
    assert set(bm.in_force(lo).measure_id) <= window and set(bm.in_force(hi).measure_id) <= window


@given(st.integers(min_value=0, max_value=999_999))
def test_numbers_are_found_as_words_and_digits(n: int) -> None:
    assert _numbers.appears_in(n, f"the figure was {_numbers.words(n)} in all")
    assert _numbers.appears_in(n, f"the figure was {n:,} in all")
    assert not _numbers.appears_in(n, f"the figure was {n + 1} in all")
