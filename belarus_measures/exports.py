"""Exports to the tools users work in: SQLite, DuckDB, Parquet, JSON Lines and FollowTheMoney.

Every export reads the same parsed tables as the accessors (``_io.cached_table``) and takes
its column types, keys and foreign keys from the descriptor, so no format keeps a schema of its
own. Formats that need a library beyond the core ones say which extra to install.

>>> import belarus_measures as bm
>>> con = bm.duckdb()  # doctest: +SKIP
>>> con.execute("select count(*) from measures").fetchone()  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belarus_measures import _io, _schema

if TYPE_CHECKING:
    import duckdb as duckdb_module
    import pandas as pd

FORMATS = ("sqlite", "duckdb", "parquet", "jsonl", "ftm")
_SQLITE_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
_EXTRAS = {"duckdb": ("duckdb", "sql"), "pyarrow": ("pyarrow", "sql"), "followthemoney": ("followthemoney", "ftm"),
           "matplotlib": ("matplotlib", "plot")}


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


def _frames() -> dict[str, pd.DataFrame]:
    return {name: _io.cached_table(name) for name in _schema.list_resources()}


def _records(name: str) -> Iterator[dict[str, Any]]:
    """Rows as JSON-ready dicts: dates as YYYY-MM-DD, missing values as None."""
    table = _schema.table(name)
    dates = {f.name for f in table.fields if f.type == "date"}
    for row in _io.records(_io.cached_table(name)):
        yield {k: (v.date().isoformat() if k in dates and v is not None else _plain(v)) for k, v in row.items()}


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _out(path: str | os.PathLike[str]) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"out must be a path, got {path!r} ({type(path).__name__})")
    return Path(path)


# --- SQLite --------------------------------------------------------------------------

def _ddl(table: _schema.Table) -> str:
    cols = []
    for f in table.fields:
        col = f'"{f.name}" {_SQLITE_TYPES[f.type]}'
        if f.required:
            col += " NOT NULL"
        if f.enum is not None:
            allowed = ", ".join("'" + v.replace("'", "''") + "'" for v in f.enum)
            col += f' CHECK ("{f.name}" IN ({allowed}))'
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in table.primary_key) + ")")
    for fk in table.foreign_keys:
        cols.append(
            "FOREIGN KEY (" + ", ".join(f'"{c}"' for c in fk.fields) + f') REFERENCES "{fk.resource}" ('
            + ", ".join(f'"{c}"' for c in fk.reference) + ")"
        )
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


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


def to_sqlite(out: str | os.PathLike[str]) -> Path:
    """Write every table to a new SQLite database with primary keys, foreign keys and indexes.

    The file opens as is in ``sqlite3`` and Datasette; dates are ISO text, booleans 0/1.

    Examples
    --------
    >>> import sqlite3, tempfile, pathlib, belarus_measures as bm
    >>> path = bm.to_sqlite(pathlib.Path(tempfile.mkdtemp()) / "bm.sqlite")
    >>> sqlite3.connect(path).execute("select count(*) from measures").fetchone()[0] == len(bm.measures())
    True
    """
    path = _out(out)
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for name in _table_order():
            table = _schema.table(name)
            con.execute(_ddl(table))
            for i, fk in enumerate(table.foreign_keys):
                cols = ", ".join(f'"{c}"' for c in fk.fields)
                con.execute(f'CREATE INDEX "ix_{name}_{i}" ON "{name}" ({cols})')
            # A self-reference (actors.parent_id) must not point at a row not yet inserted.
            con.execute("PRAGMA defer_foreign_keys = ON")
            marks = ", ".join("?" for _ in table.fields)
            rows = ([_sqlite_value(r[f.name]) for f in table.fields] for r in _records(name))
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            con.commit()
    finally:
        con.close()
    return path


def _sqlite_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


# --- DuckDB and Parquet ----------------------------------------------------------------

def duckdb() -> duckdb_module.DuckDBPyConnection:
    """An in-memory DuckDB connection with every table registered, typed as the accessors type them.

    Needs ``pip install 'belarus-measures[sql]'``.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> con = bm.duckdb()
    >>> con.execute("select count(*) from measures where actor_id = 'eu-council'").fetchone()[0] > 0
    True
    """
    db = require("duckdb")
    con: duckdb_module.DuckDBPyConnection = db.connect(":memory:")
    for name, frame in _frames().items():
        con.register(f"_{name}_frame", _plain_frame(frame))
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "_{name}_frame"')
        con.unregister(f"_{name}_frame")
    return con


def _plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as text, so other tools see the values and not codes."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "category":
            out[col] = out[col].astype("string")
    return out


def to_parquet(out: str | os.PathLike[str]) -> Path:
    """Write one Parquet file per table into the folder ``out``; dates stay dates, counts nullable integers.

    Needs ``pip install 'belarus-measures[sql]'``.
    """
    require("pyarrow")
    folder = _out(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in _frames().items():
        _plain_frame(frame).to_parquet(folder / f"{name}.parquet", index=False)
    return folder


def to_duckdb(out: str | os.PathLike[str]) -> Path:
    """Write every table to a DuckDB database file."""
    path = _out(out)
    if path.exists():
        path.unlink()
    con = duckdb()
    try:
        con.execute(f"ATTACH '{path}' AS target")
        for name in _schema.list_resources():
            con.execute(f'CREATE TABLE target."{name}" AS SELECT * FROM "{name}"')
        con.execute("DETACH target")
    finally:
        con.close()
    return path


# --- JSON Lines ------------------------------------------------------------------------

def to_jsonl(out: str | os.PathLike[str]) -> Path:
    """Write one ``<table>.jsonl`` per table into the folder ``out``: one record per line.

    Each record is valid against ``schemas/<table>.schema.json``.

    Examples
    --------
    >>> import json, tempfile, pathlib, belarus_measures as bm
    >>> folder = bm.to_jsonl(pathlib.Path(tempfile.mkdtemp()))
    >>> first = json.loads((folder / "measures.jsonl").read_text(encoding="utf-8").splitlines()[0])
    >>> sorted(first) == sorted(bm.measures().columns)
    True
    """
    folder = _out(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in _schema.list_resources():
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for record in _records(name):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


# --- FollowTheMoney ---------------------------------------------------------------------

_FTM_SCHEMA = {"individual": "Person", "entity": "Organization", "aircraft": "Airplane", "vessel": "Vessel"}


def ftm_entities() -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities: one Person/Organization/Airplane per target, one Sanction per designation.

    Needs ``pip install 'belarus-measures[ftm]'``. Every entity is built with the
    followthemoney library, so its properties are checked against the FtM model.
    """
    ftm = require("followthemoney")
    model = ftm.model
    targets = {r["target_id"]: r for r in _records("targets")}
    aliases: dict[str, list[str]] = {}
    for r in _records("target_aliases"):
        aliases.setdefault(r["target_id"], []).append(r["alias"])
    measures = {r["measure_id"]: r for r in _records("measures")}
    actors = {r["actor_id"]: r for r in _records("actors")}
    sources = {r["source_id"]: r for r in _records("sources")}
    citations: dict[str, list[str]] = {}
    for r in _records("citations"):
        url = sources[r["source_id"]]["url"]
        if url:
            citations.setdefault(r["measure_id"], []).append(url)
    for target_id, t in targets.items():
        proxy = model.make_entity(_FTM_SCHEMA[t["target_kind"]])
        proxy.id = f"bm-target-{target_id}"
        proxy.add("name", t["name"])
        names = [a for a in aliases.get(target_id, []) if a != t["name"]]
        if t["target_kind"] == "aircraft":
            proxy.add("registrationNumber", t["name"])
        proxy.add("alias", names)
        if t["country"]:
            proxy.add("country", t["country"].lower())
        if t["description"]:
            proxy.add("description", t["description"])
        if t.get("birth_date") and t["target_kind"] == "individual":
            proxy.add("birthDate", t["birth_date"])
        proxy.add("topics", "sanction")
        yield proxy.to_dict()
    for r in _records("designations"):
        m = measures[r["measure_id"]]
        actor = actors[m["actor_id"]]
        sanction = model.make_entity("Sanction")
        sanction.id = f"bm-sanction-{r['measure_id']}-{r['target_id']}"
        sanction.add("entity", f"bm-target-{r['target_id']}")
        sanction.add("authority", actor["name"])
        if actor["jurisdiction"] and actor["jurisdiction"] != "EU":
            sanction.add("country", actor["jurisdiction"].lower())
        sanction.add("program", m["title"])
        sanction.add("reason", m["summary"])
        sanction.add("listingDate", m["date"])
        sanction.add("startDate", m["date_effective"] or m["date"])
        if m["date_end"]:
            sanction.add("endDate", m["date_end"])
        if m["legal_reference"]:
            sanction.add("provisions", m["legal_reference"])
        sanction.add("recordId", m["measure_id"])
        sanction.add("sourceUrl", citations.get(r["measure_id"], [])[:3])
        yield sanction.to_dict()


def to_ftm(out: str | os.PathLike[str]) -> Path:
    """Write the FollowTheMoney entities as JSON Lines (the format ``ftm`` tools read)."""
    path = _out(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for entity in ftm_entities():
            fh.write(json.dumps(entity, ensure_ascii=False) + "\n")
    return path


def export(fmt: str, out: str | os.PathLike[str]) -> Path:
    """Export in ``fmt`` (sqlite, duckdb, parquet, jsonl, ftm) to ``out``; returns the path written.

    ``out`` is a file for sqlite, duckdb and ftm, a folder for parquet and jsonl.
    """
    writers = {"sqlite": to_sqlite, "duckdb": to_duckdb, "parquet": to_parquet, "jsonl": to_jsonl, "ftm": to_ftm}
    if not isinstance(fmt, str) or fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    return writers[fmt](out)
