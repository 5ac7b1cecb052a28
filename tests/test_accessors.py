"""The typed accessors: model-valid frames, copies, one parse per table, clear errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.models import MODELS

ACCESSORS = {name: getattr(bm, name) for name in _schema.list_resources()}


@pytest.mark.parametrize("name", list(ACCESSORS))
def test_accessor_returns_a_frame_its_model_accepts(name: str) -> None:
    frame = ACCESSORS[name]()
    MODELS[name].validate(frame)
    assert list(frame.columns) == list(_schema.table(name).columns)


@pytest.mark.parametrize("name", list(ACCESSORS))
def test_accessor_agrees_with_the_raw_csv(name: str) -> None:
    table = _schema.table(name)
    raw = pd.read_csv(io.BytesIO(_io.read_raw(table)), dtype=str, keep_default_na=False)
    frame = ACCESSORS[name]()
    assert len(frame) == len(raw)
    for pk in table.primary_key:
        assert list(frame[pk]) == list(raw[pk])


@pytest.mark.parametrize("name", list(ACCESSORS))
def test_mutating_a_result_never_changes_the_next(name: str) -> None:
    first = ACCESSORS[name]()
    if first.empty:
        pytest.skip(f"{name} has no rows")
    expected = ACCESSORS[name]()
    first.iloc[0, 0] = None
    first["extra"] = 1
    pd.testing.assert_frame_equal(ACCESSORS[name](), expected)


def test_each_table_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = _io.parse_csv

    def counting(table, raw):  # type: ignore[no-untyped-def]
        calls.append(table.name)
        return original(table, raw)

    monkeypatch.setattr(_io, "parse_csv", counting)
    for _ in range(3):
        bm.measures(jurisdiction="EU")
        bm.actors()
        bm.measure("eu-2020-09-17-ep-resolution")
    assert {"measures", "actors"} <= set(calls)
    assert sorted(calls) == sorted(set(calls))


def test_filters_accept_a_value_or_a_list() -> None:
    one = bm.measures(jurisdiction="EU")
    listed = bm.measures(jurisdiction=["EU"])
    pd.testing.assert_frame_equal(one, listed)
    both = bm.measures(jurisdiction=["EU", "US"])
    assert len(both) == len(one) + len(bm.measures(jurisdiction="US"))


def test_actor_includes_descendants() -> None:
    treasury = set(bm.measures(actor="us-treasury").measure_id)
    ofac = set(bm.measures(actor="us-treasury-ofac").measure_id)
    assert ofac and ofac <= treasury
    everything_us = set(bm.measures(actor="us-government").measure_id)
    assert treasury <= everything_us
    assert everything_us == set(bm.measures(jurisdiction="US").measure_id)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"jurisdiction": "XX"}, "'XX'"),
        ({"actor": "us-tresury"}, "us-treasury"),
        ({"measure_type": "sanction"}, "sectoral_sanction"),
        ({"jurisdiction": ["EU", "Mars"]}, "'Mars'"),
    ],
)
def test_bad_filter_value_names_it_and_the_valid_values(kwargs: dict[str, object], named: str) -> None:
    with pytest.raises(ValueError, match="valid values") as err:
        bm.measures(**kwargs)  # type: ignore[arg-type]
    assert named in str(err.value)


@pytest.mark.parametrize("bad", ["2020-13-01", "02/10/2020", "20201002", "yesterday", "2020-02-30"])
def test_bad_date_names_the_expected_format(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD") as err:
        bm.measures(start=bad)
    assert repr(bad) in str(err.value)


def test_wrong_types_raise_type_error() -> None:
    with pytest.raises(TypeError, match="42"):
        bm.measures(start=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bm.measures(jurisdiction=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        bm.measures(binding="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bm.measure(7)  # type: ignore[arg-type]


def test_window_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="after"):
        bm.measures(start="2021-01-01", end="2020-01-01")


def test_dates_may_be_date_objects() -> None:
    a = bm.measures(start=dt.date(2020, 10, 1), end=dt.datetime(2020, 10, 31, 12))
    b = bm.measures(start="2020-10-01", end="2020-10-31")
    pd.testing.assert_frame_equal(a, b)


def test_measure_record_is_frozen_and_complete() -> None:
    m = bm.measure("eu-2020-09-17-ep-resolution")
    assert isinstance(m, bm.Measure)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.title = "changed"  # type: ignore[misc]
    row = bm.measures().set_index("measure_id").loc[m.measure_id]
    assert m.title == row.title and m.date == row.date.date()
    cited = bm.citations()
    assert len(m.citations) == (cited.measure_id == m.measure_id).sum()
    assert all(c.quote and c.publisher for c in m.citations)
    assert m.votes and m.votes[0].votes_for is not None
    links = bm.measure_links()
    assert len(m.linked_from) == (links.related_measure_id == m.measure_id).sum()


def test_measure_record_carries_counts_and_links() -> None:
    m = bm.measure("us-2020-10-02-ofac-designations")
    counts = bm.designation_counts()
    expected = counts.loc[counts.measure_id == m.measure_id]
    assert {(c.target_kind, c.count) for c in m.counts} == {
        (str(k), int(n)) for k, n in zip(expected.target_kind, expected["count"], strict=True)
    }
    assert {(c.target_kind, c.count) for c in m.counts} == {("individual", 8)}  # designation_counts.csv
    assert all(link.measure_id == m.measure_id for link in m.links)
    # measure_links.csv: coordinated with the Canadian, EU and UK rounds, implements EO 13405.
    assert {(link.relation, link.related_measure_id) for link in m.links} == {
        ("coordinated_with", "ca-2020-09-29-designations"), ("coordinated_with", "eu-2020-10-02-designations"),
        ("coordinated_with", "gb-2020-09-29-designations"), ("implements", "us-2006-06-16-eo-13405"),
    }


def test_unknown_measure_suggests_close_ids() -> None:
    with pytest.raises(ValueError, match="eu-2020-09-17-ep-resolution"):
        bm.measure("eu-2020-09-17-ep-resolutoin")


def test_in_force_excludes_bills_and_ended_measures() -> None:
    ids = set(bm.in_force("2020-12-01").measure_id)
    statuses = bm.measures().set_index("measure_id").status
    assert "eu-2020-10-02-designations" in ids  # adopted 2 October 2020, no end date
    assert all(statuses[i] in ("adopted", "expired", "revoked") for i in ids)
    # A bill the House passed on 18 November 2020 (status passed_chamber): in the data, not in force.
    assert statuses["us-2020-11-18-house-belarus-democracy-act"] == "passed_chamber"
    assert "us-2020-11-18-house-belarus-democracy-act" not in ids


def test_package_is_a_frictionless_package() -> None:
    pkg = bm.package()
    assert list(pkg.resource_names) == list(bm.list_resources())


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        bm.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_the_type_filter_matches_what_an_act_does_as_well_as_its_form() -> None:
    """Belarus's CFE suspension is a law (its form) that answers Poland and Czechia (its purpose)."""
    law = "by-2023-10-19-cfe-suspended-poland-czechia"
    row = bm.measure(law)
    assert (row.measure_type, row.purpose) == ("legislation", "countermeasure")
    assert law in set(bm.measures(measure_type="countermeasure").measure_id)
    assert law in set(bm.measures(measure_type="legislation").measure_id)
    assert law not in set(bm.measures(measure_type="resolution").measure_id)
