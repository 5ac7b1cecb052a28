"""Who was listed: name search, first listings, and the reproducible derivation from list extracts."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import belarus_measures as bm
from belarus_measures.text import names as _names
from conftest import ROOT, SHARED

REFERENCE = SHARED / "reference"
DATA = ROOT / "datapackage" / "data"


def _rows(name: str, base: Path = DATA) -> list[dict[str, str]]:
    with (base / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- name search ---------------------------------------------------------------------

@pytest.mark.slow
def test_every_target_is_found_from_each_of_its_spellings() -> None:
    kinds = {r["target_id"]: r["target_kind"] for r in _rows("targets")}
    for alias in _rows("target_aliases"):
        hits = bm.search_targets(alias["alias"], kind=kinds[alias["target_id"]], limit=10)
        top = hits[hits.score == hits.score.max()]
        assert alias["target_id"] in set(top.target_id), (alias, hits.head(3).to_dict("records"))


@pytest.mark.parametrize("query", [
    "Lukashenko Alexander", "Alexander Lukashenka", "Aliaksandr Lukashenka", "Лукашенко Александр",
    "Аляксандр Лукашэнка", "Lukaschenko Alexander", "LUKASHENKO, Aleksandr Grigoryevich", "Łukaszenka Aleksander",
])
def test_the_transliterations_users_type_find_lukashenka(query: str) -> None:
    assert bm.search_targets(query).target_id.iloc[0] == "lukashenka-alyaksandr"


def test_results_are_ranked_and_bounded() -> None:
    hits = bm.search_targets("Lukashenka", limit=3)
    assert 0 < len(hits) <= 3
    assert list(hits.score) == sorted(hits.score, reverse=True)
    assert hits.score.between(0, 100).all()
    assert list(hits.columns) == ["target_id", "name", "target_kind", "score", "matched_alias"]


def test_kind_filter_keeps_only_that_kind() -> None:
    hits = bm.search_targets("Belaruskali", kind="entity", min_score=0)
    assert set(hits.target_kind) == {"entity"}
    assert bm.search_targets("Belaruskali", kind="aircraft", min_score=90).empty


def test_nonsense_finds_nothing_above_the_threshold() -> None:
    assert bm.search_targets("Zzyzx Qwerty Plonk").empty
    assert bm.search_targets("   ").empty


@pytest.mark.parametrize(("kwargs", "error", "names"), [
    ({"name": 42}, TypeError, "42"),
    ({"name": "x", "kind": "ship"}, ValueError, "'ship'"),
    ({"name": "x", "limit": 0}, ValueError, "0"),
    ({"name": "x", "min_score": 101}, ValueError, "101"),
])
def test_bad_input_names_the_bad_value(kwargs: dict[str, object], error: type[Exception], names: str) -> None:
    with pytest.raises(error, match=names):
        bm.search_targets(**kwargs)  # type: ignore[arg-type]


@pytest.mark.slow
def test_measured_quality_meets_the_bar_and_the_report_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import measure_name_search

    results = measure_name_search.measure()
    held_out = results["other spellings (each spelling held out)"]
    assert held_out["queries"] > 500
    assert held_out["recall_at_1"] >= 0.95 and held_out["precision"] >= 0.98
    negatives = results.pop("non-targets (real names of people not listed)")
    assert negatives["queries"] >= 80 and negatives["confident"] <= 0.01, negatives
    # The goal of issue 13: the right target first for 97 % of held-out real spellings.
    assert held_out["recall_at_1"] >= 0.97
    for label, r in results.items():
        assert r["recall_at_1"] >= 0.95, label
    results["non-targets (real names of people not listed)"] = negatives
    assert (ROOT / "docs" / "name_search.md").read_text(encoding="utf-8") == measure_name_search.report(results)
    # The README quotes the held-out figures; they must be the measured ones, not an old run's.
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"each of {held_out['queries']:,} real spellings" in readme
    assert f"ranks first for {held_out['recall_at_1']:.1%}".replace("%", " %") in readme
    assert f"right {held_out['precision']:.1%}".replace("%", " %") in readme
    assert f"{negatives['queries']:.0f} real names of people who are not targets" in readme
    assert f"a confident match for {negatives['confident']:.1%}".replace("%", " %") in readme


# --- folding and scripts -------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["Lukashenko", "Lukashenka", "Лукашенко", "Лукашэнка", "Loukachenko",
                                      "Łukaszenka", "Alexander Lukashenko"])
def test_every_spelling_of_the_president_finds_him_first(spelling: str) -> None:
    assert bm.search_targets(spelling).target_id.iloc[0] == "lukashenka-alyaksandr"


@pytest.mark.parametrize("name", ["Alexander Petrov", "Ivan Ivanov", "Igor Petrov", "Roman Golovko"])
def test_a_common_name_sharing_a_given_name_and_patronymic_is_no_confident_match(name: str) -> None:
    found = bm.search_targets(name, min_score=0)
    assert found.empty or found.score.iloc[0] < 85, found.head(3)


@pytest.mark.parametrize(("a", "b"), [
    ("Лукашэнка", "Lukashenka"), ("Зубкоў", "Zubkov"), ("Караеў", "Karaev"), ("Tsikhanouskaya", "Ціханоўская"),
    ("Viktor", "Victor"), ("Yury", "Юрий"), ("Halina", "Galina"),
])
def test_transliteration_variants_fold_alike(a: str, b: str) -> None:
    assert _names.fold(a) == _names.fold(b)


def test_script_detection() -> None:
    assert _names.script_of("Лукашэнка") == "Cyrl"
    assert _names.script_of("Łukaszenka") == "Latn"
    assert _names.script_of("Lukashenka Лукашэнка") is None
    assert _names.cyrillic_language("Аляксандр Рыгоравіч") == "be"
    assert _names.cyrillic_language("Александр Григорьевич") == "ru"
    assert _names.script_of("أندريه بارشين") == "Arab"
    assert _names.script_of("Parshin أندريه") is None
    # Ukrainian writes і and и side by side; ї, є and ґ are its own.
    assert _names.cyrillic_language("Геннадій Давидько") == "uk"
    assert _names.cyrillic_language("Олексій Олексин") == "uk"
    assert _names.cyrillic_language("Ігар Луцкі") == "be"
    assert _names.cyrillic_language("Олег Кобец") is None


def test_the_scripts_detected_are_the_descriptors_scripts() -> None:
    from belarus_measures.store import schema as _schema

    assert _names.SCRIPTS == _schema.table("target_aliases").field("script").enum


def test_romanisation_keeps_capitals_and_words() -> None:
    assert _names.romanise("Ольга  Чемоданова") == "Olga Chemodanova"
    assert _names.script_of(_names.romanise("Аляксандр Лукашэнка")) == "Latn"


# --- first listings ------------------------------------------------------------------

def test_first_listings_of_lukashenka_and_belavia_are_the_hand_checked_ones() -> None:
    # Read off designations.csv by hand: Lukashenka was listed by the UK and Canada on 29 September
    # 2020, the EU 38 days later, Switzerland on 11 December 2020, Japan on 3 March 2022 and the US
    # (since the 2020 crisis) on 15 March 2022; Belavia by the EU on 2 December 2021, Switzerland
    # 15 days later and the US on 9 August 2023 (its US delisting of 4 November 2025 is no listing).
    table = bm.first_listings()
    expected = {
        ("lukashenka-alyaksandr", "CA"): ("2020-09-29", "ca-2020-09-29-designations", 0),
        ("lukashenka-alyaksandr", "GB"): ("2020-09-29", "gb-2020-09-29-designations", 0),
        ("lukashenka-alyaksandr", "EU"): ("2020-11-06", "eu-2020-11-06-designations", 38),
        ("lukashenka-alyaksandr", "CH"): ("2020-12-11", "ch-2020-12-11-designations", 73),
        ("lukashenka-alyaksandr", "JP"): ("2022-03-03", "jp-2022-03-03-asset-freeze-lukashenka", 520),
        ("lukashenka-alyaksandr", "US"): ("2022-03-15", "us-2022-03-15-ofac-lukashenka-redesignation", 532),
        ("belavia", "EU"): ("2021-12-02", "eu-2021-12-02-designations", 0),
        ("belavia", "CH"): ("2021-12-17", "ch-2021-12-17-designations", 15),
        ("belavia", "US"): ("2023-08-09", "us-2023-08-09-ofac-designations", 615),
    }
    rows = table[table.target_id.isin(["lukashenka-alyaksandr", "belavia"])]
    found = {(r.target_id, r.jurisdiction): (r.first_listed.date().isoformat(), r.measure_id, int(r.lag_days))
             for r in rows.itertuples()}
    assert found == expected


def test_first_listings_point_at_a_listing_with_no_earlier_one() -> None:
    table = bm.first_listings()
    measures = bm.measures()
    actors = bm.actors()
    jurisdiction = {a: j for a, j in zip(actors.actor_id, actors.jurisdiction, strict=True) if isinstance(j, str)}
    day = dict(zip(measures.measure_id, measures.date, strict=True))
    where = {m: jurisdiction.get(a) for m, a in zip(measures.measure_id, measures.actor_id, strict=True)}
    delistings = set(measures.measure_id[measures.measure_type == "delisting"])
    designations = bm.designations()
    listed = set(zip(designations.measure_id, designations.target_id, strict=True))
    assert not table.duplicated(["target_id", "jurisdiction"]).any()
    assert set(table.target_id) == set(designations.target_id)
    assert not set(table.measure_id) & delistings
    first = {(r.target_id, r.jurisdiction): r.first_listed for r in table.itertuples()}
    for row in table.itertuples():
        # The row names a designation of this target, dated the first-listed day, by this jurisdiction.
        assert (row.measure_id, row.target_id) in listed, row
        assert day[row.measure_id] == row.first_listed and where[row.measure_id] == row.jurisdiction, row
    for measure_id, target_id in listed:
        # No listing of a target by a jurisdiction is missing or earlier than its first listing.
        if measure_id not in delistings and where[measure_id] is not None:
            key = (target_id, where[measure_id])
            assert key in first and day[measure_id] >= first[key], (measure_id, target_id)
    # The lag is counted from the target's first listing anywhere, which has lag 0.
    earliest = table.groupby("target_id").first_listed.transform("min")
    assert ((table.first_listed - earliest).dt.days == table.lag_days).all()
    assert (table.groupby("target_id").lag_days.min() == 0).all()


def test_a_target_listed_by_several_jurisdictions_is_one_target() -> None:
    table = bm.first_listings()
    multi = table.groupby("target_id").jurisdiction.nunique()
    assert (multi >= 3).sum() >= 10
    entries = bm.list_entries()
    both = entries.groupby("target_id").list_id.nunique()
    assert (both == 2).sum() >= 40


# --- derivation from the list extracts ------------------------------------------------

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present")


@needs_reference
def test_each_list_entry_points_at_its_record_in_the_extract() -> None:
    extracts = {
        "ofac_sdn_belarus_2024-05-03.csv": ("ent_num", 0),
        "ofac_sdn_belarus_2026-08-20_derived.csv": ("uid", 0),
        # A title line ("Last Updated") above the header: the header is record 2.
        "uk_ofsi_conlist_belarus_2025-04-14.csv": ("Group ID", 1),
    }
    records = {}
    for file, (key, title_lines) in extracts.items():
        with (REFERENCE / file).open(encoding="utf-8", newline="") as fh:
            for _ in range(title_lines):
                next(csv.reader(fh))
            records[file] = {n: row[key] for n, row in enumerate(csv.DictReader(fh), start=2 + title_lines)}
    sema = (REFERENCE / "ca_sema_belarus_2025-05-25.xml").read_text(encoding="utf-8").splitlines()
    yaml_files = {"eu_fsf_belarus_2026-02-23.yaml", "eu_fsf_ukr_programme_belarus_related_2026-02-23.yaml"}
    lines = {name: (REFERENCE / name).read_text(encoding="utf-8").splitlines() for name in yaml_files}
    for entry in _rows("list_entries"):
        if entry["list_id"] == "eu-fsf-consolidated":
            # An EU FSF entry points at the line of its YAML document that carries its logical id
            # (the entry_id); the document's reference is on the line before.
            text = lines[entry["extract_file"]]
            row = int(entry["extract_row"])
            assert text[row - 1] == f"logical_id: '{entry['entry_id']}'", entry
            assert text[row - 2] == f"eu_reference_number: {entry['reference']}", entry
            continue
        if entry["list_id"] == "ca-sema-consolidated":
            # A Canadian entry points at its record's opening tag; part and item follow (part1-1-68:
            # Schedule 1, Part 1.1, item 68).
            row = int(entry["extract_row"])
            assert sema[row - 1].strip() == "<record>", entry
            record = " ".join(line.strip() for line in sema[row:row + 12])
            part, item = entry["entry_id"].removeprefix("part").rsplit("-", 1)
            assert re.search(rf"<Schedule>1, ?Part {re.escape(part.replace('-', '.'))}</Schedule> <Item>{item}</Item>",
                             record), entry
            continue
        assert records[entry["extract_file"]][int(entry["extract_row"])] == entry["entry_id"], entry


@needs_reference
def test_the_derivation_is_reproducible(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ("belarus_measures", "datapackage", "scripts"):
        shutil.copytree(ROOT / part, copy / part)
    result = subprocess.run(
        [sys.executable, str(copy / "scripts" / "derive_targets.py"), "--reference", str(REFERENCE)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    def rows(name: str, base: Path) -> list[tuple[str, ...]]:
        # The build script sorts rows; the derivation's own order does not matter.
        return sorted(tuple(r.values()) for r in _rows(name, base))

    for name in ("targets", "target_aliases", "list_entries", "designations", "sources"):
        assert rows(name, copy / "datapackage" / "data") == rows(name, DATA), name


@needs_reference
def test_the_derivation_keeps_target_ids_when_an_entry_would_move(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ("belarus_measures", "datapackage", "scripts"):
        shutil.copytree(ROOT / part, copy / part)
    entries = copy / "datapackage" / "data" / "list_entries.csv"
    rows = _rows("list_entries")
    # Claim that two entries of different targets were one target in an earlier run.
    a, b = rows[0], next(r for r in rows if r["target_id"] != rows[0]["target_id"] and r["list_id"] != rows[0]["list_id"])
    b_target = b["target_id"]
    b["target_id"] = a["target_id"]
    with entries.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    before = {path.name: path.read_bytes() for path in (copy / "datapackage" / "data").iterdir()}
    result = subprocess.run(
        [sys.executable, str(copy / "scripts" / "derive_targets.py"), "--reference", str(REFERENCE)],
        capture_output=True, text=True,
    )
    # The entry would move to another target: the script refuses, naming both ids, and writes nothing.
    assert result.returncode != 0, result.stdout
    assert a["target_id"] in result.stderr and b_target in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {path.name: path.read_bytes() for path in (copy / "datapackage" / "data").iterdir()} == before


@needs_reference
@pytest.mark.parametrize("xml,message", [
    ("<data-set><record><Schedule>1, Part 1</Schedule>", "not well-formed XML"),
    ("<data-set>\n<record>\n<Schedule>1, Part 1</Schedule><Item>1</Item><DateOfListing>2020-13-45</DateOfListing>\n"
     "</record>\n</data-set>\n", "'2020-13-45' is not a date"),
    ("<data-set>\n<record>\n<Schedule>9, Part X</Schedule><Item>1</Item><DateOfListing>2020-10-14</DateOfListing>\n"
     "</record>\n</data-set>\n", "unexpected Schedule '9, Part X'"),
])
def test_a_broken_canadian_extract_is_refused_in_one_line(tmp_path: Path, xml: str, message: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    bad = tmp_path / "it's.xml"
    bad.write_text(xml, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in data.iterdir()}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "derive_targets.py"), "--reference", str(REFERENCE),
         "--ca-sema", str(bad), "--data", str(data)], capture_output=True, text=True)
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {path.name: path.read_bytes() for path in data.iterdir()} == before


def _derive_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("derive_targets", ROOT / "scripts" / "derive_targets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("derive_targets", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


BRACKET_MEASURES = [
    {"measure_id": "us-2024-08-09-ofac-designations", "date": "2024-08-09", "actor_id": "us-treasury-ofac",
     "measure_type": "designation"},
    {"measure_id": "us-2024-08-09-state-visa-restrictions", "date": "2024-08-09", "actor_id": "us-state",
     "measure_type": "visa_restriction"},
]


@pytest.mark.parametrize("extra_measure,counts,linked", [
    (None, {"individual": 1, "entity": 1}, 2),
    # a count that differs from the entries the bracket holds: the round may hold others
    (None, {"individual": 2, "entity": 1}, 0),
    # a second round of the same actor and type inside the bracket: either could be the entries'
    ({"measure_id": "us-2025-01-15-ofac-designations", "date": "2025-01-15", "actor_id": "us-treasury-ofac",
      "measure_type": "designation"}, {"individual": 1, "entity": 1}, 0),
    # a round of another type (the visa bans of the same day) does not compete
    ({"measure_id": "us-2025-01-15-visa", "date": "2025-01-15", "actor_id": "us-state",
      "measure_type": "visa_restriction"}, {"individual": 1, "entity": 1}, 2),
])
def test_entries_two_copies_bracket_join_the_only_round_between_them(
        extra_measure: dict[str, str] | None, counts: dict[str, int], linked: int) -> None:
    import datetime as dt

    derive = _derive_module()
    after, by = dt.date(2024, 5, 3), dt.date(2026, 8, 20)
    entries = [(derive.Entry("us-ofac-sdn", "1", "individual", "A, B", "BELARUS-EO14038", 2), "a-b"),
               (derive.Entry("us-ofac-sdn", "2", "entity", "C LLC", "BELARUS-EO14038", 3), "c-llc")]
    measures = BRACKET_MEASURES + ([extra_measure] if extra_measure else [])
    rows = [{"measure_id": "us-2024-08-09-ofac-designations", "target_kind": k, "count": str(n)} for k, n in counts.items()]
    found = derive.bracket_rounds({("us-ofac-sdn", after, by): entries}, measures, rows,
                                  {"us-2024-08-09-ofac-designations", "us-2025-01-15-ofac-designations"} & {
                                      m["measure_id"] for m in measures})
    assert len(found) == linked
    assert all(r["measure_id"] == "us-2024-08-09-ofac-designations" for r in found)


def test_the_undated_ofac_entries_carry_the_copies_that_bracket_them() -> None:
    rows = [r for r in _rows("list_entries") if r["list_id"] == "us-ofac-sdn" and not r["listed_on"]]
    later = [r for r in rows if r["listed_after"]]
    assert len(later) == 34 and {(r["listed_after"], r["listed_by"]) for r in later} == {("2024-05-03", "2026-08-20")}
    assert {r["listed_by"] for r in rows if not r["listed_after"]} == {"2021-08-18"}
    # The 34 are the 19 individuals, 14 entities and one aircraft OFAC announced on 9 August 2024.
    designated = {(r["list_id"], r["entry_id"]): r["measure_id"] for r in _rows("designations") if r["list_id"]}
    kinds = {r["target_id"]: r["target_kind"] for r in _rows("targets")}
    rounds = {designated.get((r["list_id"], r["entry_id"])) for r in later}
    assert rounds <= {"us-2024-08-09-ofac-designations", None}
    assert sorted(kinds[r["target_id"]] for r in later).count("individual") == 19
