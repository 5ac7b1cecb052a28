"""Rows added, removed and changed between two releases of the data package, by primary key."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from belarus_measures import _io, _schema, _validate


@dataclass
class TableDiff:
    """What changed in one table: primary keys added, removed, and changed with their columns."""

    table: str
    added: list[tuple[Any, ...]] = field(default_factory=list)
    removed: list[tuple[Any, ...]] = field(default_factory=list)
    changed: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _keyed(path: str | os.PathLike[str]) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    base, descriptor = _validate._locate(path)
    tables = _schema.parse_descriptor(descriptor)
    frames, problems = _io.load_all(base, tables)
    if problems:
        raise ValueError(f"{os.fspath(path)!r} cannot be read: " + "; ".join(problems[:3]))
    out: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for name, frame in frames.items():
        pk = tables[name].primary_key
        out[name] = {tuple(str(r[c]) for c in pk): r for r in _io.records(frame)}
    return out


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> list[TableDiff]:
    """Compare two data packages (datapackage.json paths or their folders), table by table.

    Tables present in only one of them count as wholly added or removed.
    """
    a, b = _keyed(old), _keyed(new)
    result = []
    for name in list(dict.fromkeys([*a, *b])):
        rows_a, rows_b = a.get(name, {}), b.get(name, {})
        d = TableDiff(name)
        d.added = sorted(k for k in rows_b if k not in rows_a)
        d.removed = sorted(k for k in rows_a if k not in rows_b)
        for k in sorted(set(rows_a) & set(rows_b)):
            cols = [c for c in rows_b[k] if c in rows_a[k] and rows_a[k][c] != rows_b[k][c]]
            cols += [c for c in rows_b[k] if c not in rows_a[k]]
            if cols:
                d.changed[k] = cols
        result.append(d)
    return result


def diff_text(diffs: list[TableDiff], *, detail: int = 10) -> str:
    """A readable report: a count line per table, then up to ``detail`` keys of each kind."""
    lines = []
    for d in diffs:
        lines.append(f"{d.table}: +{len(d.added)} added, -{len(d.removed)} removed, ~{len(d.changed)} changed")
        for label, keys in (("+", d.added), ("-", d.removed), ("~", list(d.changed))):
            for k in keys[:detail]:
                extra = f" ({', '.join(d.changed[k])})" if label == "~" else ""
                lines.append(f"  {label} {' / '.join(k)}{extra}")
            if len(keys) > detail:
                lines.append(f"  {label} … {len(keys) - detail} more")
    return "\n".join(lines) + "\n"
