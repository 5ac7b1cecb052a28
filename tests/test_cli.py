"""The command line: summary counts come from the data; validate reports and exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

import belarus_measures as bm
from belarus_measures.cli import main
from conftest import ROOT


def test_summary_reports_the_counts_of_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert bm.__version__ in out
    m = bm.measures()
    assert f"{len(m)} measures" in out
    for name in bm.list_resources():
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(name + " "))
        assert line.split()[-1] == str(len(getattr(bm, name)()))
    for year, n in m.date.dt.year.value_counts().items():
        assert any(ln.split() == [str(year), str(n)] for ln in out.splitlines())


def test_validate_command_passes_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_command_fails_with_a_report(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    votes = package_copy / "data" / "votes.csv"
    votes.write_bytes(votes.read_bytes().replace(b"574", b"575"))
    assert main(["validate", str(package_copy / "datapackage.json")]) == 1
    assert "votes.csv" in capsys.readouterr().out


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("belarus-measures: error:") and err.count("\n") == 1


def test_search_command_ranks_the_target_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Лукашэнка Аляксандр", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "targets:"
    assert lines[1].split()[:2] == ["target_id", "name"]
    assert lines[2].startswith("lukashenka-alyaksandr")


def test_search_command_finds_measures_and_actors_by_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Ryanair diversion", "--limit", "40"]) == 0  # some 20 measures name it
    out = capsys.readouterr().out
    assert "measures:" in out and "gb-2021-06-21-designations-ryanair" in out
    assert main(["search", "Seimas"]) == 0
    assert "lt-seimas" in capsys.readouterr().out


def test_search_command_says_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Zzyzx Qwerty"]) == 0
    assert "no target, actor or measure matches" in capsys.readouterr().out


def test_search_command_rejects_a_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Lukashenka", "--limit", "0"]) == 2
    assert "limit" in capsys.readouterr().err


def test_list_filters_like_measures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--jurisdiction", "EU", "--type", "designation", "--format", "csv"]) == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = bm.measures(jurisdiction="EU", measure_type="designation")
    assert [r["measure_id"] for r in rows] == list(expected.measure_id)


def test_list_json_is_records(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["list", "--actor", "us-treasury", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["measure_id"] for r in records} == set(bm.measures(actor="us-treasury").measure_id)


def test_list_bad_filter_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--jurisdiction", "XX"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'XX'" in err


def test_show_prints_counts_links_targets_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "eu-2020-11-06-designations"]) == 0
    out = capsys.readouterr().out
    m = bm.measure("eu-2020-11-06-designations")
    assert m.title in out and "Listed: 15 individual" in out
    assert all(c.quote in out for c in m.citations)
    assert "Alexander Lukashenko" in out
    assert main(["show", "no-such-measure"]) == 2


def test_diff_reports_added_removed_and_changed_rows(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    import json

    from belarus_measures.store import files as _files

    path = package_copy / "data" / "votes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["date"] = "2020-09-18"  # a change that keeps the package valid
    removed = rows.pop()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    descriptor_path = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.update(_files.stats((package_copy / resource["path"]).read_bytes()))
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["diff", str(descriptor_path), str(ROOT / "datapackage" / "datapackage.json")]) == 0
    out = capsys.readouterr().out
    assert "votes: +1 added, -0 removed, ~1 changed" in out
    assert f"+ {removed['measure_id']} / {removed['actor_id']}" in out
    assert "measures: +0 added, -0 removed, ~0 changed" in out
