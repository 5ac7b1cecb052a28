"""``validate()``: every invariant over a data package, reported in one error."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from belarus_measures import _files, _invariants, _io, _resources, _schema


class ValidationError(ValueError):
    """The data package breaks one or more invariants; ``failures`` lists each of them."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = list(failures)
        shown = "\n".join(f"  - {f}" for f in self.failures)
        super().__init__(f"{len(self.failures)} invariant failure(s):\n{shown}")


def release_date(descriptor: Mapping[str, Any]) -> dt.date:
    """The release date of a data package: the date part of its ``created`` field."""
    return dt.date.fromisoformat(str(descriptor["created"])[:10])


def _locate(datapackage: str | os.PathLike[str] | None) -> tuple[Traversable, dict[str, Any]]:
    base: Traversable
    if datapackage is None:
        base = _resources.data_dir()
    else:
        if not isinstance(datapackage, str | os.PathLike):
            raise TypeError(f"datapackage must be a path, got {datapackage!r} ({type(datapackage).__name__})")
        path = Path(datapackage)
        base = path.parent if path.name == _resources.DESCRIPTOR else path
        try:
            found = (base / _resources.DESCRIPTOR).is_file()
        except OSError:  # a name too long for the file system, say
            found = False
        if not found:
            raise ValueError(f"no {_resources.DESCRIPTOR} at {os.fspath(datapackage)!r}; "
                             "give the descriptor's path or the folder that holds it")
    descriptor: dict[str, Any] = json.loads((base / _resources.DESCRIPTOR).read_text(encoding="utf-8"))
    return base, descriptor


def problems(datapackage: str | os.PathLike[str] | None = None) -> list[str]:
    """Every failure of every invariant, as a list (empty when the package is valid)."""
    base, descriptor = _locate(datapackage)
    tables = _schema.parse_descriptor(descriptor)
    resources = {r["name"]: r for r in descriptor["resources"]}
    failures: list[str] = []
    for name, table in tables.items():
        try:
            raw = _io.read_raw(table, base)
        except FileNotFoundError:
            failures.append(f"[file] {table.path}: missing")
            continue
        failures.extend(_files.check_file(table, resources[name], raw))
    if any("is not UTF-8" in f or "not readable CSV" in f or "missing" in f for f in failures):
        return failures
    frames, type_problems = _io.load_all(base, tables)
    failures.extend(f"[types] {p}" for p in type_problems)
    failures.extend(_invariants.check_tables(frames, tables=tables, release_date=release_date(descriptor)))
    return failures


def validate(datapackage: str | os.PathLike[str] | None = None) -> None:
    """Check every invariant of DATA_MODEL.md; raise one ValidationError listing all failures.

    Parameters
    ----------
    datapackage : path of a datapackage.json (or its folder) to check instead of the
        shipped one, e.g. a copy you have edited.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> bm.validate()  # the shipped data: returns None, raises nothing
    """
    failures = problems(datapackage)
    if failures:
        raise ValidationError(failures)
