"""``validate()``: every invariant over a data package, reported in one error."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from dataclasses import dataclass, field

from belarus_measures.store import descriptor as _descriptor
from belarus_measures.store import files as _files
from belarus_measures.checks import invariants as _invariants
from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown


class ValidationError(ValueError):
    """The data package breaks one or more invariants; ``failures`` lists each of them."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = list(failures)
        shown = "\n".join(f"  - {f}" for f in self.failures)
        super().__init__(f"{len(self.failures)} invariant failure(s):\n{shown}")


def release_date(descriptor: Mapping[str, Any]) -> dt.date:
    """The release date of a data package: the date part of its ``created`` field."""
    return dt.date.fromisoformat(str(descriptor["created"])[:10])


def _locate(datapackage: str | os.PathLike[str] | None) -> tuple[Traversable, str]:
    """The package folder and the descriptor's path; a ValueError when there is no descriptor there."""
    if datapackage is None:
        base = _resources.data_dir()
        return base, str(base / _resources.DESCRIPTOR)
    if not isinstance(datapackage, str | os.PathLike):
        raise TypeError(f"datapackage must be a path, got {shown(datapackage)} ({type(datapackage).__name__})")
    text = os.fspath(datapackage)
    if not isinstance(text, str) or "\x00" in text:
        raise ValueError(f"datapackage={shown(text)} is not a usable path")
    path = Path(text)
    folder = path.parent if path.name == _resources.DESCRIPTOR else path
    try:
        found = (folder / _resources.DESCRIPTOR).is_file()
    except OSError:  # a name too long for the file system, say
        found = False
    if not found:
        raise ValueError(f"no {_resources.DESCRIPTOR} at {shown(text)}; "
                         "give the descriptor's path or the folder that holds it")
    return folder, str(folder / _resources.DESCRIPTOR)


def read_descriptor(datapackage: str | os.PathLike[str] | None) -> tuple[Traversable, dict[str, Any] | None, list[str]]:
    """The package folder, its parsed descriptor (None when unusable) and the descriptor's problems."""
    base, where = _locate(datapackage)
    try:
        parsed: object = json.loads((base / _resources.DESCRIPTOR).read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        return base, None, [f"[descriptor] {where}: is not UTF-8 ({err.reason} at byte {err.start})"]
    except json.JSONDecodeError as err:
        return base, None, [f"[descriptor] {where}: is not valid JSON ({err.msg} at line {err.lineno} column {err.colno})"]
    found = _descriptor.problems(parsed, where)
    if found or not isinstance(parsed, dict):
        return base, None, found
    return base, parsed, _undescribed_files(base, parsed, where)


def _undescribed_files(base: Traversable, descriptor: Mapping[str, Any], where: str) -> list[str]:
    """CSV files in the package's data folders that no resource describes: a resource was removed?"""
    described = {r["path"] for r in descriptor["resources"]}
    folders = {p.rsplit("/", 1)[0] for p in described if "/" in p}
    out = []
    for folder in sorted(folders):
        node = base
        for part in folder.split("/"):
            node = node / part
        if not node.is_dir():
            continue
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            path = f"{folder}/{child.name}"
            if child.name.endswith(".csv") and path not in described:
                out.append(f"[descriptor] {where}: {path} is in the package but no resource describes it "
                           "(was its resource removed?)")
    return out


@dataclass
class Report:
    """The outcome of validating one data package.

    ``records`` holds the failures of the file, type and invariant checks as ``Failure`` records
    (check, table or file, row, message); ``failures`` is every failure as a line of text,
    descriptor problems first.
    """

    descriptor: str
    failures: list[str] = field(default_factory=list)
    not_applicable: dict[str, list[str]] = field(default_factory=dict)
    records: list[_invariants.Failure] = field(default_factory=list)

    def add(self, found: list[_invariants.Failure]) -> None:
        self.records.extend(found)
        self.failures.extend(str(f) for f in found)


def report(datapackage: str | os.PathLike[str] | None = None) -> Report:
    """Validate a package against its own descriptor: failures, and the checks that do not apply to it."""
    base, descriptor, failures = read_descriptor(datapackage)
    out = Report(descriptor=str(base / _resources.DESCRIPTOR), failures=failures)
    if descriptor is None:
        return out
    tables = _schema.parse_descriptor(descriptor)
    resources = {r["name"]: r for r in descriptor["resources"]}
    unreadable = False
    texts: dict[str, Any] = {}
    for name, table in tables.items():
        try:
            raw = _io.read_raw(table, base)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            out.add([_invariants.Failure("file", table.path, "", "missing")])
            unreadable = True
            continue
        # Read once: the same text frame proves the row widths, gives the sort order and is parsed.
        texts[name] = _io.read_text(raw)
        found = list(_files.check_file(table, resources[name], raw, texts[name]))
        unreadable |= any(problem.unreadable for problem in found)
        out.add([_invariants.Failure("file", p.path, p.where, p.message) for p in found])
        if texts[name] is None:
            texts[name] = raw  # not a plain file: parsed the slow way below, if at all
    if unreadable:
        return out
    frames: dict[str, Any] = {}
    for name, table in tables.items():
        text = texts[name]
        if isinstance(text, bytes):
            try:
                text = _io.read_text_slowly(text)
            except (ValueError, UnicodeDecodeError) as err:  # pandas' ParserError is a ValueError
                out.add([_invariants.Failure("types", name, "", f"{table.path} cannot be read as CSV ({err})")])
                continue
        frames[name], converted = _io.convert_text(table, text)
        out.add([_invariants.Failure("types", t, where, message) for t, where, message in converted])
    out.add(_invariants.check_records(frames, tables=tables, release_date=release_date(descriptor)))
    out.not_applicable = _invariants.not_applicable(frames, tables)
    return out


def problems(datapackage: str | os.PathLike[str] | None = None) -> list[str]:
    """Every failure of every invariant, as a list (empty when the package is valid)."""
    return report(datapackage).failures


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
