"""JSON Schema (2020-12) for one record of each table, derived from the descriptor.

``schemas/*.schema.json`` are these schemas written out by ``scripts/build.py``;
the JSON export and the tests validate records with them.
"""

from __future__ import annotations

from typing import Any

from belarus_measures.store import schema as _schema
from belarus_measures.store.types import MAP

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _property(field: _schema.Field) -> dict[str, Any]:
    prop: dict[str, Any] = {"description": field.description}
    json_type = MAP[field.type].json
    prop["type"] = json_type if field.required else [json_type, "null"]
    if field.type == "date":
        prop["format"] = "date"
        prop["pattern"] = _DATE_PATTERN
    if field.format == "uri":
        prop["format"] = "uri"
    if field.enum is not None:
        prop["enum"] = list(field.enum) + ([] if field.required else [None])
    if field.pattern is not None:
        prop["pattern"] = field.pattern
    if field.minimum is not None:
        prop["minimum"] = field.minimum
    if field.max_length is not None:
        prop["maxLength"] = field.max_length
    return prop


def record_schema(table: _schema.Table) -> dict[str, Any]:
    """The JSON Schema of one record (an object with every column; missing = null)."""
    return {
        "$schema": DIALECT,
        "title": f"One row of {table.name}",
        "type": "object",
        "properties": {f.name: _property(f) for f in table.fields},
        "required": list(table.columns),
        "additionalProperties": False,
    }
