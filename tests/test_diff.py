"""``diff``: rows added, removed and changed between two valid packages; an invalid side is said so.

Issue 11: ``--detail -1`` listed "… 1 more" for unchanged tables, and a package that was
itself invalid (duplicate keys, truncated rows) was compared silently.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belarus_measures.reports import diff as _diff
from belarus_measures.store import files as _files
from belarus_measures.store import resources as _resources
from belarus_measures.checks import validate as _validate
from belarus_measures.text.errors import shown
from belarus_measures.cli import main


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(str(_resources.data_dir()), target)
    return target


def _rows(package: Path, table: str) -> list[dict[str, str]]:
    with (package / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(package: Path, table: str, rows: list[dict[str, str]], *, rehash: bool) -> None:
    """Write ``rows`` as the table's CSV; with ``rehash`` the descriptor's bookkeeping follows."""
    path = package / "data" / f"{table}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if rehash:
        descriptor_path = package / "datapackage.json"
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        resource = next(r for r in descriptor["resources"] if r["name"] == table)
        resource.update(_files.stats(path.read_bytes()))
        descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def shipped() -> Path:
    return Path(str(_resources.data_dir())) / "datapackage.json"


@pytest.fixture
def one_vote_fewer(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A valid package: the shipped one without its last vote (descriptor rehashed)."""
    package = _copy(tmp_path, "fewer")
    rows = _rows(package, "votes")
    gone = rows.pop()
    _write(package, "votes", rows, rehash=True)
    assert _validate.problems(package) == []
    return package, gone


def test_a_valid_package_is_compared_row_by_row(one_vote_fewer: tuple[Path, dict[str, str]], shipped: Path) -> None:
    package, gone = one_vote_fewer
    by_table = {d.table: d for d in _diff.diff(package, shipped)}
    assert by_table["votes"].added == [(gone["measure_id"], gone["actor_id"])]
    assert by_table["votes"].removed == [] and by_table["votes"].changed == {}
    assert all(d.empty for name, d in by_table.items() if name != "votes")
    assert _diff.diff(shipped, package)[0].empty


def test_the_diff_command_reports_a_valid_change(
    one_vote_fewer: tuple[Path, dict[str, str]], shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package, gone = one_vote_fewer
    assert main(["diff", str(shipped), str(package / "datapackage.json")]) == 0
    out = capsys.readouterr().out
    assert "votes: +0 added, -1 removed, ~0 changed" in out
    assert f"  - {gone['measure_id']} / {gone['actor_id']}\n" in out
    assert "measures: +0 added, -0 removed, ~0 changed\n" in out


# Finding 2: detail is a whole number of at least 0.


def test_detail_zero_lists_counts_and_no_key(one_vote_fewer: tuple[Path, dict[str, str]], shipped: Path) -> None:
    text = _diff.diff_text(_diff.diff(one_vote_fewer[0], shipped), detail=0)
    assert "votes: +1 added" in text and "  + … 1 more" in text
    assert text.count("more") == 1  # unchanged tables say nothing beyond their count line


@pytest.mark.parametrize("detail", [-1, -10])
def test_a_negative_detail_is_refused_naming_it(detail: int) -> None:
    with pytest.raises(ValueError, match=rf"detail.*{detail}"):
        _diff.diff_text([_diff.TableDiff("votes")], detail=detail)


@pytest.mark.parametrize("detail", [True, False, 2.0, "3", None])
def test_a_detail_that_is_not_a_whole_number_is_refused_naming_it(detail: object) -> None:
    with pytest.raises(TypeError, match="detail") as err:
        _diff.diff_text([_diff.TableDiff("votes")], detail=detail)  # type: ignore[arg-type]
    assert repr(detail) in str(err.value)


@pytest.mark.parametrize("detail", ["-1", "x", "1.5"])
def test_the_diff_command_refuses_a_bad_detail(
    shipped: Path, capsys: pytest.CaptureFixture[str], detail: str
) -> None:
    assert main(["diff", str(shipped), str(shipped), "--detail", detail]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "detail" in captured.err and detail in captured.err


@settings(max_examples=30, deadline=None)
@given(detail=st.one_of(st.integers(), st.booleans(), st.floats(), st.text(max_size=5), st.none()))
def test_fuzzed_details_answer_or_name_the_value(detail: object) -> None:
    d = _diff.TableDiff("votes", added=[("a", "b"), ("c", "d")])
    try:
        text = _diff.diff_text([d], detail=detail)  # type: ignore[arg-type]
    except (ValueError, TypeError) as err:
        assert "detail" in str(err) and shown(detail) in str(err)
    else:
        assert isinstance(detail, int) and not isinstance(detail, bool) and detail >= 0
        assert text.startswith("votes: +2 added") and text.count("\n") == 1 + min(detail, 2) + (detail < 2)


# Finding 3: both sides are validated first; an invalid one is named with its problems.


def _duplicate_key(package: Path) -> None:
    rows = _rows(package, "votes")
    _write(package, "votes", [rows[0], *rows], rehash=True)


def _truncated_row(package: Path) -> None:
    path = package / "data" / "votes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rsplit(",", 2)[0] + "\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("breaks", [_duplicate_key, _truncated_row])
@pytest.mark.parametrize("side", ["old", "new"])
def test_an_invalid_side_is_named_with_its_problems(tmp_path: Path, shipped: Path, breaks: object, side: str) -> None:
    package = _copy(tmp_path, "broken")
    breaks(package)  # type: ignore[operator]
    report = _validate.report(package)
    expected = [str(r) for r in report.records if r.invariant in _diff.COMPARISON_BREAKERS]
    assert expected
    pair = (package, shipped) if side == "old" else (shipped, package)
    with pytest.raises(_validate.ValidationError) as err:
        _diff.diff(*pair)
    failures = err.value.failures
    assert len(failures) == len(expected)
    assert all(f.startswith(f"{side} ") and str(package) in f for f in failures)
    assert any("votes" in f for f in failures)


def test_both_invalid_sides_are_reported(tmp_path: Path) -> None:
    old, new = _copy(tmp_path, "old"), _copy(tmp_path, "new")
    _duplicate_key(old)
    _truncated_row(new)
    with pytest.raises(_validate.ValidationError) as err:
        _diff.diff(old, new)
    sides = {f.split(" ", 1)[0] for f in err.value.failures}
    assert sides == {"old", "new"}


def test_the_diff_command_exits_1_with_the_report(
    tmp_path: Path, shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _copy(tmp_path, "broken")
    _duplicate_key(package)
    assert main(["diff", str(shipped), str(package)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[0].startswith("INVALID") and "new" in lines[0]
    assert all(line.startswith(f"  - new {shown(str(package))}") for line in lines[1:])
    assert "votes" in captured.out and "added" not in captured.out


@pytest.mark.parametrize("text", ["not json {", "[]", "{}", '{"resources": []}', '{"resources": [{"name": "votes"}]}',
                                  "\"votes\"", '{"resources": [{"name": "votes", "path": "data/votes.csv"}]}'])
def test_a_malformed_descriptor_is_one_report_never_a_traceback(
    tmp_path: Path, shipped: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    package = _copy(tmp_path, "malformed")
    (package / "datapackage.json").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="old"):
        _diff.diff(package, shipped)
    status = main(["diff", str(package), str(shipped)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    if status == 2:
        assert captured.err.count("\n") == 1 and captured.out == ""
    else:
        assert status == 1 and captured.err == "" and captured.out.startswith("INVALID")
        assert "old" in captured.out and str(package) in captured.out


def test_a_missing_package_is_one_line_and_exit_2(tmp_path: Path, shipped: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # A relative path: a long temporary folder would be cut in the message (values are shortened).
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "nowhere", str(shipped)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere" in err


@pytest.mark.parametrize("side", [None, 3, b"datapackage.json"])
def test_a_side_that_is_not_a_path_is_refused_naming_it(shipped: Path, side: object) -> None:
    with pytest.raises(TypeError, match="old") as err:
        _diff.diff(side, shipped)  # type: ignore[arg-type]
    assert repr(side) in str(err.value)
    with pytest.raises(TypeError, match="new"):
        _diff.diff(shipped, side)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_table_without_a_primary_key_is_matched_by_the_other_side_or_whole_rows(
    tmp_path: Path, shipped: Path
) -> None:
    # Every row used to share the empty key: "+28 added, -1 removed" for identical tables.
    package = _copy(tmp_path, "keyless")
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    votes = next(r for r in descriptor["resources"] if r["name"] == "votes")
    del votes["schema"]["primaryKey"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if _validate.problems(package):
        pytest.skip("the validator refuses a table without a primary key")
    assert all(d.empty for d in _diff.diff(package, package))  # keyed by whole rows
    assert all(d.empty for d in _diff.diff(package, shipped))  # keyed by the newer primary key
    assert all(d.empty for d in _diff.diff(shipped, package))  # by the older one
    rows = _rows(package, "votes")
    gone = rows.pop()
    _write(package, "votes", rows, rehash=True)
    by_table = {d.table: d for d in _diff.diff(package, package)}
    assert by_table["votes"].empty
    by_table = {d.table: d for d in _diff.diff(shipped, package)}
    assert by_table["votes"].removed == [(gone["measure_id"], gone["actor_id"])] and not by_table["votes"].added


def test_a_side_breaking_only_a_newer_cross_table_rule_is_still_compared(tmp_path: Path, shipped: Path) -> None:
    """An older release judged by a rule added since (an end without a reason) compares row by row."""
    package = _copy(tmp_path, "older")
    rows = _rows(package, "measures")
    next(r for r in rows if r["end_reason"])["end_reason"] = ""
    _write(package, "measures", rows, rehash=True)
    assert any(p.startswith("[lifecycle]") for p in _validate.problems(package))
    diffs = {d.table: d for d in _diff.diff(package, shipped)}
    assert diffs["measures"].changed and not diffs["measures"].added
