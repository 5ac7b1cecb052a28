"""Exports under attack (issue 11): hostile paths, existing files, unwritable places, typed dates,
delistings in FollowTheMoney, and one serialisation of values for every text output."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures import exports
from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown
from belarus_measures.cli import main
from conftest import ROOT

FILE_FORMATS = ("sqlite", "duckdb", "ftm")
FOLDER_FORMATS = ("parquet", "jsonl")
SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl"}


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder of our own, so any file written beside the target shows up."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _one_line_error(capsys: pytest.CaptureFixture[str], *names: str) -> str:
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1, err
    assert err.startswith("belarus-measures: error: "), err
    assert "Traceback" not in err
    for name in names:
        assert shown(name) in err, (name, err)
    return err


def _all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _assert_valid(fmt: str, path: Path) -> None:
    """The export at ``path`` opens in its own tool and holds every measure."""
    n = len(bm.measures())
    if fmt == "sqlite":
        con = sqlite3.connect(path)
        try:
            assert con.execute("select count(*) from measures").fetchone()[0] == n
        finally:
            con.close()
    elif fmt == "duckdb":
        import duckdb

        with tempfile.TemporaryDirectory() as scratch:
            # DuckDB reads a backslash as a folder separator: open such a file from a clean path.
            clean = Path(scratch) / "check.duckdb"
            shutil.copyfile(path, clean)
            dcon = duckdb.connect(str(clean), read_only=True)
            try:
                row = dcon.execute("select count(*) from measures").fetchone()
                assert row is not None and row[0] == n
            finally:
                dcon.close()
    elif fmt == "ftm":
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines and all(json.loads(line)["id"] for line in lines)
    else:
        assert path.is_dir()
        for name in bm.list_resources():
            assert (path / f"{name}{SUFFIX[fmt]}").is_file()


# --- 1. No SQL is built from a path --------------------------------------------------------

INJECTION = "a.duckdb' AS t; COPY (SELECT 1) TO 'pwned.csv'; DETACH t; ATTACH 'b.duckdb"


def test_duckdb_path_with_sql_in_it_is_only_a_name(tmp_path: Path, cwd: Path) -> None:
    out = tmp_path / "out" / INJECTION
    path = bm.to_duckdb(out)
    assert path == out
    _assert_valid("duckdb", out)
    written = {p.name for p in _all_files(tmp_path)}
    assert "pwned.csv" not in written and "b.duckdb" not in written
    assert list(cwd.iterdir()) == []


def test_duckdb_command_with_sql_in_the_path(tmp_path: Path, cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "duckdb", "--out", INJECTION]) == 0
    assert (cwd / INJECTION).is_file()
    assert not (cwd / "pwned.csv").exists() and not (cwd / "b.duckdb").exists()
    assert {p.name for p in cwd.iterdir()} == {INJECTION}


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_quote_in_the_file_name(fmt: str, tmp_path: Path, cwd: Path) -> None:
    out = tmp_path / f"it's \"quoted\"; {fmt}"
    assert bm.export(fmt, out) == out
    _assert_valid(fmt, out)


def test_duckdb_under_a_folder_with_a_backslash_in_its_name(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    out = tmp_path / "a\\b" / "x\\y.duckdb"
    assert bm.to_duckdb(out) == out
    _assert_valid("duckdb", out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a\\b"]


def test_identifiers_are_quoted_by_doubling() -> None:
    assert exports._ident("measures") == '"measures"'
    assert exports._ident('a"b') == '"a""b"'


# --- 2. A delisting ends a listing in FollowTheMoney ------------------------------------------

@pytest.fixture(scope="module")
def sanctions() -> dict[str, dict[str, Any]]:
    pytest.importorskip("followthemoney")
    return {e["id"]: e for e in bm.ftm_entities() if e["schema"] == "Sanction"}


def _delistings() -> set[str]:
    m = bm.measures(measure_type="delisting")
    return set(m.measure_id)


def test_a_delisting_is_never_a_sanction(sanctions: dict[str, dict[str, Any]]) -> None:
    delistings = _delistings()
    assert {"us-2025-11-04-ofac-belavia-delisting", "eu-2024-03-20-belshina-annulment"} <= delistings
    for sanction in sanctions.values():
        assert not set(sanction["properties"]["recordId"]) & delistings, sanction["id"]
    d = bm.designations()
    assert len(sanctions) == int((~d.measure_id.isin(delistings)).sum())


def test_a_delisting_ends_the_listing_it_reverses(sanctions: dict[str, dict[str, Any]]) -> None:
    belavia = sanctions["bm-sanction-us-2023-08-09-ofac-designations-belavia"]["properties"]
    assert belavia["endDate"] == ["2025-11-04"] and belavia["startDate"] == ["2023-08-09"]
    assert sanctions["bm-sanction-us-2023-08-09-ofac-designations-ew-301pj"]["properties"]["endDate"] == ["2025-11-04"]
    assert sanctions["bm-sanction-eu-2021-12-02-designations-belshina-oao"]["properties"]["endDate"] == ["2024-03-20"]
    # Another jurisdiction's listing of the same target is not ended by the EU court.
    assert "endDate" not in sanctions["bm-sanction-ch-2021-12-17-designations-belshina-oao"]["properties"]
    assert "endDate" not in sanctions["bm-sanction-eu-2021-12-02-designations-belavia"]["properties"]


def test_without_a_link_a_delisting_ends_the_same_jurisdictions_earlier_listings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("followthemoney")
    real = _io.cached_table

    def no_links(name: str) -> Any:
        frame = real(name)
        return frame.iloc[0:0] if name == "measure_links" else frame

    monkeypatch.setattr(_io, "cached_table", no_links)
    ends = {e["id"]: e["properties"].get("endDate") for e in bm.ftm_entities() if e["schema"] == "Sanction"}
    assert ends["bm-sanction-us-2023-08-09-ofac-designations-belavia"] == ["2025-11-04"]
    assert ends["bm-sanction-eu-2021-12-02-designations-belshina-oao"] == ["2024-03-20"]
    assert ends["bm-sanction-ch-2021-12-17-designations-belshina-oao"] is None
    assert not any(key.startswith("bm-sanction-us-2025-11-04-ofac-belavia-delisting") for key in ends)


def test_the_table_exports_keep_a_delisting_a_delisting(tmp_path: Path) -> None:
    con = sqlite3.connect(bm.to_sqlite(tmp_path / "x.sqlite"))
    rows = con.execute(
        """select m.measure_type from designations d join measures m using (measure_id)
           where d.measure_id = 'us-2025-11-04-ofac-belavia-delisting'"""
    ).fetchall()
    assert rows == [("delisting",), ("delisting",)]


# --- 3. Unwritable places are one line, exit 2 ----------------------------------------------

@pytest.mark.parametrize("fmt", [*FILE_FORMATS, *FOLDER_FORMATS])
def test_under_a_path_whose_parent_is_a_file(fmt: str, tmp_path: Path, cwd: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "somefile").write_text("not a folder", encoding="utf-8")
    # Relative to the working folder: a long temporary folder (pytest-xdist adds one level) would
    # have the error cut the path before its "x.db".
    out = str(Path("..") / "somefile" / "x.db")
    assert main(["export", "--format", fmt, "--out", out]) == 2
    _one_line_error(capsys, out)
    with pytest.raises(OSError, match="x.db"):
        bm.export(fmt, out)
    assert (tmp_path / "somefile").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("folder", ["/proc", "/sys"])
@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_into_a_folder_even_root_cannot_write(fmt: str, folder: str, cwd: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    try:
        os.rmdir(tempfile.mkdtemp(dir=folder))
    except OSError:
        pass
    else:
        pytest.skip(f"{folder} is writable here")
    out = f"{folder}/belarus-measures-test.{fmt}"
    assert main(["export", "--format", fmt, "--out", out]) == 2
    _one_line_error(capsys, out)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_into_a_read_only_folder(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        out = str(folder / f"x.{fmt}")
        assert main(["export", "--format", fmt, "--out", out]) == 2
        _one_line_error(capsys, out)
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("fmt", [*FILE_FORMATS, *FOLDER_FORMATS])
def test_a_nul_in_the_path(fmt: str, cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", fmt, "--out", "x\x00y.db"]) == 2
    _one_line_error(capsys, "x\x00y.db")
    with pytest.raises(ValueError, match="NUL"):
        bm.export(fmt, "x\x00y.db")
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_into_a_missing_parent_folder(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "deeper" / f"x.{fmt}"
    assert main(["export", "--format", fmt, "--out", str(out)]) == 0
    _assert_valid(fmt, out)


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_onto_a_folder(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for force in ([], ["--force"]):
        assert main(["export", "--format", fmt, "--out", str(tmp_path), *force]) == 2
        _one_line_error(capsys, str(tmp_path))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_file_name_that_names_a_folder(fmt: str, tmp_path: Path) -> None:
    for out in (f"{tmp_path}/new/", f"{tmp_path}/new/.", f"{tmp_path}/new/.."):
        with pytest.raises(ValueError, match="folder") as err:
            bm.export(fmt, out)
        assert shown(out) in str(err.value)


def test_a_path_that_is_not_a_path() -> None:
    for bad in (None, 3, b"x.sqlite", ["x.sqlite"]):
        with pytest.raises(TypeError, match=type(bad).__name__):
            bm.to_sqlite(bad)  # type: ignore[arg-type]


def _sqlite_fails(*args: object, **kwargs: object) -> sqlite3.Connection:
    raise sqlite3.OperationalError("disk I/O error")


def test_a_sqlite_driver_error_becomes_an_oserror_naming_the_path(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "connect", _sqlite_fails)
    out = tmp_path / "x.sqlite"
    with pytest.raises(OSError, match="disk I/O error") as err:
        bm.to_sqlite(out)
    assert shown(str(out)) in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_a_duckdb_driver_error_becomes_an_oserror_naming_the_path(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    duckdb = pytest.importorskip("duckdb")

    def fails(*args: object, **kwargs: object) -> None:
        raise duckdb.IOException("could not write")

    monkeypatch.setattr(duckdb, "connect", fails)
    out = tmp_path / "x.duckdb"
    with pytest.raises(OSError, match="could not write") as err:
        bm.to_duckdb(out)
    assert shown(str(out)) in str(err.value)
    assert list(tmp_path.iterdir()) == []


# --- 4. No export replaces a file unasked ----------------------------------------------------

@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_an_existing_file_is_kept_unless_asked(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"my thesis")
    with pytest.raises(FileExistsError, match="overwrite=True") as err:
        bm.export(fmt, thesis)
    assert shown(str(thesis)) in str(err.value)
    assert main(["export", "--format", fmt, "--out", str(thesis)]) == 2
    assert "--force" in _one_line_error(capsys, str(thesis))
    assert thesis.read_bytes() == b"my thesis"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]
    assert main(["export", "--format", fmt, "--out", str(thesis), "--force"]) == 0
    _assert_valid(fmt, thesis)
    assert bm.export(fmt, thesis, overwrite=True) == thesis
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_existing_table_files_are_kept_unless_asked(fmt: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert bm.export(fmt, tmp_path) == tmp_path  # other files in the folder are no obstacle
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(FileExistsError, match=f"measures{SUFFIX[fmt]}.*overwrite=True") as err:
        bm.export(fmt, tmp_path)
    assert shown(str(tmp_path)) in str(err.value)
    assert main(["export", "--format", fmt, "--out", str(tmp_path)]) == 2
    assert "--force" in _one_line_error(capsys, str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert main(["export", "--format", fmt, "--out", str(tmp_path), "--force"]) == 0
    assert {p.name for p in tmp_path.iterdir()} == set(before)


@pytest.mark.parametrize("fmt", [*FILE_FORMATS, *FOLDER_FORMATS])
def test_a_failed_export_leaves_the_old_file_whole(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / ("x.out" if fmt in FILE_FORMATS else "folder")
    bm.export(fmt, out)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    calls = itertools.count()
    real = _io.cached_table

    def breaks_half_way(name: str) -> Any:
        if next(calls) >= 6:
            raise OSError(28, "No space left on device")
        return real(name)

    monkeypatch.setattr(_io, "cached_table", breaks_half_way)
    with pytest.raises(OSError, match="No space left") as err:
        bm.export(fmt, out, overwrite=True)
    assert shown(str(out)) in str(err.value)
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.rglob(".*")]


def test_existing_file_refused_through_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.sqlite"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        bm.to_sqlite(link)
    assert not (tmp_path / "nowhere").exists()


# --- 5. Dates are DATE -------------------------------------------------------------------------

def _date_fields() -> Iterator[tuple[str, str]]:
    for name in bm.list_resources():
        for field in _schema.table(name).fields:
            if field.type == "date":
                yield name, field.name


def test_parquet_stores_dates_as_dates(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = bm.to_parquet(tmp_path / "parquet")
    fields = list(_date_fields())
    assert len(fields) >= 10
    for name, column in fields:
        assert pq.read_schema(folder / f"{name}.parquet").field(column).type == pa.date32(), (name, column)
    schema = pq.read_schema(folder / "votes.parquet")
    assert schema.field("votes_for").type == pa.int64()
    assert schema.field("measure_id").type == pa.string()
    assert pq.read_schema(folder / "measures.parquet").field("binding").type == pa.bool_()


def _describe(con: Any, name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in con.execute(f'describe "{name}"').fetchall()}


def test_duckdb_file_and_connection_store_dates_as_dates(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = bm.to_duckdb(tmp_path / "x.duckdb")
    on_disk = duckdb.connect(str(path), read_only=True)
    in_memory = bm.duckdb()
    try:
        for con in (on_disk, in_memory):
            for name, column in _date_fields():
                assert _describe(con, name)[column] == "DATE", (name, column)
            votes = _describe(con, "votes")
            assert votes["votes_for"] == "BIGINT" and votes["measure_id"] == "VARCHAR"
            assert _describe(con, "measures")["binding"] == "BOOLEAN"
            assert _describe(con, "figures")["value"] == "DOUBLE"
            row = con.execute("select date from measures where measure_id = 'eu-2020-10-02-designations'").fetchone()
            assert str(row[0]) == "2020-10-02"
    finally:
        on_disk.close()
        in_memory.close()


# --- 6. One serialisation of values -------------------------------------------------------------

def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_list_json_records_are_valid_against_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(bm.measures())
    validator = _validator("measures")
    for record in records:
        validator.validate(record)
    first = next(r for r in records if r["measure_id"] == "eu-2020-10-02-designations")
    assert first["date"] == "2020-10-02" and first["binding"] is True and first["background"] is False
    assert first["date_end"] is None


def _shipped_rows(name: str) -> list[list[str]]:
    text = (ROOT / "datapackage" / "data" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_list_csv_writes_cells_as_the_shipped_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert list(csv.reader(io.StringIO(out))) == _shipped_rows("measures")
    assert out == (ROOT / "datapackage" / "data" / "measures.csv").read_text(encoding="utf-8")


def test_list_csv_of_a_filter_writes_the_same_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--jurisdiction", "EU", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    shipped = _shipped_rows("measures")
    by_id = {row[0]: row for row in shipped[1:]}
    assert rows[0] == shipped[0]
    assert len(rows) > 10
    assert all(row == by_id[row[0]] for row in rows[1:])
    assert {row[shipped[0].index("binding")] for row in rows[1:]} <= {"true", "false"}


def test_jsonl_values_are_the_shipped_cells(tmp_path: Path) -> None:
    from belarus_measures.text import values as _values

    folder = bm.to_jsonl(tmp_path / "jsonl")
    for name in bm.list_resources():
        shipped = _shipped_rows(name)
        header = shipped[0]
        lines = (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        cells = [[_values.csv_text(json.loads(line)[column]) for column in header] for line in lines]
        assert cells == shipped[1:], name


def test_integers_and_whole_numbers_have_no_point_zero(tmp_path: Path) -> None:
    folder = bm.to_jsonl(tmp_path / "jsonl")
    text = (folder / "designation_counts.jsonl").read_text(encoding="utf-8")
    assert '"count": 15' in text and ".0," not in text and ".0}" not in text
    figures = [json.loads(line) for line in (folder / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(type(f["value"]) in (int, float) for f in figures)
    assert any(f["value"] == 80.1 for f in figures)


# --- 7. Fuzzed file names ------------------------------------------------------------------------

_piece = st.text(
    alphabet=st.sampled_from(list("ab'\"; ?*%:$\\`-_~.ЖéΩ🙂\x00") + ["\u202e", "\t"]), min_size=1, max_size=8
)
_segment = st.one_of(st.sampled_from(["..", "."]), _piece)
_names = st.tuples(st.lists(_segment, max_size=3), _piece, st.sampled_from(["", "/"]))
_counter = itertools.count()
FUZZ = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _fuzz_export(fmt: str, tmp_path: Path, parts: tuple[list[str], str, str]) -> None:
    cwd = Path.cwd()
    assert cwd == tmp_path / "cwd"
    # Five levels deep, so at most four '..' still land inside tmp_path.
    base = tmp_path / f"case{next(_counter)}" / "b" / "c" / "d" / "e"
    base.mkdir(parents=True)
    dirs, name, tail = parts
    out = str(base) + "/" + "/".join([*dirs, name]) + tail
    try:
        path = bm.export(fmt, out)
    except (ValueError, TypeError, OSError) as err:
        assert shown(out) in str(err), (out, err)
    else:
        assert os.path.samefile(path, out) if fmt in FOLDER_FORMATS else str(path) == str(Path(out))
        _assert_valid(fmt, Path(out))
    assert list(cwd.iterdir()) == []
    assert not [p for p in tmp_path.rglob(".belarus-measures-*")]


@pytest.mark.parametrize("fmt", [*FILE_FORMATS, *FOLDER_FORMATS])
def test_fuzzed_file_names(fmt: str, tmp_path: Path, cwd: Path) -> None:
    if fmt != "jsonl":
        pytest.importorskip({"sqlite": "sqlite3", "duckdb": "duckdb", "ftm": "followthemoney"}.get(fmt, "pyarrow"))
    outside = set(tmp_path.parent.iterdir())

    @FUZZ
    @given(_names)
    def run(parts: tuple[list[str], str, str]) -> None:
        _fuzz_export(fmt, tmp_path, parts)

    run()
    assert set(tmp_path.parent.iterdir()) == outside

