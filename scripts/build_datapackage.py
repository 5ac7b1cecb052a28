#!/usr/bin/env python3
"""Regenerate everything derived in the data package; ``--check`` fails when anything is stale.

What it writes:
- the CSV files in canonical form (UTF-8, LF, minimal quoting, rows sorted by primary key);
- datapackage.json bookkeeping: version (from belarus_measures/_version.py), created (the
  date of the top released CHANGELOG entry), sources (the publishers quoted), and per
  resource its hash, bytes, fields and rows;
- schemas/<table>.schema.json, the JSON Schema of one record, derived from the descriptor;
- docs/coverage.md, the coverage report (measures and sources per jurisdiction and year);
- docs/data-dictionary.md, every table, column, constraint and enumeration value explained;
- contract/<version>.json, the release's public contract (tables, columns, types, values).

Usage: python scripts/build_datapackage.py [--check]
Idempotent: a second run changes nothing and says so.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_measures import _contract, _coverage, _dictionary, _files, _io, _jsonschema, _schema  # noqa: E402

DATAPACKAGE = ROOT / "datapackage"
SCHEMAS = ROOT / "schemas"
COVERAGE = ROOT / "docs" / "coverage.md"
DICTIONARY = ROOT / "docs" / "data-dictionary.md"
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def version() -> str:
    text = (ROOT / "belarus_measures" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("belarus_measures/_version.py has no __version__")
    return match.group(1)


def release_date() -> str:
    match = RELEASE_HEADING.search((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit("CHANGELOG.md has no released entry '## [X.Y.Z] - YYYY-MM-DD'")
    return match.group(2)


def canonical_csv(table: _schema.Table, raw: bytes) -> bytes:
    rows = _files.read_rows(raw.removeprefix(_files.BOM).replace(b"\r\n", b"\n"))
    header, body = rows[0], rows[1:]
    body.sort(key=_files.sort_key(table, header))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue().encode("utf-8")


def dump_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def build() -> dict[Path, bytes]:
    """Every derived file and its expected content."""
    path = DATAPACKAGE / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    tables = _schema.parse_descriptor(descriptor)
    outputs: dict[Path, bytes] = {}
    publishers: set[str] = set()
    frames = {}
    for resource in descriptor["resources"]:
        table = tables[resource["name"]]
        csv_path = DATAPACKAGE / table.path
        content = canonical_csv(table, csv_path.read_bytes())
        outputs[csv_path] = content
        frames[table.name], _ = _io.parse_csv(table, content)
        resource.update(_files.stats(content))
        if table.name == "sources":
            rows = _files.read_rows(content)
            publishers |= {row[rows[0].index("publisher")] for row in rows[1:]}
        schema_path = SCHEMAS / f"{table.name}.schema.json"
        outputs[schema_path] = dump_json(_jsonschema.record_schema(table)).encode("utf-8")
    descriptor["version"] = version()
    descriptor["created"] = f"{release_date()}T00:00:00Z"
    descriptor["sources"] = [{"title": p} for p in sorted(publishers)]
    outputs[path] = dump_json(descriptor).encode("utf-8")
    report = _coverage.coverage_markdown(frames, version=version(), released=release_date())
    outputs[COVERAGE] = report.encode("utf-8")
    outputs[DICTIONARY] = _dictionary.dictionary_markdown(tables, version=version()).encode("utf-8")
    outputs[ROOT / "contract" / f"{version()}.json"] = dump_json(_contract.snapshot(descriptor)).encode("utf-8")
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    args = parser.parse_args(argv)
    outputs = build()
    stale = [p for p, content in outputs.items() if not p.exists() or p.read_bytes() != content]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)} (run python scripts/build_datapackage.py)")
        return 1 if stale else 0
    if not stale:
        print("nothing to do: the data package is current")
        return 0
    # Files are written after everything was computed, so a failure leaves nothing half-built.
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(outputs[p])
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
