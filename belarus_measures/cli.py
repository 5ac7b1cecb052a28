"""The ``belarus-measures`` command: a thin layer over the public functions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _summary(_: argparse.Namespace) -> int:
    from belarus_measures._summary import summary_text

    sys.stdout.write(summary_text())
    return 0


def _coverage(_: argparse.Namespace) -> int:
    from belarus_measures._coverage import coverage

    table = coverage()
    sys.stdout.write(table.to_string(index=False) + "\n")
    return 0


def _search(args: argparse.Namespace) -> int:
    from belarus_measures.targets_search import search_targets

    hits = search_targets(args.name, kind=args.kind, limit=args.limit)
    if hits.empty:
        sys.stdout.write(f"no target matches {args.name!r}\n")
        return 0
    sys.stdout.write(hits.to_string(index=False) + "\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from belarus_measures._validate import problems

    failures = problems(args.datapackage)
    if failures:
        sys.stdout.write(f"INVALID: {len(failures)} failure(s)\n" + "".join(f"  - {f}\n" for f in failures))
        return 1
    sys.stdout.write("valid: every invariant holds\n")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="belarus-measures", description="International measures concerning Belarus since 2020.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summary", help="counts by table, jurisdiction, actor, type and year")
    s.set_defaults(run=_summary)
    c = sub.add_parser("coverage", help="measures and sources per jurisdiction and year, to show gaps")
    c.set_defaults(run=_coverage)
    f = sub.add_parser("search", help="find listed persons, entities and aircraft by any spelling of their name")
    f.add_argument("name", help="a name in any transliteration or in Cyrillic, e.g. Lukashenko or Лукашэнка")
    f.add_argument("--kind", choices=["individual", "entity", "aircraft", "vessel"], default=None)
    f.add_argument("--limit", type=int, default=10)
    f.set_defaults(run=_search)
    v = sub.add_parser("validate", help="check every invariant; exit status 1 on failure")
    v.add_argument("datapackage", nargs="?", default=None, help="a datapackage.json to check (default: the shipped one)")
    v.set_defaults(run=_validate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except (ValueError, TypeError, OSError) as err:
        sys.stderr.write(f"belarus-measures: error: {err}\n")
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
