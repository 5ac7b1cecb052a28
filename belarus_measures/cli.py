"""The ``belarus-measures`` command: a thin layer over the public functions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn


def _summary(_: argparse.Namespace) -> int:
    from belarus_measures.reports.summary import summary_text

    sys.stdout.write(summary_text())
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from belarus_measures.reports.coverage import coverage, lifecycle_coverage, target_coverage, target_gaps

    table = {"measures": coverage, "targets": target_coverage, "gaps": target_gaps,
             "ends": lifecycle_coverage}[args.of]()
    sys.stdout.write(table.to_string(index=False) + "\n")
    return 0


def _search(args: argparse.Namespace) -> int:
    from belarus_measures.targets_search import search_targets, search_text

    if args.kind is not None:
        found = {"targets": search_targets(args.name, kind=args.kind, limit=args.limit)}
    else:
        found = search_text(args.name, limit=args.limit)
    if all(frame.empty for frame in found.values()):
        sys.stdout.write(f"no target, actor or measure matches {args.name!r}\n")
        return 0
    for section, frame in found.items():
        if not frame.empty:
            sys.stdout.write(f"{section}:\n{frame.to_string(index=False, max_colwidth=70)}\n\n")
    return 0


def _listed(args: argparse.Namespace) -> int:
    from belarus_measures.accessors import listed

    frame = listed(args.on, jurisdiction=args.jurisdiction, target_kind=args.kind)
    shown = frame.assign(since=frame.since.dt.strftime("%Y-%m-%d"))
    sys.stdout.write(shown.to_string(index=False, max_colwidth=60) + f"\n{len(frame)} listings on {args.on}\n")
    return 0


def _changes(args: argparse.Namespace) -> int:
    from belarus_measures.change_feed import changes

    level = "designations" if args.designations else "rows"
    frame = changes(args.since, args.until, level=level)
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if frame.empty:
        sys.stdout.write(f"no changes since {args.since}\n")
        return 0
    if level == "rows":
        counts = frame.groupby(["table", "change"]).key.nunique().unstack(fill_value=0)
        sys.stdout.write(f"rows added, removed and changed since {args.since}:\n{counts.to_string()}\n")
        return 0
    sys.stdout.write(frame.to_string(index=False, max_colwidth=50) + "\n")
    return 0


def _history(args: argparse.Namespace) -> int:
    from belarus_measures.accessors import designation_history, targets
    from belarus_measures.targets_search import search_targets

    ids = set(targets().target_id.astype(str))
    target_id = args.target
    if target_id not in ids:
        # A name: the search's first hit, said on the first line so a wrong guess shows.
        found = search_targets(args.target, limit=1)
        if found.empty:
            raise ValueError(f"no target id or name matches {args.target!r}")
        target_id = str(found.target_id.iloc[0])
    name = targets().set_index("target_id").loc[target_id, "name"]
    h = designation_history(target_id)
    out = [f"{target_id}: {name}"]
    for row in h.itertuples():
        act = f" ({row.legal_reference})" if isinstance(row.legal_reference, str) else ""
        why = f" [{row.end_reason}]" if isinstance(row.end_reason, str) else ""
        out.append(f"  {row.date:%Y-%m-%d}  {row.jurisdiction:<3} {row.event:<14} {row.measure_id}{act}{why}")
    if h.empty:
        out.append("  no listing recorded")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _list(args: argparse.Namespace) -> int:
    import json

    from belarus_measures.store import schema as _schema
    from belarus_measures.text import values as _values
    from belarus_measures.accessors import measures

    frame = measures(jurisdiction=args.jurisdiction, actor=args.actor, measure_type=args.type,
                     start=args.start, end=args.end)
    # Values as the descriptor types them, written as the package's CSV files and the JSON
    # Lines export write them (one serialiser: belarus_measures.text.values).
    if args.format == "csv":
        _values.write_csv(_schema.table("measures"), frame, sys.stdout)
    elif args.format == "json":
        records = _values.records(_schema.table("measures"), frame)
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        shown = frame[["measure_id", "date", "actor_id", "measure_type", "title"]]
        sys.stdout.write(shown.to_string(index=False, max_colwidth=70) + f"\n{len(frame)} measures\n")
    return 0


def _show(args: argparse.Namespace) -> int:
    from belarus_measures.accessors import designations, measure, targets

    m = measure(args.measure_id)
    out = [f"{m.measure_id}  {m.date} ({m.date_precision})  {m.actor_name} [{m.jurisdiction or 'international'}]",
           f"{m.measure_type}, {m.status}, {'binding' if m.binding else 'not binding'}", "", m.title, "", m.summary, ""]
    if m.legal_reference:
        out.append(f"Legal reference: {m.legal_reference}")
    for count in m.counts:
        out.append(f"Listed: {count.count} {count.target_kind}")
    for v in m.votes:
        counts = "" if v.votes_for is None else f" {v.votes_for}-{v.votes_against}-{v.abstentions}"
        out.append(f"Vote: {v.actor_id} {v.date} {v.method}{counts} {v.result}")
    for link in m.links:
        out.append(f"Link: {link.relation} {link.related_measure_id}")
    for link in m.linked_from:
        out.append(f"Linked from: {link.measure_id} {link.relation} this")
    d = designations()
    names = dict(zip(targets().target_id, targets().name, strict=True))
    named = sorted(names[t] for t in d.loc[d.measure_id == m.measure_id, "target_id"])
    if named:
        out.append(f"Named targets ({len(named)}): " + "; ".join(named))
    out.append("")
    for c in m.citations:
        out += [f"[{c.source_id}] {c.publisher}, {c.published or 'undated'} ({c.source_type}) {c.url or ''}",
                f"  \u201c{c.quote}\u201d"]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from belarus_measures.reports.diff import checked_detail, diff, diff_text
    from belarus_measures.checks.validate import ValidationError

    detail = checked_detail(args.detail)  # refused before the (slow) validation of both packages
    if _is_release(args.old):
        import os

        if args.new is not None and not _is_release(args.new) and not os.path.exists(args.new):
            raise ValueError(f"diff {args.old!r} {args.new!r}: the second is neither a release (X.Y.Z, e.g. 0.10.0) "
                             "nor a datapackage.json or its folder")
        if args.new is None or _is_release(args.new):
            from belarus_measures.reports.diff import diff_releases

            sys.stdout.write(diff_text(diff_releases(args.old, args.new), detail=detail))
            return 0
    if args.new is None:
        raise ValueError(f"diff {args.old!r}: give the newer datapackage.json too, or compare releases by "
                         "version number (e.g. diff 0.4.0 0.10.0)")
    try:
        found = diff(args.old, args.new)
    except ValidationError as err:
        # Exit status 1, as validate: a package compared is itself invalid, which side is said per line.
        sides = [s for s in ("old", "new") if any(f.startswith(f"{s} ") for f in err.failures)]
        sys.stdout.write(f"INVALID: cannot compare, {len(err.failures)} failure(s) in the "
                         f"{' and '.join(sides) or 'compared'} package{'s' if len(sides) == 2 else ''}\n"
                         + "".join(f"  - {f}\n" for f in err.failures))
        return 1
    sys.stdout.write(diff_text(found, detail=detail))
    return 0


def _is_release(text: str) -> bool:
    """A version number (``0.4.0``) that is not also the name of a file or folder here."""
    import os

    from belarus_measures.change_feed import VERSION

    return VERSION.fullmatch(text) is not None and not os.path.exists(text)


def _export(args: argparse.Namespace) -> int:
    from belarus_measures.exports import export

    path = export(args.format, args.out, overwrite=args.force)
    sys.stdout.write(f"wrote {path}\n")
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from belarus_measures.timeline import write_timeline

    sys.stdout.write(f"wrote {write_timeline(args.out, start=args.start, lanes=args.lanes)}\n")
    return 0


def _site(args: argparse.Namespace) -> int:
    from belarus_measures.site import build_site

    store = None
    if args.datapackage is not None:
        from belarus_measures.accessors import load

        store = load(args.datapackage)
    home = build_site(args.out, store=store, overwrite=args.force)
    sys.stdout.write(f"wrote {home} (open it in a browser; search: {home.parent / 'search.html'}?q=NAME)\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from belarus_measures.checks.validate import report

    found = report(args.datapackage)
    notes = "".join(f"  not applicable: [{name}] (the package has no {', '.join(lacking)})\n"
                    for name, lacking in found.not_applicable.items())
    if found.failures:
        sys.stdout.write(f"INVALID: {len(found.failures)} failure(s) in {found.descriptor}\n"
                         + "".join(f"  - {f}\n" for f in found.failures) + notes)
        return 1
    sys.stdout.write(f"valid: every invariant that applies holds ({found.descriptor})\n" + notes)
    return 0


class _Parser(argparse.ArgumentParser):
    """Bad arguments are one line on stderr and exit status 2, like every other bad input."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    from belarus_measures.store.schema import table

    p = _Parser(prog="belarus-measures", description="International measures concerning Belarus since 2020.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summary", help="counts by table, jurisdiction, actor, type and year")
    s.set_defaults(run=_summary)
    ls = sub.add_parser("list", help="measures, filtered as measures() filters them")
    ls.add_argument("--jurisdiction", action="append", help="e.g. EU, US, BY (repeat for several)")
    ls.add_argument("--actor", action="append", help="an actor_id; includes its sub-bodies")
    ls.add_argument("--type", action="append", help="a measure_type, e.g. designation")
    ls.add_argument("--start", help="first date, YYYY-MM-DD")
    ls.add_argument("--end", help="last date, YYYY-MM-DD")
    ls.add_argument("--format", choices=["table", "csv", "json"], default="table")
    ls.set_defaults(run=_list)
    sh = sub.add_parser("show", help="one measure with its counts, votes, links, named targets and quoted sources")
    sh.add_argument("measure_id")
    sh.set_defaults(run=_show)
    df = sub.add_parser("diff", help="rows added, removed and changed per table between two data packages "
                                     "or two releases")
    df.add_argument("old", help="the older datapackage.json or its folder, or a release, e.g. 0.4.0")
    df.add_argument("new", nargs="?", default=None,
                    help="the newer datapackage.json or its folder, or a release (default with a release: this one)")
    df.add_argument("--detail", type=int, default=10,
                    help="keys listed per kind of change, a whole number >= 0 (default 10; 0: counts only)")
    df.set_defaults(run=_diff)
    from belarus_measures.exports import WRITERS

    ex = sub.add_parser("export", help=f"write the data as {', '.join(WRITERS)}")
    ex.add_argument("--format", required=True, choices=list(WRITERS),
                    help="; ".join(f"{name}: {w.help}" for name, w in WRITERS.items()))
    ex.add_argument("--out", required=True, help="; ".join(
        f"a {kind} for {', '.join(n for n, w in WRITERS.items() if w.out == kind)}" for kind in ("file", "folder")))
    ex.add_argument("--force", action="store_true",
                    help="replace an existing file (or the folder's <table>.parquet/.jsonl files)")
    ex.set_defaults(run=_export)
    tl = sub.add_parser("timeline", help="draw measures over time, a lane per jurisdiction (PNG, SVG or PDF)")
    tl.add_argument("--out", required=True, help="image file: .png, .svg or .pdf")
    tl.add_argument("--start", default="2020-08-01",
                    help="first date shown, YYYY-MM-DD, not after the newest measure (default 2020-08-01)")
    tl.add_argument("--lanes", type=int, default=14,
                    help="jurisdictions with a lane of their own, at least 1 (default 14)")
    tl.set_defaults(run=_timeline)
    c = sub.add_parser("coverage", help="measures and sources per jurisdiction and year, to show gaps")
    c.add_argument("--of", choices=["measures", "targets", "gaps", "ends"], default="measures",
                   help="measures and sources per jurisdiction and year (default); the share of counted "
                        "designations linked to named targets; the rounds with unlinked designations; or, per "
                        "jurisdiction, the binding measures with a known end or a dated in-force check")
    c.set_defaults(run=_coverage)
    ld = sub.add_parser("listed", help="targets listed on a day, per jurisdiction, with the day each listing began")
    ld.add_argument("--on", required=True, help="the day, YYYY-MM-DD")
    ld.add_argument("--jurisdiction", action="append", default=None, help="e.g. EU, US, GB (repeatable)")
    ld.add_argument("--kind", choices=list(table("targets").field("target_kind").enum or ()), default=None)
    ld.set_defaults(run=_listed)
    hi = sub.add_parser("history", help="a target's listings and delistings across jurisdictions")
    hi.add_argument("target", help="a target id or a name in any spelling, e.g. belavia or Лукашэнка")
    hi.set_defaults(run=_history)
    ch = sub.add_parser("changes", help="what changed since an earlier release, from the feed shipped in the package")
    ch.add_argument("--since", required=True, help="an earlier release, e.g. 0.4.0")
    ch.add_argument("--until", default=None, help="a later release (default: this one)")
    ch.add_argument("--designations", action="store_true",
                    help="who was linked to or unlinked from which listing measure, instead of row counts")
    ch.add_argument("--format", choices=["table", "csv"], default="table",
                    help="table: counts per table (or the designations); csv: every changed row or cell")
    ch.set_defaults(run=_changes)
    f = sub.add_parser("search", help="find targets (any spelling, any script), actors and measures by name or words")
    f.add_argument("name", help="a name in any transliteration or in Cyrillic, e.g. Lukashenko or Лукашэнка")
    f.add_argument("--kind", choices=list(table("targets").field("target_kind").enum or ()), default=None)
    f.add_argument("--limit", type=int, default=10)
    f.set_defaults(run=_search)
    si = sub.add_parser("site", help="write a static web explorer of the data (HTML, no server; works from file://)")
    si.add_argument("--out", required=True, help="a new or empty folder (or, with --force, a site built before)")
    si.add_argument("--datapackage", default=None, help="publish this datapackage.json instead of the shipped one")
    si.add_argument("--force", action="store_true", help="replace a site this command built before in --out")
    si.set_defaults(run=_site)
    v = sub.add_parser("validate", help="check every invariant; exit status 1 on failure")
    v.add_argument("datapackage", nargs="?", default=None, help="a datapackage.json to check (default: the shipped one)")
    v.set_defaults(run=_validate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        status: int = args.run(args)
    except (ValueError, TypeError, OSError, ImportError) as err:
        sys.stderr.write(f"belarus-measures: error: {err}\n")
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
