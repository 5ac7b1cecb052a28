"""The public contract of a release: tables, columns, types and enumeration values.

``contract/<version>.json`` keeps one snapshot per release (written by the build script from
the descriptor). Users depend on these names; a test compares consecutive snapshots and fails
when one breaks the other without a major version bump.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def snapshot(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """The contract part of a descriptor: per table, per column, its type and enumeration values."""
    tables: dict[str, Any] = {}
    for resource in descriptor["resources"]:
        columns = {}
        for f in resource["schema"]["fields"]:
            column: dict[str, Any] = {"type": f["type"]}
            enum = f.get("constraints", {}).get("enum")
            if enum is not None:
                column["enum"] = list(enum)
            columns[f["name"]] = column
        tables[resource["name"]] = {"primaryKey": resource["schema"].get("primaryKey"), "columns": columns}
    return {"version": descriptor["version"], "tables": tables}


def breaks(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What ``new`` takes away from ``old``: removed tables or columns, changed types or keys, removed values."""
    found = []
    for name, table in old["tables"].items():
        other = new["tables"].get(name)
        if other is None:
            found.append(f"table {name} removed")
            continue
        if other["primaryKey"] != table["primaryKey"]:
            found.append(f"{name}: primary key {table['primaryKey']} became {other['primaryKey']}")
        for col, spec in table["columns"].items():
            now = other["columns"].get(col)
            if now is None:
                found.append(f"{name}.{col} removed")
            elif now["type"] != spec["type"]:
                found.append(f"{name}.{col}: type {spec['type']} became {now['type']}")
            elif "enum" in spec:
                gone = [v for v in spec["enum"] if v not in now.get("enum", spec["enum"])]
                if gone:
                    found.append(f"{name}.{col}: values {gone} removed")
    return found
