"""The coverage report: recomputed here from the raw CSV files with the csv module alone."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures.reports import coverage as _coverage
from belarus_measures.cli import main

DATA = Path(__file__).resolve().parent.parent / "datapackage" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _jurisdictions() -> dict[str, str]:
    actors = {r["actor_id"]: r for r in _rows("actors")}

    def top(actor_id: str) -> str:
        while actors[actor_id]["parent_id"]:
            actor_id = actors[actor_id]["parent_id"]
        return actor_id

    return {a: (r["jurisdiction"] or top(a)) for a, r in actors.items()}


def test_measures_and_official_sources_per_cell_match_a_recount() -> None:
    where = _jurisdictions()
    kind = {r["source_id"]: r["source_type"] for r in _rows("sources")}
    cell_of = {r["measure_id"]: (where[r["actor_id"]], int(r["date"][:4])) for r in _rows("measures")}
    measures = Counter(cell_of.values())
    sources: dict[tuple[str, int], set[str]] = defaultdict(set)
    for c in _rows("citations"):
        sources[cell_of[c["measure_id"]]].add(c["source_id"])
    table = bm.coverage().set_index(["jurisdiction", "year"])
    assert set(table.index) == set(measures)
    for cell, n in measures.items():
        row = table.loc[cell]
        assert row.measures == n
        assert row.sources == len(sources[cell])
        official = sum(kind[s] in ("official", "legal_text") for s in sources[cell])
        assert row.official_sources == official
        assert row.official_source_share == pytest.approx(official / len(sources[cell]), abs=0.00051)  # rounded to 3 places


def test_an_international_body_files_under_its_top_organisation() -> None:
    actors = pd.DataFrame({
        "actor_id": ["un", "un-hrc", "us-government"],
        "jurisdiction": [None, None, "US"],
        "parent_id": [None, "un", None],
    })
    assert _coverage.jurisdiction_of(actors) == {"un": "un", "un-hrc": "un", "us-government": "US"}


def test_a_listing_round_without_counts_shows_as_uncounted(frames: dict[str, pd.DataFrame]) -> None:
    before = _coverage.coverage_table(frames).listing_measures_with_counts.sum()
    listings = frames["measures"].loc[frames["measures"].measure_type == "designation", "measure_id"]
    counted = frames["designation_counts"].measure_id.loc[lambda ids: ids.isin(set(listings))].iloc[0]
    frames["designation_counts"] = frames["designation_counts"].loc[lambda d: d.measure_id != counted]
    after = _coverage.coverage_table(frames).listing_measures_with_counts.sum()
    assert after == before - 1


def test_the_committed_report_shows_every_jurisdiction_year() -> None:
    text = (DATA.parent.parent / "docs" / "coverage.md").read_text(encoding="utf-8")
    for r in bm.coverage().itertuples():
        assert f"| {r.jurisdiction} | {r.year} | {r.measures} |" in text


def test_coverage_command_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert out.split()[:3] == ["jurisdiction", "year", "measures"]
    assert len(out.strip().splitlines()) == len(bm.coverage()) + 1


def test_target_coverage_matches_a_recount() -> None:
    kinds = {r["target_id"]: r["target_kind"] for r in _rows("targets")}
    where = _jurisdictions()
    rounds = {r["measure_id"]: r for r in _rows("measures") if r["measure_type"] == "designation"}
    linked: Counter[tuple[str, str]] = Counter((d["measure_id"], kinds[d["target_id"]]) for d in _rows("designations"))
    counted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for c in _rows("designation_counts"):
        m = rounds.get(c["measure_id"])
        if m is None:
            continue
        j = where[m["actor_id"]]
        counted[j] += int(c["count"])
        found[j] += min(int(c["count"]), linked[(c["measure_id"], c["target_kind"])])
    table = bm.target_coverage().set_index("jurisdiction")
    assert dict(table.counted) == dict(counted)
    assert dict(table.linked) == dict(found)


def test_the_committed_report_shows_target_coverage() -> None:
    text = (DATA.parent.parent / "docs" / "coverage.md").read_text(encoding="utf-8")
    for r in bm.target_coverage().itertuples():
        assert f"| {r.jurisdiction} | {r.rounds} | {r.counted} | {r.linked} |" in text


def test_target_gaps_match_a_recount_and_the_report_lists_them() -> None:
    kinds = {r["target_id"]: r["target_kind"] for r in _rows("targets")}
    rounds = {r["measure_id"] for r in _rows("measures") if r["measure_type"] == "designation"}
    linked: Counter[tuple[str, str]] = Counter((d["measure_id"], kinds[d["target_id"]]) for d in _rows("designations"))
    expected = {
        (c["measure_id"], c["target_kind"]): int(c["count"]) - min(int(c["count"]), linked[(c["measure_id"], c["target_kind"])])
        for c in _rows("designation_counts") if c["measure_id"] in rounds
    }
    expected = {k: v for k, v in expected.items() if v > 0}
    gaps = bm.target_gaps()
    assert {(r.measure_id, r.target_kind): r.missing for r in gaps.itertuples()} == expected
    text = (DATA.parent.parent / "docs" / "coverage.md").read_text(encoding="utf-8")
    for r in gaps.itertuples():
        assert f"| `{r.measure_id}` | {r.date:%Y-%m-%d} | {r.target_kind} | {r.counted} | {r.linked} | {r.missing} |" in text


@pytest.mark.parametrize(("of", "table"), [("targets", bm.target_coverage), ("gaps", bm.target_gaps)])
def test_coverage_command_prints_targets_and_gaps(capsys: pytest.CaptureFixture[str], of: str, table: object) -> None:
    assert main(["coverage", "--of", of]) == 0
    out = capsys.readouterr().out
    assert out.split()[0] == "jurisdiction"
    assert len(out.strip().splitlines()) == len(table()) + 1  # type: ignore[operator]


def test_coverage_command_names_a_bad_choice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--of", "everything"]) == 2
    err = capsys.readouterr().err
    assert "everything" in err and "gaps" in err
