#!/usr/bin/env python3
"""Bump the version everywhere and draft the CHANGELOG entry from the data diff.

Usage: python scripts/release.py X.Y.Z [--previous REV] [--date YYYY-MM-DD]

- writes X.Y.Z into belarus_measures/_version.py (pyproject reads it from there) and
  CITATION.cff, and the README's pinned examples;
- compares the data package with the one at git revision REV (default: HEAD, the last
  commit) and drafts the CHANGELOG entry ``## [X.Y.Z] - DATE`` with the rows added, removed
  and changed per table, under the ``[Unreleased]`` notes already written;
- writes the release's change feed (scripts/changes_feed.py) after the build;
- runs scripts/build.py, which copies the version and the release date into
  datapackage.json and regenerates everything derived (contract/X.Y.Z.json included).

Then: read and complete the CHANGELOG entry, run the tests, commit, ``python -m build`` and
``twine check dist/*``. The package itself never looks releases up in git: compare an older
release by the path of its data package (``--previous REV`` does the git lookup here). Semantic versions for the data: major when the contract breaks,
minor for new rows, columns or tables, patch for corrections.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_measures.reports import diff as _diff  # noqa: E402
from build import version as current_version  # noqa: E402  (scripts/ is on sys.path)

VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def previous_package(rev: str, into: Path) -> Path:
    """The datapackage/ folder as it was at git revision ``rev``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "datapackage"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"cannot read datapackage/ at git revision {rev!r}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "datapackage"


def draft(diffs: list[_diff.TableDiff]) -> str:
    changed = [d for d in diffs if not d.empty]
    if not changed:
        return "### Data\n- No rows added, removed or changed.\n"
    lines = ["### Data (drafted from `belarus-measures diff`; describe what they are)"]
    lines += [f"- `{d.table}`: {len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"
              for d in changed]
    return "\n".join(lines) + "\n"


def replace_in(path: Path, pattern: str, repl: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, repl, text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("version", help="the new version, X.Y.Z")
    parser.add_argument("--previous", default="HEAD", help="git revision of the previous release (default HEAD)")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="release date (default today)")
    args = parser.parse_args(argv)
    old = current_version()
    if not VERSION.match(args.version):
        raise SystemExit(f"version {args.version!r} is not X.Y.Z")
    if _tuple(args.version) <= _tuple(old):
        raise SystemExit(f"version {args.version} is not after the current {old}")
    dt.date.fromisoformat(args.date)

    # The edited CSV files first get their bookkeeping (hashes, rows), or the diff would refuse the
    # working tree as a package whose files do not match its descriptor.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        before = previous_package(args.previous, Path(tmp))
        diffs = _diff.diff(before, ROOT / "datapackage")

    changelog = ROOT / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    head, sep, rest = text.partition("## [Unreleased]\n")
    if not sep:
        raise SystemExit("CHANGELOG.md has no '## [Unreleased]' heading")
    notes, nxt, tail = rest.partition("\n## [")
    entry = f"## [Unreleased]\n\n## [{args.version}] - {args.date}\n{notes.strip()}\n\n{draft(diffs)}"
    changelog.write_text(head + entry + (nxt + tail if nxt else ""), encoding="utf-8")

    replace_in(ROOT / "belarus_measures" / "_version.py", r'__version__ = "[^"]+"', f'__version__ = "{args.version}"')
    replace_in(ROOT / "CITATION.cff", r'(?m)^version: ".*"$', f'version: "{args.version}"')
    replace_in(ROOT / "CITATION.cff", r'(?m)^date-released: ".*"$', f'date-released: "{args.date}"')
    replace_in(ROOT / "README.md", r"belarus-measures==\d+\.\d+\.\d+", f"belarus-measures=={args.version}")
    replace_in(ROOT / "README.md", r"version \d+\.\d+\.\d+ \(data", f"version {args.version} (data")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")], check=True)
    # The change feed of this release (shipped in the wheel; bm.changes reads it), against the
    # previous release as the earlier feeds rebuild it. Rerun it after any later data edit.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "changes_feed.py")], check=True)
    print(f"{old} -> {args.version}: CHANGELOG entry drafted; complete it, run the tests, commit, "
          f"then python -m build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
