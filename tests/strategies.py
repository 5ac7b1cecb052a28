"""Hypothesis strategies for filter arguments, drawn from the shipped data's own values."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema

FIRST_DAY = dt.date(2004, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)


def _actors() -> list[str]:
    return sorted(_io.cached_table("actors").actor_id)


def _jurisdictions() -> list[str]:
    return sorted(set(_io.cached_table("actors").jurisdiction.dropna()))


def _types() -> list[str]:
    return list(_schema.table("measures").field("measure_type").enum or ())


actor_ids = st.builds(_actors).flatmap(lambda xs: st.sampled_from(xs))
jurisdictions = st.builds(_jurisdictions).flatmap(lambda xs: st.sampled_from(xs))
measure_types = st.builds(_types).flatmap(lambda xs: st.sampled_from(xs))
days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@st.composite
def windows(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    a, b = draw(days), draw(days)
    return (a, b) if a <= b else (b, a)


def one_or_many(values: st.SearchStrategy[str]) -> st.SearchStrategy[str | list[str]]:
    return values | st.lists(values, min_size=1, max_size=3, unique=True)


filters = st.fixed_dictionaries(
    {},
    optional={
        "actor": one_or_many(actor_ids),
        "jurisdiction": one_or_many(jurisdictions),
        "measure_type": one_or_many(measure_types),
        "binding": st.booleans(),
    },
)

__all__ = ["actor_ids", "bm", "days", "filters", "jurisdictions", "measure_types", "one_or_many", "windows"]
