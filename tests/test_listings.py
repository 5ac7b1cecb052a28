"""Who was listed on a day, and each target's designation history: hand-checked cases and spell rules.

The expectations come from the sources, not from the code: OFAC listed Belavia on 9 Aug 2023
("OJSC Belavia Belarusian Airlines" among the entities designated under E.O. 14038) and removed it
on 4 Nov 2025; the EU listed Lukashenka on 6 Nov 2020 (Implementing Regulation 2020/1648); the
General Court annulled Belshina's EU listing on 20 Mar 2024.
"""

from __future__ import annotations

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures import listings
from belarus_measures.cli import main


def _ids(day: str, **kw: object) -> set[str]:
    return set(bm.listed(day, **kw).target_id)  # type: ignore[arg-type]


@pytest.mark.parametrize(("day", "jurisdiction", "target", "expected"), [
    ("2023-08-08", "US", "belavia", False),
    ("2023-08-09", "US", "belavia", True),
    ("2025-11-03", "US", "belavia", True),
    ("2025-11-04", "US", "belavia", False),
    ("2025-11-04", "EU", "belavia", True),
    ("2020-11-05", "EU", "lukashenka-alyaksandr", False),
    ("2020-11-06", "EU", "lukashenka-alyaksandr", True),
    ("2026-02-01", "EU", "lukashenka-alyaksandr", True),
    ("2024-03-19", "EU", "belshina-oao", True),
    ("2024-03-20", "EU", "belshina-oao", False),
])
def test_hand_checked_listings(day: str, jurisdiction: str, target: str, expected: bool) -> None:
    assert (target in _ids(day, jurisdiction=jurisdiction)) is expected


def test_listed_says_since_when_and_by_which_measure() -> None:
    us = bm.listed("2024-01-01", jurisdiction="US").set_index("target_id")
    assert us.loc["belavia", "since"] == pd.Timestamp("2023-08-09")
    assert us.loc["belavia", "listed_by"] == "us-2023-08-09-ofac-designations"
    assert set(bm.listed("2024-01-01", target_kind="aircraft").target_kind.astype(str)) <= {"aircraft"}


def test_history_of_belavia_across_jurisdictions() -> None:
    h = bm.designation_history("belavia")
    rows = [(r.jurisdiction, f"{r.date:%Y-%m-%d}", r.event) for r in h.itertuples()]
    assert ("US", "2023-08-09", "listed") in rows and ("US", "2025-11-04", "delisted") in rows
    assert ("EU", "2021-12-02", "listed") in rows
    assert list(h.date) == sorted(h.date)
    assert h.source_id.notna().any() or h.list_id.notna().any()


@pytest.mark.parametrize(("args", "error"), [
    (("2024-13-01",), ValueError), (("2024-01-01T00:00",), ValueError), ((None,), TypeError),
])
def test_listed_refuses_bad_days(args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error, match="on"):
        bm.listed(*args)  # type: ignore[arg-type]


def test_listed_refuses_unknown_filters() -> None:
    with pytest.raises(ValueError, match="'XX'"):
        bm.listed("2024-01-01", jurisdiction="XX")
    with pytest.raises(ValueError, match="'ship'"):
        bm.listed("2024-01-01", target_kind="ship")
    with pytest.raises(TypeError):
        bm.listed("2024-01-01", jurisdiction=3)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["no-such-target", "../etc/passwd", "a\x00b", ""])
def test_history_refuses_unknown_ids(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown target_id"):
        bm.designation_history(bad)


# --- the spell rules, on hand-made events ---------------------------------------------------

def _events(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(date, event, measure_id) rows of one target in one jurisdiction."""
    frame = pd.DataFrame([{c: None for c in listings.EVENT_COLUMNS} | {
        "target_id": "t", "jurisdiction": "EU", "date": pd.Timestamp(d), "event": e, "measure_id": m}
        for d, e, m in rows])
    return frame


def _spells(*rows: tuple[str, str, str]) -> list[tuple[str, str | None, str, str | None]]:
    s = listings.spells(_events(*rows))
    return [(f"{r.start:%Y-%m-%d}", None if pd.isna(r.end) else f"{r.end:%Y-%m-%d}", r.listed_by,
             None if pd.isna(r.ended_by) else r.ended_by) for r in s.itertuples()]


def test_a_relisting_after_a_delisting_is_a_new_spell() -> None:
    assert _spells(("2021-01-01", "listed", "a"), ("2022-01-01", "delisted", "d"),
                   ("2023-01-01", "listed", "b")) == [
        ("2021-01-01", "2022-01-01", "a", "d"), ("2023-01-01", None, "b", None)]


def test_a_renewal_naming_the_target_again_carries_the_spell_on() -> None:
    # A temporary order (a) ran to 2022-07-01; its renewal (b) took effect that day.
    assert _spells(("2022-01-01", "listed", "a"), ("2022-07-01", "listing_ended", "a"),
                   ("2022-07-01", "listed", "b"), ("2023-01-01", "listing_ended", "b")) == [
        ("2022-01-01", "2023-01-01", "a", "b")]


def test_a_listing_measure_that_ended_ends_its_spell() -> None:
    assert _spells(("2022-01-01", "listed", "a"), ("2022-07-01", "listing_ended", "a")) == [
        ("2022-01-01", "2022-07-01", "a", "a")]


def test_a_delisting_before_any_listing_ends_nothing() -> None:
    assert _spells(("2021-01-01", "delisted", "d"), ("2022-01-01", "listed", "a")) == [
        ("2022-01-01", None, "a", None)]


def test_listed_and_history_work_on_any_package() -> None:
    from belarus_measures.store.package import SHIPPED

    store = bm.load(str(SHIPPED.folder / "datapackage.json"))
    assert set(store.listed("2024-01-01").target_id) == _ids("2024-01-01")
    assert store.designation_history("belavia").equals(bm.designation_history("belavia"))


# --- the command line -----------------------------------------------------------------------

def test_cli_history_by_name_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "Лукашэнка"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("lukashenka-alyaksandr:") and "2020-11-06  EU  listed" in out
    assert main(["listed", "--on", "2025-11-04", "--jurisdiction", "US"]) == 0
    out = capsys.readouterr().out
    assert "belavia" not in out.split("\n", 1)[1] and "listings on 2025-11-04" in out


@pytest.mark.parametrize("argv", [["listed", "--on", "2025-02-30"], ["listed", "--on", "2025-01-01", "--jurisdiction", "ZZ"],
                                  ["history", "zzzzqqqxx"], ["listed"]])
def test_cli_bad_input_is_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


def test_canada_and_the_us_answer_for_hand_checked_people() -> None:
    # Barsukov: in Canada's list since the regulations of 28 September 2020 (item 3 of Part 1),
    # the round Canada announced on 29 September; not listed by Canada the day before that.
    history = bm.designation_history("barsukou-alyaksandr")
    canada = history[history.jurisdiction == "CA"]
    assert list(canada.measure_id) == ["ca-2020-09-29-designations"]
    entries = bm.list_entries()
    entry = entries[(entries.target_id == "barsukou-alyaksandr") & (entries.list_id == "ca-sema-consolidated")]
    assert entry.entry_id.tolist() == ["part1-3"] and entry.listed_on.astype(str).tolist() == ["2020-09-28"]
    assert "barsukou-alyaksandr" in set(bm.listed("2020-09-29", jurisdiction="CA").target_id)
    assert "barsukou-alyaksandr" not in set(bm.listed("2020-09-27", jurisdiction="CA").target_id)
    # Halina Lukashenka: designated by OFAC on 15 March 2022 (first in the SDN file that day), by
    # Canada on 27 January 2025; by nobody before.
    assert "lukashenka-halina" not in set(bm.listed("2022-03-14").target_id)
    us = bm.listed("2022-03-15", jurisdiction="US")
    assert us.loc[us.target_id == "lukashenka-halina", "since"].astype(str).tolist() == ["2022-03-15"]
    assert "lukashenka-halina" not in set(bm.listed("2025-01-26", jurisdiction="CA").target_id)
    assert "lukashenka-halina" in set(bm.listed("2025-01-27", jurisdiction="CA").target_id)
