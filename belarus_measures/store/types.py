"""The one map from Table Schema types to the types of every tool the data goes into.

The parser (pandas dtypes), the schema check, the SQLite DDL, the Arrow schema of the Parquet
and DuckDB exports and the JSON Schemas all read their column types here, so a type is
written once. ``TYPES`` is the set of Table Schema types the package understands; a
descriptor with any other type is refused by ``store.descriptor``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnType:
    """How one Table Schema type is held in each tool."""

    pandas: str   # the dtype a parsed column has (an enumeration becomes a category instead)
    sqlite: str   # the column affinity in the SQLite export (dates ISO text, booleans 0/1)
    arrow: str    # the name of the pyarrow type factory (pa.<arrow>()): DATE stays a date
    json: str     # the JSON Schema type of a value


MAP: dict[str, ColumnType] = {
    "string": ColumnType(pandas="string", sqlite="TEXT", arrow="string", json="string"),
    "date": ColumnType(pandas="datetime64[ns]", sqlite="TEXT", arrow="date32", json="string"),
    "integer": ColumnType(pandas="Int64", sqlite="INTEGER", arrow="int64", json="integer"),
    "number": ColumnType(pandas="float64", sqlite="REAL", arrow="float64", json="number"),
    "boolean": ColumnType(pandas="boolean", sqlite="INTEGER", arrow="bool_", json="boolean"),
}
TYPES = tuple(MAP)
