"""The invariants of DATA_MODEL.md that span rows and tables.

Each check takes the parsed tables and yields failure messages; ``check_tables`` runs
them all. Messages start with the check's name in brackets, so a report can be grepped
and a test can tell which invariant rejected a table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from belarus_measures.store import io as _io
from belarus_measures.text import names as _names
from belarus_measures.text import numbers as _numbers
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

ELECTION_DAY = dt.date(2020, 8, 9)
NUMBER_IN_TEXT = re.compile(r"(?<![\w/.-])\d[\d,]*(?:\.\d+)?(?<![,.])")
YEARS = (1990, 2100)


@dataclass(frozen=True)
class Context:
    """What the checks see: the parsed tables, their schemas and the release date."""

    frames: Mapping[str, pd.DataFrame]
    tables: Mapping[str, _schema.Table]
    release_date: dt.date
    # Rows as dicts, made once per table: many checks read the same tables.
    cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


Check = Callable[[Context], Iterator[str]]
CHECKS: dict[str, Check] = {}
# What each check reads, table by table: a package without one of these tables or columns (an
# older release, a fork) is not failed by the check but told that it does not apply.
NEEDS: dict[str, dict[str, tuple[str, ...]]] = {}


def check(name: str, needs: Mapping[str, tuple[str, ...]] | None = None) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        def named(ctx: Context) -> Iterator[str]:
            for message in fn(ctx):
                yield f"[{name}] {message}"

        CHECKS[name] = named
        NEEDS[name] = dict(needs or {})
        return named

    return register


def missing_needs(name: str, tables: Mapping[str, _schema.Table], frames: Mapping[str, object]) -> list[str]:
    """The tables and columns check ``name`` reads that a package lacks (empty when it applies)."""
    lacking = []
    for table, columns in NEEDS[name].items():
        if table not in tables or table not in frames:
            lacking.append(f"table {table}")
            continue
        lacking += [f"{table}.{c}" for c in columns if c not in tables[table].columns]
    return lacking


VOTE_COUNTS = ("votes_for", "votes_against", "abstentions")


def _rows(ctx: Context, name: str) -> list[dict[str, Any]]:
    frame = ctx.frames.get(name)
    if frame is None:
        return []
    if name not in ctx.cache:
        ctx.cache[name] = _io.records(frame)
    return ctx.cache[name]


def _present(ctx: Context) -> Iterator[tuple[str, _schema.Table, pd.DataFrame]]:
    """Each table that has both a schema and a frame (a check over a partial set skips the rest)."""
    for name, table in ctx.tables.items():
        frame = ctx.frames.get(name)
        if frame is not None:
            yield name, table, frame


def _line(index: object) -> int:
    # Line numbers in the CSV file: the header is line 1.
    return int(str(index)) + 2


def _day(value: object) -> dt.date:
    import pandas as pd

    return pd.Timestamp(str(value)).date()


@check("schema")
def _schema_check(ctx: Context) -> Iterator[str]:
    """Types, enumerations, patterns, bounds, required values and unique keys per table."""
    import pandera.errors

    from belarus_measures.store.frame_schema import frame_schema

    for name, table, frame in _present(ctx):
        try:
            frame_schema(table).validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as err:
            cases = err.failure_cases
            for case in cases.itertuples():
                where = f" line {_line(case.index)}" if case.index is not None and str(case.index) != "nan" else ""
                yield f"{name}{where}: column {case.column} fails {case.check}: {shown(case.failure_case)}"


@check("foreign_keys")
def _foreign_keys(ctx: Context) -> Iterator[str]:
    for name, table, frame in _present(ctx):
        for fk in table.foreign_keys:
            target = ctx.frames.get(fk.resource)
            if target is None:
                continue
            keys = set(zip(*(_io.column_values(target[c]) for c in fk.reference), strict=True))
            values = zip(*(_io.column_values(frame[c]) for c in fk.fields), strict=True)
            for idx, key in zip(frame.index, values, strict=True):
                # A missing value in a nullable foreign key points nowhere, which is allowed.
                if None not in key and key not in keys:
                    yield (f"{name} line {_line(idx)}: {', '.join(fk.fields)}={', '.join(map(str, key))} "
                           f"does not match any {fk.resource}.{', '.join(fk.reference)}")


@check("date_order", needs={"measures": ("date", "date_effective", "date_end", "date_precision")})
def _date_order(ctx: Context) -> Iterator[str]:
    m = ctx.frames.get("measures")
    if m is not None:
        for col in ("date_effective", "date_end"):
            bad = m[col].notna() & (m[col] < m["date"])
            for row in m.loc[bad].itertuples():
                yield f"measures {row.measure_id}: {col} {_day(getattr(row, col))} is before date {_day(row.date)}"
        precise = m.date_precision.astype("string")
        for row in m.loc[(precise == "month") & (m.date.dt.day != 1)].itertuples():
            yield f"measures {row.measure_id}: a month-precise date must be stored as the 1st"
        for row in m.loc[(precise == "year") & ((m.date.dt.day != 1) | (m.date.dt.month != 1))].itertuples():
            yield f"measures {row.measure_id}: a year-precise date must be stored as 1 January"
    e = ctx.frames.get("events")
    if e is not None:
        for row in e.loc[e.end_date.notna() & (e.end_date < e.date)].itertuples():
            yield f"events {row.event_id}: end_date is before date"


@check("not_after_release")
def _not_after_release(ctx: Context) -> Iterator[str]:
    import pandas as pd

    limit = pd.Timestamp(ctx.release_date)
    for name, table, frame in _present(ctx):
        for f in table.fields:
            if f.type == "date":
                late = frame[f.name].notna() & (frame[f.name] > limit)
                for idx in frame.index[late.to_numpy(dtype=bool)]:
                    yield (f"{name} line {_line(idx)}: {f.name} {_day(frame.at[idx, f.name])} "
                           f"is after the release date {ctx.release_date}")


@check("election_period", needs={"measures": ("date", "background")})
def _election_period(ctx: Context) -> Iterator[str]:
    """Measures are on or after election day, unless marked as background (and then before)."""
    import pandas as pd

    m = ctx.frames.get("measures")
    if m is None:
        return
    day = pd.Timestamp(ELECTION_DAY)
    background = m.background.fillna(False).astype(bool)
    for row in m.loc[~background & (m.date < day)].itertuples():
        yield f"measures {row.measure_id}: {_day(row.date)} is before the election of {ELECTION_DAY} but not marked background"
    for row in m.loc[background & (m.date >= day)].itertuples():
        yield f"measures {row.measure_id}: marked background but dated {_day(row.date)}, after the election"


@check("cited", needs={"measures": ("measure_id",), "citations": ("measure_id",)})
def _cited(ctx: Context) -> Iterator[str]:
    m, c = ctx.frames.get("measures"), ctx.frames.get("citations")
    if m is None or c is None:
        return
    cited = set(c.measure_id)
    for measure_id in m.measure_id:
        if measure_id not in cited:
            yield f"measures {measure_id}: has no citation"


@check("sources_used", needs={"sources": ("source_id",)})
def _sources_used(ctx: Context) -> Iterator[str]:
    """Every source backs at least one row of a table whose foreign key points at sources."""
    users = [(name, fk.fields[0]) for name, table, _ in _present(ctx) for fk in table.foreign_keys
             if fk.resource == "sources" and fk.reference == ("source_id",) and len(fk.fields) == 1]
    used = {row[column] for name, column in users for row in _rows(ctx, name)}
    for row in _rows(ctx, "sources"):
        if row["source_id"] not in used:
            yield f"sources {row['source_id']}: used by no {', '.join(name for name, _ in users)} row"


@check("numbers_quoted", needs={"citations": ("measure_id", "quote"), "measures": ("title", "summary"),
                                "designation_counts": ("count",), "votes": VOTE_COUNTS,
                                "figures": ("value", "quote")})
def _numbers_quoted(ctx: Context) -> Iterator[str]:
    """Every count and vote number appears in a quote of its measure; every figure in its own quote."""
    quotes: dict[str, list[str]] = {}
    for row in _rows(ctx, "citations"):
        quotes.setdefault(row["measure_id"], []).append(str(row["quote"]))

    def quoted(measure_id: str, value: float) -> bool:
        return any(_numbers.appears_in(value, q) for q in quotes.get(measure_id, []))

    for row in _rows(ctx, "designation_counts"):
        if row["count"] is not None and not quoted(row["measure_id"], float(row["count"])):
            yield f"designation_counts {row['measure_id']}/{row['target_kind']}: {row['count']} is in none of its quotes"
    for row in _rows(ctx, "votes"):
        for col in VOTE_COUNTS:
            if row[col] is not None and not quoted(row["measure_id"], float(row[col])):
                yield f"votes {row['measure_id']}: {col}={row[col]} is in none of its quotes"
    for row in _rows(ctx, "figures"):
        if row["value"] is not None and not _numbers.appears_in(float(row["value"]), str(row["quote"])):
            yield f"figures {row['figure_id']}: value {row['value']:g} is not in its quote"
    # Numbers written in our own words must come from a source too (years are dates, not counts).
    for row in _rows(ctx, "measures"):
        text = f"{row['title']} {row['summary']}"
        for token in NUMBER_IN_TEXT.findall(text):
            value = float(token.replace(",", ""))
            if not YEARS[0] <= value <= YEARS[1] and not quoted(row["measure_id"], value):
                yield f"measures {row['measure_id']}: the number {token} in its title or summary is in none of its quotes"


@check("vote_method", needs={"votes": ("method", *VOTE_COUNTS)})
def _vote_method(ctx: Context) -> Iterator[str]:
    """Recorded votes carry their counts; voice votes and unanimous consent carry none."""
    for row in _rows(ctx, "votes"):
        method = str(row["method"])
        if method == "recorded" and row["votes_for"] is None:
            yield f"votes {row['measure_id']}: a recorded vote needs votes_for"
        if method in ("voice", "unanimous_consent") and any(row[c] is not None for c in VOTE_COUNTS):
            yield f"votes {row['measure_id']}: a {method} vote has no counts"


@check("chamber_size", needs={"votes": ("actor_id", "date", *VOTE_COUNTS),
                             "figures": ("indicator", "actor_id", "date", "value")})
def _chamber_size(ctx: Context) -> Iterator[str]:
    """votes_for + votes_against + abstentions <= the chamber's seats (a sourced figure)."""
    seats = sorted(
        (row["date"], row["actor_id"], float(row["value"]))
        for row in _rows(ctx, "figures")
        if str(row["indicator"]) == "chamber_seats"
    )
    for row in _rows(ctx, "votes"):
        cast_ = sum(int(row[c]) for c in VOTE_COUNTS if row[c] is not None)
        if all(row[c] is None for c in VOTE_COUNTS):
            continue
        known = [size for day, actor, size in seats if actor == row["actor_id"] and day <= row["date"]]
        if not known:
            yield f"votes {row['measure_id']}: no chamber_seats figure for {row['actor_id']} on or before {_day(row['date'])}"
        elif cast_ > known[-1]:
            yield f"votes {row['measure_id']}: {cast_} votes cast exceed the {known[-1]:g} seats of {row['actor_id']}"


# Relations that look back: what a measure responds to, extends, implements, amends,
# supersedes or reverses must already exist on its own date.
BACKWARD_RELATIONS = ("responds_to", "amends", "extends", "implements", "supersedes", "reverses")
# The type of a measure implies what it must be linked to (DATA_MODEL.md: a counter-measure's
# target is said by its responds_to link; a renewal extends, a delisting reverses).
REQUIRED_LINK = {"countermeasure": "responds_to", "renewal": "extends", "delisting": "reverses"}


def _period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    import pandas as pd

    kind = precision.astype("string")
    end = dates.copy()
    month = kind == "month"
    year = kind == "year"
    end[month] = dates[month] + pd.offsets.MonthEnd(0)
    end[year] = dates[year] + pd.offsets.YearEnd(0)
    return end


@check("links", needs={"measure_links": ("measure_id", "relation", "related_measure_id"),
                      "measures": ("date", "date_precision", "measure_type")})
def _links(ctx: Context) -> Iterator[str]:
    links, m = ctx.frames.get("measure_links"), ctx.frames.get("measures")
    if links is None:
        return
    for row in links.loc[links.measure_id == links.related_measure_id].itertuples():
        yield f"measure_links {row.measure_id}: links to itself"
    if m is None:
        return
    dates = dict(zip(m.measure_id, m.date, strict=True))
    # A month- or year-precise date is any day of its period: compare with the period's last day.
    latest = dict(zip(m.measure_id, _period_end(m.date, m.date_precision), strict=True))
    relation = links.relation.astype("string")
    for row in links.loc[relation.isin(BACKWARD_RELATIONS)].itertuples():
        own, other = latest.get(row.measure_id), dates.get(row.related_measure_id)
        if own is not None and other is not None and other > own:
            yield (f"measure_links {row.measure_id} {row.relation} {row.related_measure_id}, "
                   f"which is later ({_day(other)} > {_day(own)})")
    linked = set(zip(links.measure_id, relation, strict=True))
    for row in m.itertuples():
        needed = REQUIRED_LINK.get(str(row.measure_type))
        if needed is not None and (row.measure_id, needed) not in linked:
            yield f"measures {row.measure_id}: a {row.measure_type} needs a {needed} link"


@check("designations_within_counts", needs={"designations": ("measure_id", "target_id"),
                                           "targets": ("target_kind",), "designation_counts": ("count",)})
def _designations_within_counts(ctx: Context) -> Iterator[str]:
    d, t, counts = ctx.frames.get("designations"), ctx.frames.get("targets"), ctx.frames.get("designation_counts")
    if d is None or t is None or counts is None:
        return
    kinds = dict(zip(t.target_id, t.target_kind.astype("string"), strict=True))
    linked: dict[tuple[str, str], int] = {}
    for measure_id, target_id in zip(d.measure_id, d.target_id, strict=True):
        key = (measure_id, str(kinds.get(target_id)))
        linked[key] = linked.get(key, 0) + 1
    counted = {(r["measure_id"], str(r["target_kind"])): int(r["count"]) for r in _io.records(counts)}
    for (measure_id, kind), n in sorted(linked.items()):
        # No count row means the number is unknown (sources disagree or do not say), not zero.
        if (measure_id, kind) in counted and n > counted[(measure_id, kind)]:
            yield (f"designations {measure_id}: {n} {kind} target(s) linked but designation_counts "
                   f"says {counted[(measure_id, kind)]}")


# A list entry dates a designation when its listing or designation date falls in this window
# after the measure (lists record the day a listing took effect, a day or three after the act).
LIST_DATE_WINDOW = 7
LISTING_TYPES = ("designation", "visa_restriction", "sectoral_sanction", "export_control", "aviation_restriction")


def _spellings(ctx: Context) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in _rows(ctx, "targets"):
        out.setdefault(row["target_id"], []).append(str(row["name"]))
    for row in _rows(ctx, "target_aliases"):
        out.setdefault(row["target_id"], []).append(str(row["alias"]))
    return out


@check("designation_evidence", needs={"designations": ("list_id", "entry_id", "source_id", "quote"),
                                     "list_entries": ("listed_on", "designated_on"), "targets": ("name",),
                                     "target_aliases": ("alias",), "measures": ("date",)})
def _designation_evidence(ctx: Context) -> Iterator[str]:
    """Each designation names its evidence: a quote that names the target, or a list entry of the right target and date."""
    if "designations" not in ctx.frames:
        return
    spellings = _spellings(ctx)
    entries = {(r["list_id"], r["entry_id"]): r for r in _rows(ctx, "list_entries")}
    dates = {r["measure_id"]: _day(r["date"]) for r in _rows(ctx, "measures")}
    for row in _rows(ctx, "designations"):
        where = f"designations {row['measure_id']}/{row['target_id']}"
        has_list = row["list_id"] is not None and row["entry_id"] is not None
        has_quote = row["source_id"] is not None and row["quote"] is not None
        if has_list == has_quote:
            yield f"{where}: needs exactly one kind of evidence, a list entry or a source with a quote"
        elif has_quote:
            folded = _names.fold(str(row["quote"]))
            if not any(_names.fold(name) in folded for name in spellings.get(row["target_id"], [])):
                yield f"{where}: the quote names none of the target's spellings"
        else:
            entry = entries.get((str(row["list_id"]), str(row["entry_id"])))
            if entry is None or entry["target_id"] != row["target_id"]:
                yield f"{where}: list entry {row['list_id']}/{row['entry_id']} is not the target's"
                continue
            day = dates.get(row["measure_id"])
            listed = [_day(entry[c]) for c in ("listed_on", "designated_on") if entry[c] is not None]
            if day is not None and not any(0 <= (d - day).days <= LIST_DATE_WINDOW for d in listed):
                yield f"{where}: list entry {row['list_id']}/{row['entry_id']} is not dated within {LIST_DATE_WINDOW} days after the measure"


@check("delisting_follows_listing", needs={"designations": ("target_id",), "measures": ("measure_type",),
                                          "actors": ("jurisdiction",)})
def _delisting_follows_listing(ctx: Context) -> Iterator[str]:
    """A target a delisting names was listed before, by the same jurisdiction."""
    measures = {r["measure_id"]: r for r in _rows(ctx, "measures")}
    jurisdiction = {r["actor_id"]: r["jurisdiction"] for r in _rows(ctx, "actors")}
    listed: dict[tuple[str, object], list[dt.date]] = {}
    delisted = []
    for row in _rows(ctx, "designations"):
        m = measures.get(row["measure_id"])
        if m is None:
            continue
        key = (row["target_id"], jurisdiction.get(m["actor_id"]))
        if str(m["measure_type"]) == "delisting":
            delisted.append((row, key, _day(m["date"])))
        elif str(m["measure_type"]) in LISTING_TYPES:
            listed.setdefault(key, []).append(_day(m["date"]))
    for row, key, day in delisted:
        if not any(d <= day for d in listed.get(key, [])):
            yield f"designations {row['measure_id']}/{row['target_id']}: delisted without an earlier listing by {key[1]}"


@check("aliases", needs={"target_aliases": ("alias", "script", "list_id", "entry_id", "source_id"),
                        "list_entries": ("target_id",)})
def _aliases(ctx: Context) -> Iterator[str]:
    """Each alias is written in the script it claims and says where it comes from."""
    entries = {(r["list_id"], r["entry_id"]): r["target_id"] for r in _rows(ctx, "list_entries")}
    for row in _rows(ctx, "target_aliases"):
        where = f"target_aliases {row['target_id']}/{row['alias']!r}"
        if _names.script_of(str(row["alias"])) != str(row["script"]):
            yield f"{where}: script is {row['script']} but its letters are {_names.script_of(str(row['alias'])) or 'mixed'}"
        has_list = row["list_id"] is not None and row["entry_id"] is not None
        if has_list and entries.get((str(row["list_id"]), str(row["entry_id"]))) != row["target_id"]:
            yield f"{where}: list entry {row['list_id']}/{row['entry_id']} is not the target's"
        if not has_list and row["source_id"] is None:
            yield f"{where}: comes from neither a list entry nor a source"


@check("romanised_names", needs={"targets": ("name", "name_romanised"), "target_aliases": ("alias", "script")})
def _romanised_names(ctx: Context) -> Iterator[str]:
    """A target's name is a printed Latin spelling, or, only where no source gives one, the romanisation of a Cyrillic alias."""
    if "targets" not in ctx.frames or "target_aliases" not in ctx.frames:
        return
    aliases: dict[str, list[tuple[str, str]]] = {}
    for row in _rows(ctx, "target_aliases"):
        aliases.setdefault(str(row["target_id"]), []).append((str(row["alias"]), str(row["script"])))
    for row in _rows(ctx, "targets"):
        own = aliases.get(str(row["target_id"]), [])
        has_latin = any(script == "Latn" for _, script in own)
        where = f"targets {row['target_id']}"
        if row["name_romanised"] in (True, "true"):
            if has_latin:
                yield f"{where}: name is romanised although an alias gives a Latin spelling"
            elif not any(_names.romanise(alias) == row["name"] for alias, script in own if script == "Cyrl"):
                yield f"{where}: name {row['name']!r} is not the romanisation of any of its Cyrillic aliases"
        elif own and not has_latin:
            yield f"{where}: no alias spells the name in Latin letters, so name_romanised must be true"


# Characters that start a formula in a spreadsheet: the ASCII ones, and their fullwidth forms,
# which spreadsheets in East Asian locales read the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Control characters (C0, DEL, C1) other than the line feed that long quotes may hold; a NUL or
# an escape in a cell breaks C tools and terminals, and is never part of a source's text.
CONTROL = "[\x00-\x09\x0b-\x1f\x7f-\x9f]"


@check("text_hygiene")
def _text_hygiene(ctx: Context) -> Iterator[str]:
    """NFC, trimmed, no control characters, and no cell that a spreadsheet would run as a formula."""
    starts = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
    for name, table, frame in _present(ctx):
        for f in table.fields:
            if f.type != "string" or f.enum is not None:
                continue
            col = frame[f.name].dropna().astype("string")
            if col.empty:
                continue
            # Vectorised screens first; only the suspect cells are looked at one by one.
            suspect = ((col.str.normalize("NFC") != col) | (col.str.strip() != col) | col.str.match(starts)
                       | col.str.contains(CONTROL, regex=True))
            for idx, value in col[suspect.fillna(False).astype(bool)].items():
                text = str(value)
                where = f"{name} line {_line(idx)} {f.name}"
                if not unicodedata.is_normalized("NFC", text):
                    yield f"{where}: not Unicode NFC"
                if text != text.strip():
                    yield f"{where}: leading or trailing white space"
                control = re.search(CONTROL, text)
                if control is not None:
                    yield f"{where}: holds the control character {control.group()!r} at position {control.start()}"
                if text.startswith(FORMULA_STARTS) and not _is_number(text):
                    yield f"{where}: starts with {text[0]!r} (spreadsheet formula injection)"


@check("target_names", needs={"targets": ("name",), "target_aliases": ("alias",)})
def _target_names(ctx: Context) -> Iterator[str]:
    """A target's name is one of its aliases, in any word order and case (or, flagged, their romanisation).

    Lists print "SURNAME, Given Patronymic" where a name reads "Given Patronymic Surname": the same
    words. What the check refuses is a name that no source prints, such as two names joined by
    "a.k.a.", which belong in target_aliases as two rows.
    """
    spellings: dict[str, set[tuple[str, ...]]] = {}
    for row in _rows(ctx, "target_aliases"):
        spellings.setdefault(str(row["target_id"]), set()).add(_words(str(row["alias"])))
        if AKA.search(str(row["alias"])):
            yield f"target_aliases {row['target_id']}/{shown(row['alias'])}: joins two names with 'a.k.a.'; one row each"
    for row in _rows(ctx, "targets"):
        if AKA.search(str(row["name"])):
            yield f"targets {row['target_id']}: name {shown(row['name'])} joins two names with 'a.k.a.'"
            continue
        if row.get("name_romanised") in (True, "true"):
            continue  # romanised_names checks these against the Cyrillic aliases
        if _words(str(row["name"])) not in spellings.get(str(row["target_id"]), set()):
            yield f"targets {row['target_id']}: name {shown(row['name'])} is none of its aliases"


AKA = re.compile(r"\b[af]\.k\.a\b", re.I)


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_tables(
    frames: Mapping[str, pd.DataFrame],
    *,
    tables: Mapping[str, _schema.Table] | None = None,
    release_date: dt.date,
) -> list[str]:
    """Run every invariant over parsed tables; returns the failures (empty when valid).

    A check that reads a table or column the tables do not have is skipped (see ``not_applicable``).
    """
    ctx = Context(frames=frames, tables=tables if tables is not None else _schema.shipped_tables(),
                  release_date=release_date)
    failures: list[str] = []
    for name, fn in CHECKS.items():
        if missing_needs(name, ctx.tables, ctx.frames):
            continue
        try:
            failures.extend(fn(ctx))
        except Exception as err:  # noqa: BLE001 - a table broken in an unforeseen way must still be reported
            failures.append(f"[{name}] could not run on these tables: {type(err).__name__}: {shown(str(err))}")
    return failures


def not_applicable(frames: Mapping[str, object], tables: Mapping[str, _schema.Table]) -> dict[str, list[str]]:
    """The checks that do not apply to these tables, each with the tables or columns it lacks."""
    out = {name: missing_needs(name, tables, frames) for name in CHECKS}
    return {name: lacking for name, lacking in out.items() if lacking}
