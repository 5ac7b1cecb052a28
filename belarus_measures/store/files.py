"""Checks on the files themselves: encoding, line endings, header, order, hashes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

BOM = b"\xef\xbb\xbf"


sha256 = _resources.sha256


def read_rows(raw: bytes) -> list[list[str]]:
    """The CSV's rows (header first) as text; raises UnicodeDecodeError for non-UTF-8."""
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def stats(raw: bytes) -> dict[str, Any]:
    """The bookkeeping a descriptor keeps per resource: hash, bytes, fields and rows."""
    rows = read_rows(raw)
    return {"hash": sha256(raw), "bytes": len(raw), "fields": len(rows[0]) if rows else 0, "rows": max(len(rows) - 1, 0)}


def sort_key(table: _schema.Table, header: list[str]) -> Any:
    positions = [header.index(c) for c in table.primary_key]
    return lambda row: tuple(row[i] for i in positions)


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a file; ``unreadable`` when its values cannot be read at all."""

    path: str
    where: str
    message: str
    unreadable: bool = False

    def __str__(self) -> str:
        where = f"{self.path} {self.where}" if self.where else self.path
        return f"[file] {where}: {self.message}"


def _unsorted(table: _schema.Table, text: pd.DataFrame) -> int | None:
    """The position of the first row that sorts before the row above it by the primary key, vectorised."""
    import numpy as np

    if len(text) < 2 or not table.primary_key:
        return None
    before = np.zeros(len(text) - 1, dtype=bool)
    tied = np.ones(len(text) - 1, dtype=bool)
    for c in table.primary_key:
        # Text compares by code point, as Python's sort of the rows does.
        values = text[c].fillna("").to_numpy(dtype=object)
        above, below = values[:-1], values[1:]
        before |= tied & (above > below)
        tied &= above == below
    found = np.flatnonzero(before)
    return int(found[0]) + 1 if len(found) else None


def check_file(table: _schema.Table, resource: Mapping[str, Any], raw: bytes,
               text: pd.DataFrame | None = None) -> Iterator[FileProblem]:
    """Everything wrong with one CSV file as a file, before its values are read.

    ``text`` is the file already read by ``io.read_text`` (which proves the row widths); without
    it the file is read row by row with the csv module, which words every problem.
    """
    path = table.path
    if text is None:
        yield from _check_rows(table, resource, raw)
        return
    columns = list(table.columns)
    if list(text.columns) != columns:
        yield FileProblem(path, "", f"header {shown(list(text.columns), 300)} differs from the schema {columns}", True)
        return
    first = _unsorted(table, text)
    if first is not None:
        yield FileProblem(path, f"line {first + 2}", f"rows are not sorted by the primary key {', '.join(table.primary_key)}")
    yield from _bookkeeping(path, resource, raw, len(columns), len(text))


def _bookkeeping(path: str, resource: Mapping[str, Any], raw: bytes, fields: int, rows: int) -> Iterator[FileProblem]:
    # The same bookkeeping as stats(), from the rows already read.
    expected = {"hash": sha256(raw), "bytes": len(raw), "fields": fields, "rows": rows}
    for name in ("bytes", "hash", "rows", "fields"):
        if resource.get(name) != expected[name]:
            yield FileProblem(path, "", f"the descriptor says {name}={shown(resource.get(name))} but the file "
                              f"has {expected[name]!r} (changed after the descriptor was built?)")


def _check_rows(table: _schema.Table, resource: Mapping[str, Any], raw: bytes) -> Iterator[FileProblem]:
    path = table.path
    if raw.startswith(BOM):
        yield FileProblem(path, "", "starts with a byte-order mark; files are UTF-8 without BOM")
    if b"\r" in raw:
        yield FileProblem(path, "", "has carriage returns (CRLF); files use LF line endings")
    if raw and not raw.endswith(b"\n"):
        yield FileProblem(path, "", "the last line has no line ending (truncated?)")
    try:
        rows = read_rows(raw.removeprefix(BOM))
    except UnicodeDecodeError as err:
        yield FileProblem(path, "", f"is not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})", True)
        return
    except csv.Error as err:
        yield FileProblem(path, "", f"is not readable CSV ({shown(str(err))})", True)
        return
    columns = list(table.columns)
    if not rows or rows[0] != columns:
        header = rows[0] if rows else []
        yield FileProblem(path, "", f"header {shown(header, 300)} differs from the schema {columns}", True)
        return
    width = len(columns)
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            yield FileProblem(path, f"line {n}", f"{len(row)} cells, the header has {width}")
    body = [r for r in rows[1:] if len(r) == width]
    key = sort_key(table, rows[0])
    for n, (before, after) in enumerate(zip(body, body[1:], strict=False), start=3):
        if key(before) > key(after):
            yield FileProblem(path, f"line {n}", f"rows are not sorted by the primary key {', '.join(table.primary_key)}")
            break
    yield from _bookkeeping(path, resource, raw, len(rows[0]), len(rows) - 1)
