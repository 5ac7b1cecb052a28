"""Checks on the files themselves: encoding, line endings, header, order, hashes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

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

    message: str
    unreadable: bool = False

    def __str__(self) -> str:
        return self.message


def check_file(table: _schema.Table, resource: Mapping[str, Any], raw: bytes) -> Iterator[FileProblem]:
    """Everything wrong with one CSV file as a file, before its values are read."""
    path = table.path
    if raw.startswith(BOM):
        yield FileProblem(f"[file] {path}: starts with a byte-order mark; files are UTF-8 without BOM")
    if b"\r" in raw:
        yield FileProblem(f"[file] {path}: has carriage returns (CRLF); files use LF line endings")
    if raw and not raw.endswith(b"\n"):
        yield FileProblem(f"[file] {path}: the last line has no line ending (truncated?)")
    try:
        rows = read_rows(raw.removeprefix(BOM))
    except UnicodeDecodeError as err:
        yield FileProblem(f"[file] {path}: is not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})", True)
        return
    except csv.Error as err:
        yield FileProblem(f"[file] {path}: is not readable CSV ({shown(str(err))})", True)
        return
    columns = list(table.columns)
    if not rows or rows[0] != columns:
        header = rows[0] if rows else []
        yield FileProblem(f"[file] {path}: header {shown(header, 300)} differs from the schema {columns}", True)
        return
    width = len(columns)
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            yield FileProblem(f"[file] {path} line {n}: {len(row)} cells, the header has {width}")
    body = [r for r in rows[1:] if len(r) == width]
    key = sort_key(table, rows[0])
    for n, (before, after) in enumerate(zip(body, body[1:], strict=False), start=3):
        if key(before) > key(after):
            yield FileProblem(f"[file] {path} line {n}: rows are not sorted by the primary key "
                              f"{', '.join(table.primary_key)}")
            break
    # The same bookkeeping as stats(), from the rows already read.
    expected = {"hash": sha256(raw), "bytes": len(raw), "fields": len(rows[0]), "rows": len(rows) - 1}
    for name in ("bytes", "hash", "rows", "fields"):
        if resource.get(name) != expected[name]:
            yield FileProblem(f"[file] {path}: the descriptor says {name}={shown(resource.get(name))} but the file "
                              f"has {expected[name]!r} (changed after the descriptor was built?)")
