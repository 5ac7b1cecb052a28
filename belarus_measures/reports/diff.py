"""Rows added, removed and changed between two releases of the data package, by primary key."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.checks import validate as _validate
from belarus_measures.text.errors import shown


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


Rows = list[dict[str, Any]]


def _load(path: str | os.PathLike[str]) -> tuple[dict[str, _schema.Table], dict[str, Rows]]:
    """The tables of a (validated) package and their rows as plain dicts."""
    base, descriptor, found = _validate.read_descriptor(path)
    if descriptor is None:
        raise ValueError(f"{shown(os.fspath(path))} cannot be read: " + "; ".join(found[:3]))
    tables = _schema.parse_descriptor(descriptor)
    frames, problems = _io.load_all(base, tables)
    if problems:
        raise ValueError(f"{shown(os.fspath(path))} cannot be read: " + "; ".join(problems[:3]))
    return tables, {name: _io.records(frame) for name, frame in frames.items()}


def _match_key(old: _schema.Table | None, new: _schema.Table | None) -> tuple[str, ...] | None:
    """The columns rows of one table are matched by in both packages.

    The newer primary key, else the older one, when both sides have its columns; else every
    column both sides have (a table without a primary key: rows are only added or removed);
    None when there is nothing in common (each side keyed by all its own columns).
    """
    sides = [t for t in (new, old) if t is not None]
    for table in sides:
        if table.primary_key and all(set(table.primary_key) <= set(t.columns) for t in sides):
            return table.primary_key
    common = tuple(c for c in sides[0].columns if all(c in t.columns for t in sides))
    return common or None


def _keyed(rows: Rows, key: tuple[str, ...] | None) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(str(r[c]) for c in (key or tuple(r))): r for r in rows}


# Failures that would make a comparison by key wrong: an unreadable descriptor or file, a value
# that does not parse, a duplicate or missing key. A release that only breaks a cross-table
# invariant added since (an older release judged by today's rules) still compares row by row.
COMPARISON_BREAKERS = frozenset({"file", "types", "schema"})


def _side_problems(label: str, side: str | os.PathLike[str]) -> list[str]:
    """The failures of one side that make it unfit to compare, each prefixed with ``label``."""
    report = _validate.report(side)
    invariant = {str(r) for r in report.records if r.invariant not in COMPARISON_BREAKERS}
    return [f"{label}: {problem}" for problem in report.failures if problem not in invariant]


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> list[TableDiff]:
    """Compare two data packages, table by table: datapackage.json paths or their folders.

    An older release is compared by its path (unpack its wheel or sdist, or check out its
    commit); the package never runs git. Tables present in only one of them count as wholly
    added or removed.

    Both packages are checked first (a duplicate key or a truncated row would otherwise
    be compared silently): a descriptor, file, type or schema failure raises ``_validate.ValidationError`` (a
    ``ValueError``) whose failures each start with the side, ``old`` or ``new``, and its path.
    A side that is not a path raises ``TypeError``; a path with no datapackage.json a
    one-line ``ValueError``.
    """
    for name, side in (("old", old), ("new", new)):
        if not isinstance(side, str | os.PathLike):
            raise TypeError(f"{name} must be a datapackage.json path or its folder, "
                            f"got {shown(side)} ({type(side).__name__})")
    failures: list[str] = []
    for name, side in (("old", old), ("new", new)):
        failures += _side_problems(f"{name} {shown(os.fspath(side))}", side)
    if failures:
        raise _validate.ValidationError(failures)
    (tables_a, a), (tables_b, b) = (_load(path) for path in (old, new))
    result = []
    for name in list(dict.fromkeys([*a, *b])):
        key = _match_key(tables_a.get(name), tables_b.get(name))
        rows_a, rows_b = _keyed(a.get(name, []), key), _keyed(b.get(name, []), key)
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


def diff_releases(since: str, until: str | None = None) -> list[TableDiff]:
    """The same comparison between two releases by version number, from the change feed in the package.

    No git, no unpacked wheel: an installed package answers for every earlier release.
    ``until`` defaults to the installed release; both must be releases the feed knows.

    >>> d = {t.table: t for t in diff_releases("0.9.0", "0.10.0")}
    >>> len(d["measures"].added)
    105
    """
    from belarus_measures.change_feed import net_changes

    result = []
    for table, net in sorted(net_changes(since, until).items()):
        d = TableDiff(table)
        rows = sorted(net.items(), key=lambda kv: tuple("" if k is None else str(k) for k in kv[0]))
        for key, n in rows:
            text_key = tuple("" if k is None else str(k) for k in key)
            if n.change == "added":
                d.added.append(text_key)
            elif n.change == "removed":
                d.removed.append(text_key)
            else:
                d.changed[text_key] = sorted(n.fields or {})
        result.append(d)
    return result


def checked_detail(detail: object) -> int:
    """``detail`` when it is a whole number of at least 0; else a TypeError/ValueError naming it.

    >>> checked_detail(-1)
    Traceback (most recent call last):
    ...
    ValueError: detail must be a whole number of at least 0, got -1
    """
    if isinstance(detail, bool) or not isinstance(detail, int):
        raise TypeError(f"detail must be a whole number of at least 0, got {shown(detail)} ({type(detail).__name__})")
    if detail < 0:
        raise ValueError(f"detail must be a whole number of at least 0, got {detail!r}")
    return detail


def diff_text(diffs: list[TableDiff], *, detail: int = 10) -> str:
    """A readable report: a count line per table, then up to ``detail`` keys of each kind.

    ``detail`` is a whole number of at least 0 (0: the count lines only, with "… N more").

    >>> print(diff_text([TableDiff("votes", added=[("m1", "a1"), ("m2", "a2")])], detail=1), end="")
    votes: +2 added, -0 removed, ~0 changed
      + m1 / a1
      + … 1 more
    """
    detail = checked_detail(detail)
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
