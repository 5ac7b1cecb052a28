"""The tables' schema as the descriptor states it: the one source of truth.

Everything else that knows about columns (the CSV parser, the Pandera models, the JSON
Schemas in ``schemas/``) is derived from these objects, so it cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from belarus_measures.store import resources as _resources


@dataclass(frozen=True)
class Field:
    """One column of a table, as its Table Schema describes it."""

    name: str
    type: str
    description: str
    required: bool
    unique: bool
    enum: tuple[str, ...] | None
    pattern: str | None
    minimum: float | None
    max_length: int | None
    format: str | None = None
    enum_descriptions: tuple[tuple[str, str], ...] = ()
    # Named subsets of the enumeration that mean something together ("listing" measure types,
    # "official" sources): written once in the descriptor, read by the checks and reports.
    enum_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def group(self, name: str) -> tuple[str, ...]:
        """The values of one named group of this column's enumeration; a ValueError names the groups."""
        for group, values in self.enum_groups:
            if group == name:
                return values
        known = ", ".join(g for g, _ in self.enum_groups) or "none"
        raise ValueError(f"column {self.name!r} has no value group {name!r}; its groups: {known}")


@dataclass(frozen=True)
class ForeignKey:
    """Columns of a table that must match a key of another (or the same) table."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One resource of the data package."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    title: str = ""
    description: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise ValueError(f"table {self.name!r} has no column {name!r}; columns: {', '.join(self.columns)}")


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _field(raw: Mapping[str, Any], primary_key: tuple[str, ...]) -> Field:
    c = raw.get("constraints", {})
    enum = c.get("enum")
    return Field(
        name=raw["name"],
        type=raw["type"],
        description=raw.get("description", ""),
        # A primary key's columns are required and (for a one-column key) unique by definition.
        required=bool(c.get("required")) or raw["name"] in primary_key,
        unique=bool(c.get("unique")) or primary_key == (raw["name"],),
        enum=tuple(enum) if enum is not None else None,
        pattern=c.get("pattern"),
        minimum=c.get("minimum"),
        max_length=c.get("maxLength"),
        format=raw.get("format"),
        enum_descriptions=tuple(raw.get("enumDescriptions", {}).items()),
        enum_groups=tuple((g, tuple(spec["values"])) for g, spec in raw.get("enumGroups", {}).items()),
    )


def parse_descriptor(descriptor: Mapping[str, Any]) -> dict[str, Table]:
    """Build the Table objects of a parsed datapackage.json, in resource order."""
    tables: dict[str, Table] = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        pk = _as_tuple(schema.get("primaryKey", []))
        fks = tuple(
            ForeignKey(
                fields=_as_tuple(fk["fields"]),
                # An empty resource name is the Table Schema way of saying "this table".
                resource=fk["reference"]["resource"] or res["name"],
                reference=_as_tuple(fk["reference"]["fields"]),
            )
            for fk in schema.get("foreignKeys", [])
        )
        tables[res["name"]] = Table(
            name=res["name"],
            path=res["path"],
            fields=tuple(_field(f, pk) for f in schema["fields"]),
            primary_key=pk,
            foreign_keys=fks,
            title=res.get("title", ""),
            description=res.get("description", ""),
        )
    return tables


@cache
def shipped_tables() -> Mapping[str, Table]:
    """The tables of the shipped data package."""
    return parse_descriptor(_resources.descriptor())


def list_resources() -> tuple[str, ...]:
    """Names of the tables in the shipped data package, in descriptor order.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> "measures" in bm.list_resources()
    True
    """
    return tuple(shipped_tables())


def group(table_name: str, column: str, name: str) -> tuple[str, ...]:
    """A named group of a shipped column's enumeration values, as the descriptor defines it.

    >>> group("measures", "measure_type", "listing")
    ('designation', 'visa_restriction')
    """
    return table(table_name).field(column).group(name)


def table(name: str) -> Table:
    """The schema of one shipped table; a ValueError names the valid tables."""
    tables = shipped_tables()
    if name not in tables:
        raise ValueError(f"unknown table {name!r}; valid tables: {', '.join(tables)}")
    return tables[name]
