#!/usr/bin/env python3
"""Regenerate every generated file from the descriptor and the data; ``--check`` fails when any is stale.

The descriptor (datapackage/datapackage.json) drives everything. Adding a column or an
enumeration value is an edit of the descriptor plus this command. It writes:

- the CSV files in canonical form: UTF-8, LF, minimal quoting, the descriptor's column order
  (a column the descriptor adds is added to the file, empty), rows sorted by primary key;
- datapackage.json bookkeeping: version (from belarus_measures/_version.py), created (the
  date of the top released CHANGELOG entry), sources (the publishers quoted), and per
  resource its hash, bytes, fields and rows;
- schemas/<table>.schema.json, the JSON Schema of one record;
- docs/coverage.md, the coverage report (measures and sources per jurisdiction and year);
- docs/data-dictionary.md, every table, column, constraint and enumeration value explained;
- contract/<version>.json, the release's public contract (tables, columns, types, values);
- belarus_measures/models.py, the Pandera models (one per table) that static typing uses;
- belarus_measures/_integrity.py, the descriptor's checksum, which the package checks before
  trusting the descriptor (and through it every CSV file's hash);
- docs/timeline.png, drawn by belarus_measures.timeline.write_timeline (needs matplotlib) and
  stamped with the digest of its inputs; ``--check`` compares that digest, not pixels (see
  scripts/generators/timeline_png.py for why).

Usage: python scripts/build.py [--check] [--root DIR]

``--root DIR`` builds another checkout-shaped folder (datapackage/, CHANGELOG.md and a
belarus_measures/ package) instead of this repository. Idempotent: a second run changes
nothing and says so. ``--check`` writes nothing and exits 1 listing the stale files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from belarus_measures import listings as _listings  # noqa: E402
from belarus_measures.store import files as _files  # noqa: E402
from belarus_measures.store import io as _io  # noqa: E402
from belarus_measures.store import schema as _schema  # noqa: E402
from generators import contract as _contract  # noqa: E402
from generators import coverage_report as _coverage_report  # noqa: E402
from generators import dictionary as _dictionary  # noqa: E402
from generators import json_schemas as _json_schemas  # noqa: E402
from generators import models as _models  # noqa: E402
from generators import timeline_png as _timeline  # noqa: E402

COMMAND = "python scripts/build.py"
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


@dataclass(frozen=True)
class Layout:
    """Where a checkout keeps its inputs and its generated files."""

    root: Path

    @property
    def datapackage(self) -> Path:
        return self.root / "datapackage"

    @property
    def descriptor(self) -> Path:
        return self.datapackage / "datapackage.json"

    @property
    def package(self) -> Path:
        return self.root / "belarus_measures"

    @property
    def timeline(self) -> Path:
        return self.root / "docs" / "timeline.png"

    def missing(self) -> list[str]:
        needed = [self.descriptor, self.root / "CHANGELOG.md", self.package / "__init__.py",
                  self.package / "_version.py"]
        return [str(p.relative_to(self.root)) for p in needed if not p.is_file()]


def version(root: Path = ROOT) -> str:
    text = (root / "belarus_measures" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("belarus_measures/_version.py has no __version__")
    return match.group(1)


def release_date(root: Path = ROOT) -> str:
    match = RELEASE_HEADING.search((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit("CHANGELOG.md has no released entry '## [X.Y.Z] - YYYY-MM-DD'")
    return match.group(2)


def canonical_csv(table: _schema.Table, raw: bytes) -> bytes:
    """The file in canonical form, its columns in descriptor order; a column new to the descriptor is empty."""
    rows = _files.read_rows(raw.removeprefix(_files.BOM).replace(b"\r\n", b"\n"))
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    unknown = [c for c in header if c not in table.columns]
    if unknown:
        raise SystemExit(f"{table.path}: columns {unknown} are not in the descriptor; describe them in "
                         "datapackage.json or remove them from the file")
    position = {c: i for i, c in enumerate(header)}
    body = [[row[position[c]] if c in position and position[c] < len(row) else "" for c in table.columns]
            for row in body]
    body.sort(key=_files.sort_key(table, list(table.columns)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    writer.writerows(body)
    return out.getvalue().encode("utf-8")


def integrity_module(descriptor: bytes) -> str:
    return (
        f'"""Generated by scripts/build.py; do not edit: the checksum of the shipped datapackage.json."""\n\n'
        f'DESCRIPTOR_SHA256 = "{_files.sha256(descriptor)}"\n'
    )


def dump_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Outputs:
    """Every generated file's expected bytes, and the digest the timeline must be stamped with."""

    files: dict[Path, bytes]
    timeline_digest: str


def designation_events_csv(table: _schema.Table, tables: dict[str, _schema.Table],
                           frames: dict[str, Any]) -> bytes:
    """The derived designation_events table, from the tables parsed before it."""
    restrictive = tables["measures"].field("measure_type").group("restrictive")
    rows = _listings.event_rows(frames, restrictive, table.columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(sorted(([r[c] for c in table.columns] for r in rows), key=_files.sort_key(table, list(table.columns))))
    return canonical_csv(table, out.getvalue().encode("utf-8"))


# Tables the build works out from others (listed after them in the descriptor), never edited by hand.
DERIVED: dict[str, Callable[[_schema.Table, dict[str, _schema.Table], dict[str, Any]], bytes]] = {
    "designation_events": designation_events_csv,
}


def build(layout: Layout) -> Outputs:
    """Every derived file and its expected content (nothing is written)."""
    descriptor = json.loads(layout.descriptor.read_text(encoding="utf-8"))
    tables = _schema.parse_descriptor(descriptor)
    release, released = version(layout.root), release_date(layout.root)
    outputs: dict[Path, bytes] = {}
    contents: dict[str, bytes] = {}
    publishers: set[str] = set()
    frames = {}
    for resource in descriptor["resources"]:
        table = tables[resource["name"]]
        csv_path = layout.datapackage / _io.safe_path(table.path)
        if table.name in DERIVED:
            content = DERIVED[table.name](table, tables, frames)
        else:
            content = canonical_csv(table, csv_path.read_bytes())
        outputs[csv_path] = contents[table.name] = content
        frames[table.name], _ = _io.parse_csv(table, content)
        resource.update(_files.stats(content))
        if table.name == "sources":
            rows = _files.read_rows(content)
            publishers |= {row[rows[0].index("publisher")] for row in rows[1:]}
        schema_path = layout.root / "schemas" / f"{table.name}.schema.json"
        outputs[schema_path] = dump_json(_json_schemas.record_schema(table)).encode("utf-8")
    descriptor["version"] = release
    descriptor["created"] = f"{released}T00:00:00Z"
    descriptor["sources"] = [{"title": p} for p in sorted(publishers)]
    outputs[layout.descriptor] = dump_json(descriptor).encode("utf-8")
    outputs[layout.package / "_integrity.py"] = integrity_module(outputs[layout.descriptor]).encode("utf-8")
    outputs[layout.package / "models.py"] = _models.models_module(tables).encode("utf-8")
    report = _coverage_report.coverage_markdown(frames, tables=tables, version=release, released=released)
    outputs[layout.root / "docs" / "coverage.md"] = report.encode("utf-8")
    outputs[layout.root / "docs" / "data-dictionary.md"] = _dictionary.dictionary_markdown(
        tables, version=release).encode("utf-8")
    outputs[layout.root / "contract" / f"{release}.json"] = dump_json(_contract.snapshot(descriptor)).encode("utf-8")
    code = {path: (layout.root / path).read_bytes() for path in _timeline.CODE}
    digest = _timeline.digest({name: contents[name] for name in _timeline.TABLES}, code)
    return Outputs(outputs, digest)


def stale(layout: Layout, outputs: Outputs) -> list[Path]:
    found = [p for p, content in outputs.files.items() if not p.exists() or p.read_bytes() != content]
    current = layout.timeline.is_file() and _timeline.stamped(layout.timeline.read_bytes()) == outputs.timeline_digest
    return found + ([] if current else [layout.timeline])


_DRAW = """\
import sys
sys.path.insert(0, sys.argv[1])
import belarus_measures
from pathlib import Path
if Path(belarus_measures.__file__).resolve().parent != Path(sys.argv[1]).resolve() / "belarus_measures":
    raise SystemExit(f"drew with {belarus_measures.__file__}, not the package under {sys.argv[1]}")
from belarus_measures.timeline import write_timeline
write_timeline(sys.argv[2])
"""


def draw_timeline(layout: Layout, digest: str) -> bytes:
    """The timeline of the package under ``layout.root``, drawn in a fresh interpreter, stamped.

    A fresh interpreter imports that package with the descriptor checksum just written, so it
    draws the data being built (not what this process loaded before the build).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "timeline.png"
        env = {**os.environ, "MPLBACKEND": "Agg"}
        result = subprocess.run([sys.executable, "-c", _DRAW, str(layout.root), str(out)],
                                capture_output=True, text=True, env=env, check=False)
        if result.returncode != 0:
            raise SystemExit(f"drawing docs/timeline.png failed (matplotlib is in the [plot] extra):\n{result.stderr}")
        return _timeline.stamp(out.read_bytes(), digest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 listing the stale files")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout to build (default: this repository)")
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    missing = layout.missing()
    if missing:
        raise SystemExit(f"{layout.root} is not a checkout to build: missing {', '.join(missing)}")
    outputs = build(layout)
    todo = stale(layout, outputs)
    if args.check:
        for p in todo:
            print(f"stale: {p.relative_to(layout.root)} (run {COMMAND})")
        return 1 if todo else 0
    if not todo:
        print("nothing to do: every generated file is current")
        return 0
    # Files are written after everything was computed, so a failure leaves nothing half-built;
    # the timeline comes last, drawn from the files just written.
    for p in todo:
        if p in outputs.files:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(outputs.files[p])
            print(f"wrote {p.relative_to(layout.root)}")
    if layout.timeline in todo:
        png = draw_timeline(layout, outputs.timeline_digest)
        layout.timeline.parent.mkdir(parents=True, exist_ok=True)
        layout.timeline.write_bytes(png)
        print(f"wrote {layout.timeline.relative_to(layout.root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
