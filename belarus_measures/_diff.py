"""Rows added, removed and changed between two releases of the data package, by primary key."""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
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


VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _release_package(version: str, into: Path) -> Path:
    """The data package of release ``version``: the git tag ``vX.Y.Z`` that scripts/release.py makes."""
    checkout = Path(__file__).resolve().parent.parent
    if not (checkout / ".git").exists():
        raise ValueError(f"release {version!r} can only be looked up in a git checkout of belarus_measures; "
                         "give the path of its datapackage.json instead")
    archive = subprocess.run(["git", "-C", str(checkout), "archive", "--format=tar", f"v{version}", "datapackage"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise ValueError(f"no git tag 'v{version}' for release {version!r}; give a datapackage.json path instead")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "datapackage"


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> list[TableDiff]:
    """Compare two data packages, table by table: datapackage.json paths, their folders, or release versions.

    A release version (``0.2.0``) is looked up in the git history of a checkout. Tables present
    in only one of them count as wholly added or removed.
    """
    with tempfile.TemporaryDirectory() as tmp:
        sides = []
        for i, side in enumerate((old, new)):
            if isinstance(side, str) and VERSION.match(side) and not Path(side).exists():
                side = _release_package(side, Path(tmp) / str(i))
            sides.append(_keyed(side))
    a, b = sides
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
