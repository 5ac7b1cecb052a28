"""Exports: SQLite with enforced keys, DuckDB and Parquet with dtypes kept, JSONL valid, FtM valid."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures import exports
from belarus_measures.cli import main
from conftest import ROOT


@pytest.fixture(scope="module")
def sqlite_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bm.to_sqlite(tmp_path_factory.mktemp("sqlite") / "belarus.sqlite")


def test_sqlite_has_every_row_and_clean_foreign_keys(sqlite_path: Path) -> None:
    con = sqlite3.connect(sqlite_path)
    for name in bm.list_resources():
        assert con.execute(f'select count(*) from "{name}"').fetchone()[0] == len(getattr(bm, name)())
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sqlite_enforces_foreign_keys(sqlite_path: Path) -> None:
    con = sqlite3.connect(sqlite_path)
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into citations values ('no-such-measure', 'no-such-source', 'x')")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("insert into measures (measure_id) values ('eu-2020-10-02-designations')")


def test_sqlite_join_of_measures_actors_and_citations(sqlite_path: Path) -> None:
    con = sqlite3.connect(sqlite_path)
    rows = con.execute(
        """select m.measure_id, a.name, c.source_id
           from measures m join actors a using (actor_id) join citations c using (measure_id)
           where a.jurisdiction = 'EU'"""
    ).fetchall()
    eu = bm.measures(jurisdiction="EU")
    assert {r[0] for r in rows} == set(eu.measure_id)
    # The join keeps every citation of those measures, each once.
    cited = bm.citations()
    expected = cited.loc[cited.measure_id.isin(eu.measure_id), ["measure_id", "source_id"]]
    assert sorted((m, s) for m, _, s in rows) == sorted(expected.itertuples(index=False, name=None))
    # Read off citations.csv: the first EU round cites the Council's implementing decision.
    assert ("eu-2020-10-02-designations", "Council of the European Union",
            "eu-implementing-decision-2020-1650") in rows


def test_duckdb_keeps_types_and_rows() -> None:
    con = bm.duckdb()
    types = dict(con.execute("select column_name, data_type from information_schema.columns where table_name = 'votes'").fetchall())
    assert types["date"] == "DATE"
    assert types["votes_for"] == "BIGINT"
    assert con.execute("select count(*) from measures").fetchone()[0] == len(bm.measures())
    assert con.execute("select sum(count) from designation_counts").fetchone()[0] == int(bm.designation_counts()["count"].sum())


def test_parquet_round_trips_with_dtypes(tmp_path: Path) -> None:
    folder = bm.to_parquet(tmp_path / "parquet")
    back = pd.read_parquet(folder / "votes.parquet")
    votes = bm.votes()
    assert all(type(d) is dt.date for d in back["date"])  # DATE reads back as dates, not timestamps
    assert [d.isoformat() for d in back["date"]] == votes.date.dt.strftime("%Y-%m-%d").tolist()
    assert str(back["votes_for"].dtype) == "Int64"
    assert back.votes_for.tolist() == votes.votes_for.tolist()
    m = pd.read_parquet(folder / "measures.parquet")
    assert m.measure_type.tolist() == bm.measures().measure_type.astype(str).tolist()


def test_jsonl_records_are_valid_against_the_json_schemas(tmp_path: Path) -> None:
    folder = bm.to_jsonl(tmp_path / "jsonl")
    for name in bm.list_resources():
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        lines = (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(getattr(bm, name)())
        for line in lines:
            validator.validate(json.loads(line))


def test_jsonl_schema_rejects_a_broken_record(tmp_path: Path) -> None:
    folder = bm.to_jsonl(tmp_path / "jsonl")
    record = json.loads((folder / "votes.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record["votes_for"] = "many"
    schema = json.loads((ROOT / "schemas" / "votes.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(record)


def test_ftm_entities_pass_the_followthemoney_validator(tmp_path: Path) -> None:
    followthemoney = pytest.importorskip("followthemoney")
    path = bm.to_ftm(tmp_path / "entities.ftm.json")
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for entity in entities:
        followthemoney.model.get(entity["schema"]).validate(entity)
    schemas = {e["schema"] for e in entities}
    assert {"Person", "Organization", "Airplane", "Sanction"} <= schemas
    ids = {e["id"] for e in entities}
    for e in entities:
        if e["schema"] == "Sanction":
            assert set(e["properties"]["entity"]) <= ids
    d = bm.designations()
    delistings = set(bm.measures(measure_type="delisting").measure_id)
    assert sum(e["schema"] == "Sanction" for e in entities) == int((~d.measure_id.isin(delistings)).sum())
    broken = dict(entities[0], properties={"birthDate": ["not a date"]})
    with pytest.raises(followthemoney.exc.InvalidData):
        followthemoney.model.get("Person").validate(broken)


def test_a_missing_extra_names_the_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake(name: str, *args: object) -> object:
        if name == "duckdb":
            raise ImportError("No module named 'duckdb'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(ImportError, match=r"pip install 'belarus-measures\[sql\]'"):
        exports.duckdb()


def test_export_command_writes_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, out in [("sqlite", "x.sqlite"), ("jsonl", "jsonl"), ("parquet", "parquet"), ("duckdb", "x.duckdb"), ("ftm", "x.ftm.json")]:
        assert main(["export", "--format", fmt, "--out", str(tmp_path / out)]) == 0
        assert (tmp_path / out).exists()
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "x.sqlite")]) == 2  # exists
    assert "--force" in capsys.readouterr().err
    assert main(["export", "--format", "sqlite", "--out", str(tmp_path / "x.sqlite"), "--force"]) == 0
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "xlsx" in err


def test_export_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="'xlsx'.*sqlite"):
        bm.export("xlsx", "x")
