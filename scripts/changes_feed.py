#!/usr/bin/env python3
"""Write the change feed of a release into belarus_measures/_changes/<version>.json.gz.

The feed of release X holds what X changed since the release before it: per table, the rows
added and removed (whole rows) and, per row changed, the old and new value of each changed cell,
matched by the table's primary key (the newer one); and a designation-level summary. Values are
the released CSV cells as text (empty: null).

Usage:
  python scripts/changes_feed.py                 # the feed of the current version, against the
                                                 # previous release rebuilt from the earlier feeds
  python scripts/changes_feed.py --backfill      # every release in the git history (each as the
                                                 # last commit carrying its version), rewritten
  python scripts/changes_feed.py --check         # exit 1 when the current feed is missing or stale

scripts/release.py runs the first form. The feeds are deterministic (sorted rows, gzip without a
timestamp), so a rerun on the same data writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "scripts"))

from belarus_measures import change_feed as _changes  # noqa: E402
from release import previous_package  # noqa: E402  (one way to read a revision's data package)

FEEDS = ROOT / "belarus_measures" / "_changes"
Row = dict[str, Any]


def read_package(folder: Path) -> tuple[dict[str, list[str]], dict[str, list[Row]], str | None]:
    """(key columns, rows) per table of a data package folder, cells as text, and its date."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    keys: dict[str, list[str]] = {}
    tables: dict[str, list[Row]] = {}
    for res in descriptor["resources"]:
        path = folder / res["path"]
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [{c: (v if v != "" else None) for c, v in r.items()} for r in csv.DictReader(fh)]
        pk = res.get("schema", {}).get("primaryKey") or []
        keys[res["name"]] = [pk] if isinstance(pk, str) else list(pk)
        tables[res["name"]] = rows
    return keys, tables, descriptor.get("created")


def _key(row: Row, cols: list[str]) -> tuple[Any, ...]:
    return tuple(row.get(c) for c in cols)


def _order(key: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if k is None else str(k) for k in key)


def table_diff(old_rows: list[Row], new_rows: list[Row], old_key: list[str], new_key: list[str]) -> dict[str, Any]:
    """One table's added, removed and changed rows (the newer key when both sides have its columns)."""
    cols = next((k for k in (new_key, old_key) if k and all(c in r for r in [*old_rows[:1], *new_rows[:1]] for c in k)), None)
    if cols is None:  # no usable key: every column both sides have; rows are then added or removed only
        sides = [r for r in (old_rows[:1] + new_rows[:1])]
        cols = [c for c in (sides[0] if sides else {}) if all(c in s for s in sides)]
    old = {_key(r, cols): r for r in old_rows}
    new = {_key(r, cols): r for r in new_rows}
    changed = []
    for k in sorted(old.keys() & new.keys(), key=_order):
        a, b = old[k], new[k]
        fields = {c: [a.get(c), b.get(c)] for c in sorted({*a, *b}) if a.get(c) != b.get(c)}
        if fields:
            changed.append({"key": dict(zip(cols, k, strict=True)), "fields": fields})
    return {"key": cols,
            "added": [new[k] for k in sorted(new.keys() - old.keys(), key=_order)],
            "removed": [old[k] for k in sorted(old.keys() - new.keys(), key=_order)],
            "changed": changed}


def _jurisdictions(tables: dict[str, list[Row]]) -> dict[str, str | None]:
    """Each measure's jurisdiction, by the package's one definition (store.jurisdictions)."""
    import pandas as pd

    from belarus_measures.store.jurisdictions import jurisdiction_of

    actors = pd.DataFrame(tables.get("actors", []), columns=["actor_id", "jurisdiction", "parent_id"])
    codes = jurisdiction_of(actors.astype(object).where(actors.notna(), None))
    return {m["measure_id"]: codes.get(m.get("actor_id") or "") for m in tables.get("measures", [])}


def designation_summary(old: dict[str, list[Row]], new: dict[str, list[Row]], diff: dict[str, Any]) -> list[Row]:
    """Who was linked to or unlinked from which listing measure (from the designations table)."""
    d = diff.get("designations")
    if d is None:
        return []
    names = {t["target_id"]: t.get("name") for t in [*old.get("targets", []), *new.get("targets", [])]}
    where = {**_jurisdictions(old), **_jurisdictions(new)}
    out = []
    for change in ("added", "removed"):
        for r in d[change]:
            out.append({"change": change, "measure_id": r.get("measure_id"), "target_id": r.get("target_id"),
                        "target_name": names.get(r.get("target_id")), "jurisdiction": where.get(r.get("measure_id"))})
    return out


def make_feed(version: str, previous: str | None, old_pkg: tuple[Any, ...] | None, new_pkg: tuple[Any, ...]) -> dict[str, Any]:
    new_keys, new_tables, created = new_pkg
    old_keys, old_tables = (old_pkg[0], old_pkg[1]) if old_pkg else ({}, {})
    tables = {}
    for name in sorted({*old_tables, *new_tables}):
        t = table_diff(old_tables.get(name, []), new_tables.get(name, []), old_keys.get(name, []), new_keys.get(name, []))
        if t["added"] or t["removed"] or t["changed"]:
            tables[name] = t
    return {"version": version, "previous": previous, "date": created, "tables": tables,
            "designations": designation_summary(old_tables, new_tables, tables)}


def write_feed(data: dict[str, Any], folder: Path = FEEDS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path = folder / f"{data['version']}.json.gz"
    path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return path


def git_releases() -> list[tuple[str, str]]:
    """(version, last commit carrying it) for every version in the history, oldest first."""
    commits = subprocess.run(["git", "rev-list", "--reverse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    last: dict[str, str] = {}
    order: list[str] = []
    for c in commits:
        text = subprocess.run(["git", "show", f"{c}:belarus_measures/_version.py"], cwd=ROOT, capture_output=True,
                              text=True).stdout
        version = next((line.split('"')[1] for line in text.splitlines() if line.startswith("__version__")), None)
        if version is None:
            continue
        if version not in last:
            order.append(version)
        last[version] = c
    return [(v, last[v]) for v in order]


def previous_state(before: list[str]) -> tuple[dict[str, list[str]], dict[str, list[Row]]]:
    """The tables of the last of ``before`` releases, rebuilt from their feeds."""
    feeds = [_changes.feed(v) for v in before]
    state = _changes.rows_since(feeds)
    keys = {}
    for data in feeds:
        for name, t in data["tables"].items():
            keys[name] = t["key"]
    return keys, {name: list(rows.values()) for name, rows in state.items()}


def current_feed() -> dict[str, Any]:
    from belarus_measures._version import __version__

    known = [v for v in _changes.releases() if _changes.version_key(v) < _changes.version_key(__version__)]
    old = previous_state(known) if known else None
    return make_feed(__version__, known[-1] if known else None, old, read_package(ROOT / "datapackage"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--backfill", action="store_true", help="rewrite the feed of every release in the git history")
    group.add_argument("--check", action="store_true", help="exit 1 when the current release's feed is missing or stale")
    args = parser.parse_args(argv)
    if args.backfill:
        previous: tuple[str, Any] | None = None
        with tempfile.TemporaryDirectory() as tmp:
            for version, commit in git_releases():
                pkg = read_package(previous_package(commit, Path(tmp) / version))
                data = make_feed(version, previous[0] if previous else None, previous[1] if previous else None, pkg)
                print(f"{version} ({commit[:7]}): {write_feed(data).name}, "
                      f"{sum(len(t['added']) + len(t['removed']) + len(t['changed']) for t in data['tables'].values())} rows")
                previous = (version, pkg)
        return 0
    data = current_feed()
    if args.check:
        path = FEEDS / f"{data['version']}.json.gz"
        fresh = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        if not path.exists() or gzip.decompress(path.read_bytes()) != fresh:
            print(f"stale or missing: {path.relative_to(ROOT)} (run python scripts/changes_feed.py)")
            return 1
        print(f"{path.relative_to(ROOT)} is current")
        return 0
    print(f"wrote {write_feed(data).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
