"""Exports to the tools users work in: SQLite, DuckDB, Parquet, JSON Lines and FollowTheMoney.

Every export reads the same parsed tables as the accessors (``_io.cached_table``) and takes
its column types, keys and foreign keys from the descriptor, so no format keeps a schema of its
own. Formats that need a library beyond the core ones say which extra to install.

Writing is careful with the path it is given:

- no SQL text is ever built from a path or any other user value (a DuckDB file is opened with
  ``duckdb.connect(path)``, a SQLite one with ``sqlite3.connect(path)``); the only SQL text
  assembled here holds table and column names and enumeration values from the descriptor,
  identifiers quoted by :func:`_ident`, literals by doubling ``'``;
- an existing file (for the folder formats: an existing ``<table>.parquet`` / ``<table>.jsonl``)
  is never replaced unless ``overwrite=True`` (``--force`` on the command line);
- everything is written to a temporary folder beside the target and moved into place at the
  end, so a failed export leaves neither a half-written file nor a damaged old one;
- a failure is an ``OSError`` (or ``ValueError``/``TypeError`` for a path that cannot be one)
  whose message names the path; a driver's own error (``sqlite3.Error``, ``duckdb.Error``) never
  escapes as such.

>>> import belarus_measures as bm
>>> con = bm.duckdb()  # doctest: +SKIP
>>> con.execute("select count(*) from measures").fetchone()  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.store.types import MAP
from belarus_measures.text import values as _values
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import duckdb as duckdb_module
    import pandas as pd

_EXTRAS = {"duckdb": ("duckdb", "sql"), "pyarrow": ("pyarrow", "sql"), "pyarrow.parquet": ("pyarrow", "sql"),
           "followthemoney": ("followthemoney", "ftm"),
           "matplotlib": ("matplotlib", "plot")}
_TEMP_PREFIX = ".belarus-measures-"
# Errors of os.link that mean "this file system has no hard links", not "you may not write here".
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def require(module: str) -> Any:
    """Import an optional dependency, or raise ImportError naming the pip install that brings it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        package, extra = _EXTRAS[module]
        raise ImportError(
            f"this needs the optional package {package!r}: pip install 'belarus-measures[{extra}]' "
            f"(or 'belarus-measures[all]')"
        ) from None


def _records(name: str) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts, typed as the descriptor types them (see ``_values``)."""
    return _values.records(_schema.table(name), _io.cached_table(name))


def _ident(name: str) -> str:
    """A SQL identifier, double-quoted with any ``"`` doubled (SQLite and DuckDB alike)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    """A SQL string literal, single-quoted with any ``'`` doubled."""
    return "'" + value.replace("'", "''") + "'"


# --- Where a file goes ------------------------------------------------------------------------

def _target(out: object) -> tuple[Path, str]:
    """The path ``out`` names and its text, or ValueError/TypeError when it cannot be a path."""
    if not isinstance(out, str | os.PathLike):
        raise TypeError(f"out must be a path (str or os.PathLike), got {shown(out)} ({type(out).__name__})")
    text = os.fspath(out)
    if not isinstance(text, str):
        raise TypeError(f"out must be a text path, got {shown(text)} ({type(text).__name__})")
    if not text:
        raise ValueError("out is empty; give the path to write to")
    if "\x00" in text:
        raise ValueError(f"out={shown(text)} contains a NUL character, which no file name may hold")
    try:
        os.fsencode(text)
    except UnicodeError:
        raise ValueError(f"out={shown(text)} cannot be encoded as a file name on this system") from None
    return Path(text), text


def _flag(overwrite: object) -> bool:
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, got {shown(overwrite)} ({type(overwrite).__name__})")
    return overwrite


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _os_error(err: OSError, message: str) -> OSError:
    """``err`` (same errno, so the same OSError subclass) with a message that names the path."""
    detail = _one_line(err.strerror or str(err))
    if err.errno is None:
        return OSError(f"{message}: {detail}")
    return OSError(err.errno, f"{message}: {detail}")


def _exists(name: str) -> FileExistsError:
    return FileExistsError(
        errno.EEXIST, f"{name} already exists; pass overwrite=True (--force on the command line) to replace it"
    )


@contextlib.contextmanager
def _wrapped(message: str, driver_errors: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Turn OSErrors and a driver's errors into OSErrors that say ``message`` (which names the path)."""
    try:
        yield
    except OSError as err:
        raise _os_error(err, message) from err
    except driver_errors as err:
        raise OSError(f"{message}: {_one_line(str(err))}") from err


def _make_folder(folder: Path, message: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise NotADirectoryError(
            errno.ENOTDIR, f"{message}: a part of the path is a file, not a folder"
        ) from None
    except OSError as err:
        raise _os_error(err, message) from None


def _temp_folder(folder: Path, message: str) -> Path:
    """A new hidden folder inside ``folder``, as an absolute path (on the same file system)."""
    _make_folder(folder, message)
    with _wrapped(message):
        # resolve(): a driver never sees a relative path it might read as ':memory:', 'md:' or a URL.
        return Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder)).resolve()


def _link(tmp: Path, path: Path) -> bool:
    """Put ``tmp`` at ``path`` unless something is there: atomically, with a hard link.

    Raises FileExistsError if ``path`` exists (a dangling symlink counts); returns False when
    the file system has no hard links and nothing is at ``path``, for the caller to rename.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists") from None
        return False
    return True


def _place(tmp: Path, path: Path, overwrite: bool, message: str, exists: FileExistsError) -> None:
    try:
        if overwrite or not _link(tmp, path):
            os.replace(tmp, path)
    except FileExistsError as err:
        raise (_os_error(err, message) if overwrite else exists) from None
    except OSError as err:
        raise _os_error(err, message) from None


def _write_file(out: str | os.PathLike[str], overwrite: bool, what: str, write: Callable[[Path], None],
                driver_errors: tuple[type[Exception], ...] = ()) -> Path:
    """Write one file with ``write(temporary path)``, then move it to ``out``."""
    overwrite = _flag(overwrite)
    path, text = _target(out)
    name = shown(text)
    message = f"cannot write the {what} {name}"
    if os.path.basename(text) in ("", ".", ".."):
        raise ValueError(f"out={name} names a folder; the {what} needs a file name")
    if os.path.isdir(text):
        raise IsADirectoryError(errno.EISDIR, f"{message}: it is a folder; give a file name")
    if not overwrite and os.path.lexists(text):
        raise _exists(name)
    tmpdir = _temp_folder(path.parent, message)
    try:
        tmp = tmpdir / "export"
        with _wrapped(message, driver_errors):
            write(tmp)
        _place(tmp, path, overwrite, message, _exists(name))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return path


def _write_folder(out: str | os.PathLike[str], overwrite: bool, what: str, suffix: str,
                  write: Callable[[str, Path], None], driver_errors: tuple[type[Exception], ...] = ()) -> Path:
    """Write ``<table><suffix>`` per table into the folder ``out`` with ``write(table, temporary path)``."""
    overwrite = _flag(overwrite)
    folder, text = _target(out)
    name = shown(text)
    message = f"cannot write the {what} into {name}"
    if os.path.lexists(text) and not os.path.isdir(text):
        raise NotADirectoryError(errno.ENOTDIR, f"{message}: it is a file, not a folder")
    files = [f"{table}{suffix}" for table in _schema.list_resources()]
    taken = [f for f in files if os.path.lexists(os.path.join(text, f))]
    if taken and not overwrite:
        raise FileExistsError(
            errno.EEXIST,
            f"{name} already holds {', '.join(taken[:3])}{f' and {len(taken) - 3} more' if len(taken) > 3 else ''}; "
            "pass overwrite=True (--force on the command line) to replace them",
        )
    tmpdir = _temp_folder(folder, message)
    try:
        with _wrapped(message, driver_errors):
            for table in _schema.list_resources():
                write(table, tmpdir / f"{table}{suffix}")
        for f in files:
            _place(tmpdir / f, folder / f, overwrite, message, _exists(f"{name} ({f})"))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return folder


# --- SQLite --------------------------------------------------------------------------

def _ddl(table: _schema.Table) -> str:
    # Safe SQL text: names and enumeration values come from the descriptor, never from a user,
    # and are quoted all the same (identifiers by _ident, values by _literal).
    cols = []
    for f in table.fields:
        col = f"{_ident(f.name)} {MAP[f.type].sqlite}"
        if f.required:
            col += " NOT NULL"
        if f.enum is not None:
            allowed = ", ".join(_literal(v) for v in f.enum)
            col += f" CHECK ({_ident(f.name)} IN ({allowed}))"
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(_ident(c) for c in table.primary_key) + ")")
    for fk in table.foreign_keys:
        cols.append(
            "FOREIGN KEY (" + ", ".join(_ident(c) for c in fk.fields) + f") REFERENCES {_ident(fk.resource)} ("
            + ", ".join(_ident(c) for c in fk.reference) + ")"
        )
    return f"CREATE TABLE {_ident(table.name)} (\n  " + ",\n  ".join(cols) + "\n)"


def _table_order() -> list[str]:
    """Tables with the ones they reference first, so rows load with foreign keys enforced."""
    tables = _schema.shipped_tables()
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name in path:
            return
        for fk in tables[name].foreign_keys:
            if fk.resource != name:
                visit(fk.resource, (*path, name))
        done.append(name)

    for name in tables:
        visit(name, ())
    return done


def _write_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for name in _table_order():
            table = _schema.table(name)
            con.execute(_ddl(table))
            for i, fk in enumerate(table.foreign_keys):
                cols = ", ".join(_ident(c) for c in fk.fields)
                con.execute(f"CREATE INDEX {_ident(f'ix_{name}_{i}')} ON {_ident(name)} ({cols})")
            # A self-reference (actors.parent_id) must not point at a row not yet inserted.
            con.execute("PRAGMA defer_foreign_keys = ON")
            # Values go in as parameters; only the descriptor's (quoted) table name is SQL text.
            marks = ", ".join("?" for _ in table.fields)
            rows = ([_sqlite_value(r[f.name]) for f in table.fields] for r in _records(name))
            con.executemany(f"INSERT INTO {_ident(name)} VALUES ({marks})", rows)
            con.commit()
    finally:
        con.close()


def to_sqlite(out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write every table to a new SQLite database with primary keys, foreign keys and indexes.

    The file opens as is in ``sqlite3`` and Datasette; dates are ISO text, booleans 0/1. An
    existing file at ``out`` is kept (FileExistsError) unless ``overwrite=True``; missing parent
    folders are made.

    Examples
    --------
    >>> import sqlite3, tempfile, pathlib, belarus_measures as bm
    >>> path = bm.to_sqlite(pathlib.Path(tempfile.mkdtemp()) / "bm.sqlite")
    >>> sqlite3.connect(path).execute("select count(*) from measures").fetchone()[0] == len(bm.measures())
    True
    """
    return _write_file(out, overwrite, "SQLite database", _write_sqlite, (sqlite3.Error,))


def _sqlite_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


# --- DuckDB and Parquet ----------------------------------------------------------------

def _arrow_types() -> dict[str, Any]:
    pa = require("pyarrow")
    return {name: getattr(pa, kind.arrow)() for name, kind in MAP.items()}


def _arrow_table(name: str) -> Any:
    """A table as Arrow, typed from the descriptor: dates are DATE (date32), not timestamps."""
    pa = require("pyarrow")
    table = _schema.table(name)
    types = _arrow_types()
    schema = pa.schema([pa.field(f.name, types[f.type], nullable=not f.required) for f in table.fields])
    frame = _plain_frame(_io.cached_table(name))[list(table.columns)]
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _fill_duckdb(con: duckdb_module.DuckDBPyConnection) -> None:
    for name in _schema.list_resources():
        con.register("_bm_frame", _arrow_table(name))
        # Safe SQL text: the table name is the descriptor's, quoted by _ident; no path, no value.
        con.execute(f"CREATE TABLE {_ident(name)} AS SELECT * FROM _bm_frame")
        con.unregister("_bm_frame")


def duckdb() -> duckdb_module.DuckDBPyConnection:
    """An in-memory DuckDB connection with every table, typed from the descriptor (dates as DATE).

    Needs ``pip install 'belarus-measures[sql]'``.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> con = bm.duckdb()
    >>> con.execute("select count(*) from measures where actor_id = 'eu-council'").fetchone()[0] > 0
    True
    >>> con.execute("select typeof(date) from measures limit 1").fetchone()[0]
    'DATE'
    """
    db = require("duckdb")
    require("pyarrow")
    con: duckdb_module.DuckDBPyConnection = db.connect(":memory:")
    _fill_duckdb(con)
    return con


def _plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as text, so other tools see the values and not codes."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "category":
            out[col] = out[col].astype("string")
    return out


def to_parquet(out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write one Parquet file per table into the folder ``out``; dates are DATE, counts nullable integers.

    Existing ``<table>.parquet`` files in ``out`` are kept (FileExistsError) unless
    ``overwrite=True``; other files in the folder are left alone. Needs
    ``pip install 'belarus-measures[sql]'``.
    """
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")

    def write(name: str, path: Path) -> None:
        pq.write_table(_arrow_table(name), path)

    return _write_folder(out, overwrite, "Parquet files", ".parquet", write, (pa.ArrowException,))


def to_duckdb(out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write every table to a DuckDB database file, dates as DATE.

    An existing file at ``out`` is kept (FileExistsError) unless ``overwrite=True``. Needs
    ``pip install 'belarus-measures[sql]'``.
    """
    db = require("duckdb")
    require("pyarrow")

    def fill(path: Path) -> None:
        # The file is opened by name (an absolute path in a temporary folder): no SQL holds it.
        con = db.connect(str(path))
        try:
            _fill_duckdb(con)
        finally:
            con.close()

    def write(path: Path) -> None:
        if "\\" not in str(path):
            fill(path)
            return
        # DuckDB reads a backslash as a folder separator, so it would look for another folder: the
        # database is written under the system's temporary folder and copied in.
        with tempfile.TemporaryDirectory(prefix=_TEMP_PREFIX) as scratch:
            if "\\" in scratch:
                raise OSError(errno.EINVAL, "DuckDB cannot write under a path holding a backslash")
            fill(Path(scratch).resolve() / "export")
            shutil.copyfile(Path(scratch) / "export", path)

    return _write_file(out, overwrite, "DuckDB database", write, (db.Error,))


# --- JSON Lines ------------------------------------------------------------------------

def to_jsonl(out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write one ``<table>.jsonl`` per table into the folder ``out``: one record per line.

    Each record is valid against ``schemas/<table>.schema.json``: values are written as
    ``belarus-measures list --format json`` writes them (dates ``YYYY-MM-DD``, JSON booleans,
    integers, ``null`` for missing). Existing ``<table>.jsonl`` files are kept
    (FileExistsError) unless ``overwrite=True``.

    Examples
    --------
    >>> import json, tempfile, pathlib, belarus_measures as bm
    >>> folder = bm.to_jsonl(pathlib.Path(tempfile.mkdtemp()))
    >>> first = json.loads((folder / "measures.jsonl").read_text(encoding="utf-8").splitlines()[0])
    >>> sorted(first) == sorted(bm.measures().columns)
    True
    """

    def write(name: str, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for record in _records(name):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    return _write_folder(out, overwrite, "JSON Lines files", ".jsonl", write)


# --- FollowTheMoney ---------------------------------------------------------------------

_FTM_SCHEMA = {"individual": "Person", "entity": "Organization", "aircraft": "Airplane", "vessel": "Vessel"}


def _listing_ends(
    designations: list[dict[str, Any]], measures: dict[str, dict[str, Any]], actors: dict[str, dict[str, Any]],
    links: list[dict[str, Any]],
) -> dict[tuple[str, str], str]:
    """(listing measure, target) -> the day a delisting ended that listing.

    A delisting ends the listings of its target that it ``reverses`` in ``measure_links``;
    failing such a link, the same jurisdiction's (for an international body: the same actor's)
    earlier listings of the target.
    """

    def where(measure_id: str) -> str:
        actor_id = measures[measure_id]["actor_id"]
        return str(actors[actor_id]["jurisdiction"] or f"actor {actor_id}")

    listings = {(r["measure_id"], r["target_id"]) for r in designations
                if measures[r["measure_id"]]["measure_type"] != "delisting"}
    reverses: dict[str, list[str]] = {}
    for link in links:
        if link["relation"] == "reverses":
            reverses.setdefault(link["measure_id"], []).append(link["related_measure_id"])
    ends: dict[tuple[str, str], str] = {}
    for r in designations:
        delisting = measures[r["measure_id"]]
        if delisting["measure_type"] != "delisting":
            continue
        target = r["target_id"]
        ended = [m for m in reverses.get(r["measure_id"], []) if (m, target) in listings]
        if not ended:
            ended = [m for m, t in listings if t == target and where(m) == where(r["measure_id"])
                     and measures[m]["date"] <= delisting["date"]]
        day = str(delisting["date_effective"] or delisting["date"])
        for m in ended:
            ends[(m, target)] = min(ends.get((m, target), day), day)
    return ends


def ftm_entities() -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities: one Person/Organization/Airplane per target, one Sanction per listing.

    A designation row of a ``delisting`` measure (the OFAC removal of Belavia and EW-301PJ, the
    General Court's annulment for Belshina) is not a sanction: it sets the ``endDate`` of the
    Sanction(s) it ends (see ``_listing_ends``) and becomes no Sanction of its own. The table
    exports (SQLite, DuckDB, Parquet, JSON Lines) keep such a row as it is, a designation of a
    measure whose ``measure_type`` is ``delisting``.

    Needs ``pip install 'belarus-measures[ftm]'``. Every entity is built with the
    followthemoney library, so its properties are checked against the FtM model.
    """
    ftm = require("followthemoney")
    model = ftm.model
    targets = {r["target_id"]: r for r in _records("targets")}
    aliases: dict[str, list[str]] = {}
    for r in _records("target_aliases"):
        aliases.setdefault(str(r["target_id"]), []).append(str(r["alias"]))
    measures = {str(r["measure_id"]): r for r in _records("measures")}
    actors = {str(r["actor_id"]): r for r in _records("actors")}
    sources = {r["source_id"]: r for r in _records("sources")}
    citations: dict[str, list[str]] = {}
    for r in _records("citations"):
        url = sources[r["source_id"]]["url"]
        if url:
            citations.setdefault(str(r["measure_id"]), []).append(str(url))
    designations: list[dict[str, Any]] = list(_records("designations"))
    ends = _listing_ends(designations, measures, actors, list(_records("measure_links")))
    for target_id, t in targets.items():
        proxy = model.make_entity(_FTM_SCHEMA[str(t["target_kind"])])
        proxy.id = f"bm-target-{target_id}"
        proxy.add("name", t["name"])
        names = [a for a in aliases.get(str(target_id), []) if a != t["name"]]
        if t["target_kind"] == "aircraft":
            proxy.add("registrationNumber", t["name"])
        proxy.add("alias", names)
        if t["country"]:
            proxy.add("country", str(t["country"]).lower())
        if t["description"]:
            proxy.add("description", t["description"])
        if t.get("birth_date") and t["target_kind"] == "individual":
            proxy.add("birthDate", t["birth_date"])
        proxy.add("topics", "sanction")
        yield proxy.to_dict()
    for r in designations:
        m = measures[r["measure_id"]]
        if m["measure_type"] == "delisting":
            continue
        actor = actors[m["actor_id"]]
        sanction = model.make_entity("Sanction")
        sanction.id = f"bm-sanction-{r['measure_id']}-{r['target_id']}"
        sanction.add("entity", f"bm-target-{r['target_id']}")
        sanction.add("authority", actor["name"])
        if actor["jurisdiction"] and actor["jurisdiction"] != "EU":
            sanction.add("country", str(actor["jurisdiction"]).lower())
        sanction.add("program", m["title"])
        sanction.add("reason", m["summary"])
        sanction.add("listingDate", m["date"])
        sanction.add("startDate", m["date_effective"] or m["date"])
        end = [d for d in (m["date_end"], ends.get((r["measure_id"], r["target_id"]))) if d]
        if end:
            sanction.add("endDate", min(end))
        if m["legal_reference"]:
            sanction.add("provisions", m["legal_reference"])
        sanction.add("recordId", m["measure_id"])
        sanction.add("sourceUrl", citations.get(str(r["measure_id"]), [])[:3])
        yield sanction.to_dict()


def to_ftm(out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the FollowTheMoney entities as JSON Lines (the format ``ftm`` tools read).

    An existing file at ``out`` is kept (FileExistsError) unless ``overwrite=True``.
    """
    require("followthemoney")

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for entity in ftm_entities():
                fh.write(json.dumps(entity, ensure_ascii=False) + "\n")

    return _write_file(out, overwrite, "FollowTheMoney file", write)


def export(fmt: str, out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Export in ``fmt`` (sqlite, duckdb, parquet, jsonl, ftm) to ``out``; returns the path written.

    ``out`` is a file for sqlite, duckdb and ftm, a folder for parquet and jsonl. What is
    already there is kept (FileExistsError) unless ``overwrite=True``.
    """
    if not isinstance(fmt, str) or fmt not in WRITERS:
        raise ValueError(f"unknown format {shown(fmt)}; valid formats: {', '.join(FORMATS)}")
    return WRITERS[fmt].write(out, overwrite=_flag(overwrite))


@dataclass(frozen=True)
class Writer:
    """One export format: its writer, whether ``out`` is a file or a folder, and what it needs."""

    write: Callable[..., Path]
    out: str          # "file" or "folder"
    extra: str | None  # the pip extra it needs, if any
    help: str


# The one registry of formats: export(), the command line's --format choices and its help read it.
WRITERS: dict[str, Writer] = {
    "sqlite": Writer(to_sqlite, "file", None, "SQLite database with keys, foreign keys and CHECK constraints"),
    "duckdb": Writer(to_duckdb, "file", "sql", "DuckDB database file"),
    "parquet": Writer(to_parquet, "folder", "sql", "one Parquet file per table"),
    "jsonl": Writer(to_jsonl, "folder", None, "one JSON Lines file per table"),
    "ftm": Writer(to_ftm, "file", "ftm", "FollowTheMoney entities as JSON Lines"),
}
FORMATS = tuple(WRITERS)
