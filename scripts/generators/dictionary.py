"""The data dictionary (docs/data-dictionary.md), written from the descriptor alone."""

from __future__ import annotations

from collections.abc import Mapping

from belarus_measures.store import schema as _schema


def _constraints(f: _schema.Field) -> str:
    parts = []
    if f.required:
        parts.append("required")
    if f.unique:
        parts.append("unique")
    if f.pattern:
        parts.append(f"pattern `{f.pattern}`")
    if f.minimum is not None:
        parts.append(f"≥ {f.minimum:g}")
    if f.max_length is not None:
        parts.append(f"at most {f.max_length} characters")
    if f.enum is not None:
        parts.append("one of the values below")
    return ", ".join(parts) or "—"


def dictionary_markdown(tables: Mapping[str, _schema.Table], *, version: str) -> str:
    """Every table, column, type, constraint and enumeration value with its meaning."""
    lines = [
        "# Data dictionary",
        "",
        f"Release {version}. Generated from `datapackage/datapackage.json` by",
        "`python scripts/build.py`; do not edit by hand. CSV files are UTF-8 with LF line",
        "endings and a header row; an empty cell is a missing value; dates are `YYYY-MM-DD`.",
        "",
        "| table | one row per | primary key |",
        "|---|---|---|",
    ]
    lines += [f"| [`{t.name}`](#{t.name}) | {t.description} | {', '.join(t.primary_key)} |" for t in tables.values()]
    for t in tables.values():
        lines += ["", f"## {t.name}", "", t.description, "",
                  f"File `{t.path}`; primary key ({', '.join(t.primary_key)}).", ""]
        for fk in t.foreign_keys:
            lines.append(f"- ({', '.join(fk.fields)}) → `{fk.resource}` ({', '.join(fk.reference)})")
        if t.foreign_keys:
            lines.append("")
        lines += ["| column | type | constraints | meaning |", "|---|---|---|---|"]
        lines += [f"| `{f.name}` | {f.type} | {_constraints(f)} | {f.description} |" for f in t.fields]
        for f in t.fields:
            if f.enum_descriptions:
                lines += ["", f"`{f.name}` values:", ""]
                lines += [f"- `{value}`: {meaning}" for value, meaning in f.enum_descriptions]
            if f.enum_groups:
                lines += ["", f"`{f.name}` groups:", ""]
                lines += [f"- {group}: " + ", ".join(f"`{v}`" for v in values) for group, values in f.enum_groups]
    return "\n".join(lines) + "\n"
