"""Regressions of the adversarial review (issue 11): tampered data, strict values, unsafe paths,
descriptor problems, packages checked against their own descriptor, long values, the testing kit,
one definition of jurisdiction. Each test failed before its fix."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures import testing
from belarus_measures.store import files as _files
from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.checks import validate as _validate
from belarus_measures.cli import main
from conftest import ROOT


def rehash(package: Path) -> None:
    """Recompute a package's bookkeeping, as someone editing it on purpose would."""
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.update(_files.stats((package / resource["path"]).read_bytes()))
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def edit_csv(package: Path, name: str, change: Callable[[str], str], *, recompute: bool = True) -> None:
    path = package / "data" / f"{name}.csv"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    if recompute:
        rehash(package)


def edit_descriptor(package: Path, change: Callable[[dict[str, object]], object]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(change(descriptor)), encoding="utf-8")


# --- 3. tampered installed data never loads silently ------------------------------------------

@pytest.fixture
def installed_copy(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The accessors pointed at a writable copy of the installed data."""
    monkeypatch.setattr(_resources, "data_dir", lambda: package_copy)
    _io.clear_cache()
    yield package_copy
    _io.clear_cache()


def test_a_changed_count_is_refused_on_first_load(installed_copy: Path) -> None:
    edit_csv(installed_copy, "designation_counts", lambda t: t.replace("individual,40", "individual,41", 1),
             recompute=False)
    with pytest.raises(ValueError, match="designation_counts.csv"):
        bm.designation_counts()


def test_a_truncated_table_is_refused(installed_copy: Path) -> None:
    path = installed_copy / "data" / "measures.csv"
    path.write_bytes(path.read_bytes()[:-500])
    with pytest.raises(ValueError, match=r"data/measures\.csv"):
        bm.measures()


def test_a_duplicated_row_is_refused(installed_copy: Path) -> None:
    edit_csv(installed_copy, "measures", lambda t: t + t.splitlines()[1] + "\n", recompute=False)
    with pytest.raises(ValueError, match="measures.csv"):
        bm.measures()


def test_hashes_recomputed_by_hand_do_not_vouch_for_the_files(installed_copy: Path) -> None:
    edit_csv(installed_copy, "designation_counts", lambda t: t.replace("individual,40", "individual,41", 1))
    with pytest.raises(ValueError, match="datapackage.json"):
        bm.designation_counts()


def test_untouched_copy_loads(installed_copy: Path) -> None:
    assert len(bm.measures()) > 300


# --- 7. dates: NaT and ISO week dates ---------------------------------------------------------

@pytest.mark.parametrize("value", [pd.NaT, "2021-W01-1", "2021-1-5", "20210105", " 2021-01-05", "2021-01-05\x00"])
def test_dates_that_are_not_days_are_refused(value: object) -> None:
    with pytest.raises((ValueError, TypeError), match="start"):
        bm.measures(start=value)  # type: ignore[arg-type]
    with pytest.raises((ValueError, TypeError), match="on"):
        bm.in_force(value)  # type: ignore[arg-type]


def test_a_timestamp_and_a_date_are_the_same_day() -> None:
    a = bm.in_force(pd.Timestamp("2021-03-01 15:30"))
    b = bm.in_force(dt.date(2021, 3, 1))
    assert list(a.measure_id) == list(b.measure_id) and len(a) > 0


# --- 8. integers are digits -------------------------------------------------------------------

@pytest.mark.parametrize("written", ["4e1", "40.0", "0x28", "40 ", "٤٠"])
def test_integers_are_digits_only(package_copy: Path, written: str) -> None:
    edit_csv(package_copy, "designation_counts", lambda t: t.replace("individual,40\n", f"individual,{written}\n", 1))
    failures = _validate.problems(package_copy)
    assert any("is not an integer" in f and "designation_counts" in f for f in failures), failures


# --- 9. resource paths stay inside the package -------------------------------------------------

@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "data/../../x.csv", "data\\x00.csv",
                                  "C:/Windows/win.ini", "data//votes.csv", "./data/votes.csv"])
def test_a_resource_path_leaving_the_package_is_not_read(package_copy: Path, path: str) -> None:
    def point(d: dict[str, object]) -> dict[str, object]:
        resources = d["resources"]
        assert isinstance(resources, list)
        next(r for r in resources if r["name"] == "votes")["path"] = path
        return d

    edit_descriptor(package_copy, point)
    failures = _validate.problems(package_copy)
    assert any("not safe" in f and "votes" in f for f in failures), failures
    assert not any("root:" in f for f in failures)


# --- 10. descriptor problems are validation failures naming file and field ---------------------

DESCRIPTOR_BREAKS: dict[str, tuple[Callable[[dict[str, object]], object], str]] = {
    "a list": (lambda d: [], "must be a JSON object"),
    "no resources": (lambda d: {k: v for k, v in d.items() if k != "resources"}, "resources"),
    "created yesterday": (lambda d: {**d, "created": "yesterday"}, "created='yesterday'"),
    "version words": (lambda d: {**d, "version": "latest"}, "version='latest'"),
    "a resource without schema": (
        lambda d: {**d, "resources": [{k: v for k, v in r.items() if k != "schema"} if r["name"] == "votes" else r
                                      for r in d["resources"]]}, "'votes' has no schema"),  # type: ignore[attr-defined]
    "the votes resource removed": (
        lambda d: {**d, "resources": [r for r in d["resources"] if r["name"] != "votes"]},  # type: ignore[attr-defined]
        "data/votes.csv is in the package but no resource describes it"),
    "an unknown type": (
        lambda d: {**d, "resources": [{**r, "schema": {**r["schema"], "fields": [{**f, "type": "datetime"} if f["name"] == "date" else f for f in r["schema"]["fields"]]}} if r["name"] == "votes" else r
                                      for r in d["resources"]]}, "type='datetime'"),  # type: ignore[attr-defined]
    "a foreign key to nowhere": (
        lambda d: {**d, "resources": [{**r, "schema": {**r["schema"], "foreignKeys": [{"fields": "measure_id", "reference": {"resource": "nothing", "fields": "measure_id"}}]}} if r["name"] == "votes" else r
                                      for r in d["resources"]]}, "'nothing'"),  # type: ignore[attr-defined]
}


@pytest.mark.parametrize("case", list(DESCRIPTOR_BREAKS))
def test_descriptor_problems_are_failures_naming_file_and_field(package_copy: Path, case: str) -> None:
    change, expected = DESCRIPTOR_BREAKS[case]
    edit_descriptor(package_copy, change)
    failures = _validate.problems(package_copy)
    assert failures and all("datapackage.json" in f for f in failures if f.startswith("[descriptor]")), failures
    assert any(expected in f for f in failures), failures
    assert main(["validate", str(package_copy)]) == 1


@pytest.mark.parametrize("text", [b"{not json", b"", b"\xff\xfe{}", b"null", b"42"])
def test_a_descriptor_that_is_not_a_json_object_is_a_failure(package_copy: Path, text: bytes,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (package_copy / "datapackage.json").write_bytes(text)
    assert main(["validate", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert "datapackage.json" in out.out and "Traceback" not in out.out + out.err


# --- 11. a package is checked against its own descriptor ----------------------------------------

def _release_commit(version: str) -> str | None:
    try:
        found = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%H", f"--grep=^Release {version}"],
                               capture_output=True, text=True, check=False).stdout.split()
    except OSError:
        return None
    return found[0] if found else None


def test_release_0_2_0_validates_against_its_own_descriptor(tmp_path: Path) -> None:
    commit = _release_commit("0.2.0")
    if commit is None:
        pytest.skip("no git history of the 0.2.0 release here (an sdist, a shallow clone)")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "datapackage"],
                             capture_output=True, check=True).stdout
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp_path, filter="data")
    found = _validate.report(tmp_path / "datapackage")
    assert found.failures == []
    assert "romanised_names" in found.not_applicable  # the column came in 0.4.0


def test_a_package_without_a_column_is_told_which_checks_do_not_apply(package_copy: Path) -> None:
    def drop(d: dict[str, object]) -> dict[str, object]:
        for r in d["resources"]:  # type: ignore[attr-defined]
            if r["name"] == "targets":
                r["schema"]["fields"] = [f for f in r["schema"]["fields"] if f["name"] != "name_romanised"]
        return d

    path = package_copy / "data" / "targets.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index("name_romanised")
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(r[:col] + r[col + 1:] for r in rows)
    edit_descriptor(package_copy, drop)
    rehash(package_copy)
    found = _validate.report(package_copy)
    assert not any("name_romanised" in f for f in found.failures), found.failures
    assert found.not_applicable["romanised_names"] == ["targets.name_romanised"]


def test_a_new_column_in_a_package_is_checked_by_its_own_descriptor(package_copy: Path) -> None:
    def add(d: dict[str, object]) -> dict[str, object]:
        for r in d["resources"]:  # type: ignore[attr-defined]
            if r["name"] == "actors":
                r["schema"]["fields"].append({"name": "founded", "type": "date"})
        return d

    path = package_copy / "data" / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",founded", *(line + ",2001-02-30" if i == 0 else line + "," for i, line in enumerate(lines[1:]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_descriptor(package_copy, add)
    rehash(package_copy)
    failures = _validate.problems(package_copy)
    assert len(failures) == 1 and "founded='2001-02-30'" in failures[0], failures


# --- 13. long values are cut in messages --------------------------------------------------------

def test_a_long_bad_value_is_cut_in_the_message(package_copy: Path) -> None:
    long = "x" * 100_000
    edit_csv(package_copy, "measures", lambda t: t.replace(",resolution,", f",{long},", 1))
    failures = _validate.problems(package_copy)
    assert failures and max(len(f) for f in failures) < 2_000, [f[:200] for f in failures]
    assert any("100002 characters" in f for f in failures), [f[:200] for f in failures]


def test_a_five_megabyte_cell_is_a_short_failure(package_copy: Path) -> None:
    huge = "x" * 5_000_000
    edit_csv(package_copy, "measures", lambda t: t.replace(",resolution,", f",{huge},", 1), recompute=False)
    failures = _validate.problems(package_copy)
    assert failures and max(len(f) for f in failures) < 2_000, [f[:200] for f in failures]
    assert any("measures.csv" in f for f in failures)


def test_a_huge_filter_value_is_cut_in_the_error() -> None:
    with pytest.raises(ValueError) as err:
        bm.measures(actor="y" * 1_000_000)
    assert len(str(err.value)) < 5_000 and "yyyy" in str(err.value)


# --- 14. the testing kit's assert_valid needs every table ----------------------------------------

def test_assert_valid_refuses_an_empty_dataset() -> None:
    with pytest.raises(AssertionError, match="actors"):
        testing.assert_valid({})


def test_assert_valid_refuses_a_dataset_missing_a_table() -> None:
    tables = testing.synthetic_tables(5)
    del tables["actors"]
    with pytest.raises(AssertionError, match="actors"):
        testing.assert_valid(tables)


def test_assert_valid_refuses_an_unknown_table() -> None:
    tables = testing.synthetic_tables(5)
    tables["extra"] = tables["actors"]
    with pytest.raises(AssertionError, match="extra"):
        testing.assert_valid(tables)


# --- 16. one definition of jurisdiction -----------------------------------------------------------

def test_every_jurisdiction_the_coverage_reports_is_a_valid_filter() -> None:
    reported = set(bm.coverage().jurisdiction)
    assert {"un", "osce", "coe", "EU", "US", "BY"} <= reported
    for code in sorted(reported):
        assert len(bm.measures(jurisdiction=code)) > 0, code


def test_summary_and_coverage_count_the_same_jurisdictions() -> None:
    from belarus_measures.reports.summary import summary_text

    text = summary_text()
    block = text.split("Measures per jurisdiction\n", 1)[1].split("\n\n", 1)[0]
    summary = {line.split()[0]: int(line.split()[1]) for line in block.splitlines()}
    per = bm.coverage().groupby("jurisdiction").measures.sum().to_dict()
    assert summary == per


def test_a_whole_organisation_is_one_jurisdiction() -> None:
    un = bm.measures(jurisdiction="un")
    assert len(un) > 0 and un.equals(bm.measures(actor="un"))


# --- the shipped copy, for completeness -----------------------------------------------------------

def test_copy_of_shipped_package_is_valid(package_copy: Path) -> None:
    assert _validate.problems(package_copy) == []


def test_copies_do_not_touch_the_shipped_files(package_copy: Path) -> None:
    shutil.rmtree(package_copy)
    assert (ROOT / "datapackage" / "datapackage.json").is_file()
