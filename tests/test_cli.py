"""The command line: summary counts come from the data; validate reports and exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

import belarus_measures as bm
from belarus_measures.cli import main


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
    assert lines[0].split()[:2] == ["target_id", "name"]
    assert lines[1].startswith("lukashenka-alyaksandr")
    assert len(lines) == 3


def test_search_command_says_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Zzyzx Qwerty"]) == 0
    assert "no target matches" in capsys.readouterr().out


def test_search_command_rejects_a_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Lukashenka", "--limit", "0"]) == 2
    assert "limit" in capsys.readouterr().err
