"""One source of truth: the Pandera models and JSON Schemas agree with the descriptor field by field."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from belarus_measures.store import schema as _schema
from belarus_measures.models import MODELS
from conftest import ROOT

EXPECTED_DTYPES = {
    "string": "string",
    "date": "datetime64[ns]",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}


def test_there_is_one_model_per_table() -> None:
    assert list(MODELS) == list(_schema.list_resources())


@pytest.mark.parametrize("name", _schema.list_resources())
def test_model_agrees_with_descriptor(name: str) -> None:
    table = _schema.table(name)
    schema = MODELS[name].to_schema()
    assert list(schema.columns) == list(table.columns)
    for field in table.fields:
        column = schema.columns[field.name]
        assert column.nullable == (not field.required), field.name
        assert column.unique == field.unique, field.name
        dtype = str(column.dtype)
        if field.enum is not None:
            assert isinstance(column.dtype.type, pd.CategoricalDtype), field.name
            assert list(column.dtype.type.categories) == list(field.enum), field.name
        else:
            assert dtype.startswith(EXPECTED_DTYPES[field.type].split("[")[0]), (field.name, dtype)
        stats = {type(c).__name__ + ":" + c.name: c.statistics for c in column.checks}
        if field.pattern is not None:
            assert {"pattern": field.pattern} in stats.values(), (field.name, stats)
        if field.minimum is not None:
            assert {"min_value": field.minimum} in stats.values(), (field.name, stats)
    composite = list(table.primary_key) if len(table.primary_key) > 1 else None
    assert schema.unique == composite


@pytest.mark.parametrize("name", _schema.list_resources())
def test_committed_json_schema_agrees_with_descriptor(name: str) -> None:
    table = _schema.table(name)
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]) == list(table.columns)
    for field in table.fields:
        prop = schema["properties"][field.name]
        nullable = isinstance(prop["type"], list) and "null" in prop["type"]
        assert nullable == (not field.required), field.name
        if field.enum is not None:
            assert [v for v in prop["enum"] if v is not None] == list(field.enum)
