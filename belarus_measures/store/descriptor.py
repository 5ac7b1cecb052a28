"""What must hold of a datapackage.json before its tables can be read at all.

A package is checked against its own descriptor, so the descriptor has to be sound first:
an object with resources, each with a safe path and a schema whose fields have known types,
whose keys name its own fields and whose foreign keys name real resources. Each problem is
reported as a validation failure naming the file and the field, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from belarus_measures.store.types import TYPES
from belarus_measures.text.errors import shown

VERSION = re.compile(r"\d+\.\d+\.\d+")


def _names(value: object) -> list[object]:
    """A key's field names (one name or a list of them); anything else is returned as is, to be reported."""
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else [value]


def _is_names(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value))


def _fields(resource: Mapping[str, Any]) -> list[str]:
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return []
    return [f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)]


def problems(descriptor: object, where: str) -> list[str]:
    """Everything structurally wrong with a parsed descriptor (empty when it can be used)."""
    return [f"[descriptor] {where}: {p}" for p in _problems(descriptor)]


def _problems(d: object) -> Iterator[str]:
    if not isinstance(d, dict):
        yield f"must be a JSON object, got {type(d).__name__} {shown(d)}"
        return
    version = d.get("version")
    if not isinstance(version, str) or not VERSION.fullmatch(version):
        yield f"version={shown(version)} is not a release version X.Y.Z"
    created = d.get("created")
    try:
        dt.datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        if not isinstance(created, str) or len(created) < 10:
            raise ValueError(created)
    except ValueError:
        yield f"created={shown(created)} is not an ISO 8601 date and time"
    resources = d.get("resources")
    if not isinstance(resources, list) or not resources:
        yield f"resources={shown(resources)} must be a non-empty list of tables"
        return
    by_name: dict[str, Mapping[str, Any]] = {}
    for i, r in enumerate(resources):
        if not isinstance(r, dict):
            yield f"resources[{i}] must be an object, got {shown(r)}"
            continue
        name = r.get("name")
        if not isinstance(name, str) or not name:
            yield f"resources[{i}].name={shown(name)} is not a table name"
            continue
        if name in by_name:
            yield f"resources[{i}].name={name!r} appears twice"
        by_name[name] = r
    for name, r in by_name.items():
        yield from _resource(name, r, by_name)


def _groups(name: str, f: Mapping[str, Any], enum: object) -> Iterator[str]:
    groups = f.get("enumGroups", {})
    where = f"resource {name!r} field {f['name']!r}"
    if not isinstance(groups, dict):
        yield f"{where} enumGroups={shown(groups)} must be an object"
        return
    for group, spec in groups.items():
        values = spec.get("values") if isinstance(spec, dict) else None
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            yield f"{where} enumGroups[{group!r}] needs a list of values, got {shown(spec)}"
        else:
            allowed = set(enum) if isinstance(enum, list) else set()
            if not set(values) <= allowed:
                yield f"{where} enumGroups[{group!r}] names values outside the enumeration: {shown(sorted(set(values) - allowed))}"


def _resource(name: str, r: Mapping[str, Any], by_name: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    from belarus_measures.store.io import safe_path

    try:
        safe_path(r.get("path"))
    except ValueError as err:
        yield f"resource {name!r} path: {err}"
    schema = r.get("schema")
    if not isinstance(schema, dict):
        yield f"resource {name!r} has no schema object (schema={shown(schema)})"
        return
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        yield f"resource {name!r} schema.fields={shown(fields)} must be a non-empty list"
        return
    seen: set[str] = set()
    for j, f in enumerate(fields):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            yield f"resource {name!r} schema.fields[{j}] must be an object with a name, got {shown(f)}"
            continue
        if f["name"] in seen:
            yield f"resource {name!r} field {f['name']!r} appears twice"
        seen.add(f["name"])
        for key in ("description", "title", "format"):
            if key in f and not isinstance(f[key], str):
                yield f"resource {name!r} field {f['name']!r} {key}={shown(f[key])} must be text"
        if not isinstance(f.get("enumDescriptions", {}), dict):
            yield f"resource {name!r} field {f['name']!r} enumDescriptions must be an object"
        if f.get("type") not in TYPES:
            yield f"resource {name!r} field {f['name']!r} type={shown(f.get('type'))} is not one of {', '.join(TYPES)}"
        constraints = f.get("constraints", {})
        if not isinstance(constraints, dict):
            yield f"resource {name!r} field {f['name']!r} constraints={shown(constraints)} must be an object"
            continue
        enum = constraints.get("enum")
        if enum is not None and (not isinstance(enum, list) or not all(isinstance(v, str) for v in enum)):
            yield f"resource {name!r} field {f['name']!r} enum={shown(enum)} must be a list of strings"
        for key in ("minimum", "maxLength"):
            bound = constraints.get(key)
            if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float)):
                yield f"resource {name!r} field {f['name']!r} {key}={shown(bound)} must be a number"
        for key in ("required", "unique"):
            if key in constraints and not isinstance(constraints[key], bool):
                yield f"resource {name!r} field {f['name']!r} {key}={shown(constraints[key])} must be true or false"
        yield from _groups(name, f, enum)
        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as err:
                yield f"resource {name!r} field {f['name']!r} pattern={shown(pattern)} is not a regular expression ({err})"
    own = _fields(r)
    for key in ("title", "description"):
        if key in r and not isinstance(r[key], str):
            yield f"resource {name!r} {key}={shown(r[key])} must be text"
    primary = schema.get("primaryKey", [])
    if primary != [] and not _is_names(primary):
        yield f"resource {name!r} primaryKey={shown(primary)} must be a field name or a list of them"
        return
    for column in _names(primary):
        if column not in own:
            yield f"resource {name!r} primaryKey names {shown(column)}, which is not one of its fields"
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        yield f"resource {name!r} foreignKeys={shown(foreign)} must be a list"
        return
    for k, fk in enumerate(foreign):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(fk, dict) or not isinstance(ref, dict):
            yield f"resource {name!r} foreignKeys[{k}] must be an object with a reference, got {shown(fk)}"
            continue
        if not isinstance(ref.get("resource"), str) or not _is_names(fk.get("fields")) or not _is_names(ref.get("fields")):
            yield (f"resource {name!r} foreignKeys[{k}] needs fields, reference.resource (\"\" for this table) and "
                   f"reference.fields, got {shown(fk)}")
            continue
        for col in _names(fk.get("fields")):
            if col not in own:
                yield f"resource {name!r} foreignKeys[{k}] names {shown(col)}, which is not one of its fields"
        target = ref.get("resource") or name
        if target not in by_name:
            yield f"resource {name!r} foreignKeys[{k}] refers to the table {shown(target)}, which the package does not have"
            continue
        theirs = _fields(by_name[target])
        for col in _names(ref.get("fields")):
            if col not in theirs:
                yield f"resource {name!r} foreignKeys[{k}] refers to {target}.{shown(col)}, which is not a field"
        if len(_names(ref.get("fields"))) != len(_names(fk.get("fields"))):
            yield f"resource {name!r} foreignKeys[{k}] pairs {len(_names(fk.get('fields')))} field(s) with {len(_names(ref.get('fields')))}"
