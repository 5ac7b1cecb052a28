"""The invariants of DATA_MODEL.md that span rows and tables, as a registry of columnar checks.

Each invariant is registered once (``REGISTRY``) with its name, one line of meaning, the tables
and columns it reads (``needs``: a package without one of them is told the check does not
apply) and the mutations that break it (``checks.mutations``, registered against the same
entry). ``validate()``, the testing kit's ``MUTATIONS`` and the broken-table tests all read
this registry.

A check is a function over whole columns (masks, ``isin``, merges, group-bys); it yields one
``(table, key, message)`` per failing row, and only those rows are looked at one by one, to
word the message. The runner turns them into ``Failure`` records, which are rendered as text
(``[check] table key: message``) only at the edge.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from belarus_measures.measure_kind import what_it_does
from belarus_measures.store import schema as _schema
from belarus_measures.store.stacking import as_arrow, flagged
from belarus_measures.text import names as _names
from belarus_measures.text import numbers as _numbers
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd
    import numpy as np

ELECTION_DAY = dt.date(2020, 8, 9)
NUMBER_IN_TEXT = re.compile(r"(?<![\w/.-])\d[\d,]*(?:\.\d+)?(?<![,.])")
YEARS = (1990, 2100)


@dataclass(frozen=True)
class Failure:
    """One failing row (or table, or file) of one check; ``str()`` is the line of a report."""

    invariant: str
    table: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.table} {self.key}" if self.key else self.table
        return f"[{self.invariant}] {where}: {self.message}"


@dataclass(frozen=True)
class Context:
    """What the checks see: the parsed tables, their schemas and the release date."""

    frames: Mapping[str, pd.DataFrame]
    tables: Mapping[str, _schema.Table]
    release_date: dt.date

    def group(self, table: str, column: str, name: str) -> tuple[str, ...]:
        """A group of enumeration values as this package's descriptor defines it (``enumGroups``).

        A descriptor older than enumeration groups (0.4.0 and before) is read with the shipped
        descriptor's group, cut to the values the older enumeration has.
        """
        field = self.tables[table].field(column)
        if any(g == name for g, _ in field.enum_groups):
            return field.group(name)
        values = _schema.table(table).field(column).group(name)
        allowed = set(field.enum or values)
        return tuple(v for v in values if v in allowed)


Found = tuple[str, str, str]  # (table, key, message)
Check = Callable[[Context], Iterable[Found]]
Mutation = Callable[[dict[str, "pd.DataFrame"]], None]


@dataclass
class Invariant:
    """One registered check: what it means, what it reads, how it runs and how to break it."""

    name: str
    meaning: str
    needs: dict[str, tuple[str, ...]]
    run: Check
    mutations: dict[str, Mutation] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return f"[{self.name}]"


REGISTRY: dict[str, Invariant] = {}
CHECKS = REGISTRY  # the older name


def check(name: str, needs: Mapping[str, tuple[str, ...]] | None = None) -> Callable[[Check], Check]:
    """Register a check; its docstring's first line is its meaning."""

    def register(fn: Check) -> Check:
        meaning = (fn.__doc__ or name).strip().splitlines()[0]
        REGISTRY[name] = Invariant(name=name, meaning=meaning, needs=dict(needs or {}), run=fn)
        return fn

    return register


def breaks(name: str, label: str) -> Callable[[Mutation], Mutation]:
    """Register a mutation (a function breaking the invariant ``name`` in a dict of frames, in place)."""

    def register(fn: Mutation) -> Mutation:
        if label in mutations():
            raise ValueError(f"mutation {label!r} is registered twice")
        REGISTRY[name].mutations[label] = fn
        return fn

    return register


def mutations() -> dict[str, tuple[Mutation, str]]:
    """Every registered mutation: label -> (function, "[check]" tag of the check that must catch it)."""
    return {label: (fn, inv.tag) for inv in REGISTRY.values() for label, fn in inv.mutations.items()}


def missing_needs(name: str, tables: Mapping[str, _schema.Table], frames: Mapping[str, object]) -> list[str]:
    """The tables and columns check ``name`` reads that a package lacks (empty when it applies)."""
    lacking = []
    for table, columns in REGISTRY[name].needs.items():
        if table not in tables or table not in frames:
            lacking.append(f"table {table}")
            continue
        lacking += [f"{table}.{c}" for c in columns if c not in tables[table].columns]
    return lacking


VOTE_COUNTS = ("votes_for", "votes_against", "abstentions")


# --- column helpers --------------------------------------------------------------------------

def _present(ctx: Context) -> Iterator[tuple[str, _schema.Table, pd.DataFrame]]:
    """Each table that has both a schema and a frame (a check over a partial set skips the rest)."""
    for name, table in ctx.tables.items():
        frame = ctx.frames.get(name)
        if frame is not None:
            yield name, table, frame


def _line(index: object) -> str:
    # Line numbers in the CSV file: the header is line 1.
    return f"line {int(str(index)) + 2}"


def _day(value: object) -> dt.date:
    import pandas as pd

    return pd.Timestamp(str(value)).date()


def _at(frame: pd.DataFrame, index: Any, column: str) -> Any:
    """One cell, as whatever it holds."""
    return frame.at[index, column]


def _text(col: pd.Series) -> pd.Series:
    """A column as text (enumerations lose their category dtype), missing values kept as NA."""
    return col.astype("string")


def _arrow(col: Any) -> Any:
    """A column (or list) as an Arrow string array, without copying a column already held by Arrow."""
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    if isinstance(col, pa.Array | pa.ChunkedArray):
        return col if col.type == pa.large_string() else col.cast(pa.large_string())
    if isinstance(col, pd.Series) and isinstance(col.dtype, pd.StringDtype):
        return as_arrow(col)
    series = col if isinstance(col, pd.Series) else pd.Series(list(col), dtype=object)
    if not isinstance(series.dtype, pd.StringDtype):
        series = series.astype("string")
    array = pa.array(series)
    return array if array.type == pa.large_string() else array.cast(pa.large_string())


def _isin(col: Any, values: Any) -> Any:
    """Elementwise ``value in values`` for text columns, by Arrow's hash set (missing values: False)."""
    import numpy as np
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    found = pc.is_in(_arrow(col), value_set=_arrow(values))
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _joined(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> Any:
    """Several text columns as one key per row (null where any is missing), for set operations."""
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    arrays = [_arrow(frame[c]) for c in columns]
    if len(arrays) == 1:
        return arrays[0]
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    return pc.binary_join_element_wise(*arrays, pa.scalar("\x1f", pa.large_string()))


def _flags(mask: Any) -> Any:
    import numpy as np

    return np.array(mask.fillna(False) if hasattr(mask, "fillna") else mask, dtype=bool)


def _rows(frame: pd.DataFrame, mask: Any) -> pd.DataFrame:
    """The rows a mask selects (the failing ones, to word their messages)."""
    rows: pd.DataFrame = frame.loc[_flags(mask)]
    return rows


def _value(v: object) -> object:
    """A cell as a plain Python value, None for any missing value."""
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    return v


# --- the checks, in report order ------------------------------------------------------------

@check("schema")
def _schema_check(ctx: Context) -> Iterator[Found]:
    """Types, enumerations, patterns, bounds, required values and unique keys per table."""
    from belarus_measures.store.frame_schema import check_frames

    yield from check_frames(ctx.tables, ctx.frames)


@check("foreign_keys")
def _foreign_keys(ctx: Context) -> Iterator[Found]:
    """Every foreign key matches a key of the table it points at (a missing value points nowhere)."""
    import numpy as np
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    for name, table, frame in _present(ctx):
        for fk in table.foreign_keys:
            target = ctx.frames.get(fk.resource)
            if target is None:
                continue
            keys = _joined(frame, fk.fields)  # null where any part is missing: points nowhere
            unknown = pc.and_(pc.is_valid(keys), pc.invert(pc.is_in(keys, value_set=_joined(target, fk.reference))))
            for idx in frame.index[np.asarray(unknown.to_numpy(zero_copy_only=False), dtype=bool)]:
                key = ", ".join(str(frame.at[idx, c]) for c in fk.fields)
                yield (name, _line(idx), f"{', '.join(fk.fields)}={key} does not match any "
                       f"{fk.resource}.{', '.join(fk.reference)}")


@check("date_order", needs={"measures": ("date", "date_effective", "date_end", "date_precision")})
def _date_order(ctx: Context) -> Iterator[Found]:
    """Effective and end dates follow the date; month- and year-precise dates are stored as their first day."""
    m = ctx.frames.get("measures")
    if m is not None:
        for col in ("date_effective", "date_end"):
            for row in _rows(m, m[col].notna() & (m[col] < m["date"])).itertuples():
                yield "measures", str(row.measure_id), f"{col} {_day(getattr(row, col))} is before date {_day(row.date)}"
        # in_force() counts a month- or year-precise act from the last day of its period; an end
        # on or before the day an act takes effect would make it never in force.
        from belarus_measures.listings import takes_effect

        starts = takes_effect(m)
        for idx in m.index[_flags(m.date_end.notna() & (m.date_end >= m.date) & (m.date_end <= starts))]:
            yield ("measures", str(_at(m, idx, "measure_id")),
                   f"date_end {_day(_at(m, idx, 'date_end'))} is not after the day it takes effect "
                   f"({_day(starts[idx])}), so it was never in force")
        precise = _text(m.date_precision)
        for row in _rows(m, (precise == "month") & (m.date.dt.day != 1)).itertuples():
            yield "measures", str(row.measure_id), "a month-precise date must be stored as the 1st"
        for row in _rows(m, (precise == "year") & ((m.date.dt.day != 1) | (m.date.dt.month != 1))).itertuples():
            yield "measures", str(row.measure_id), "a year-precise date must be stored as 1 January"
    e = ctx.frames.get("events")
    if e is not None:
        for row in _rows(e, e.end_date.notna() & (e.end_date < e.date)).itertuples():
            yield "events", str(row.event_id), "end_date is before date"


@check("not_after_release")
def _not_after_release(ctx: Context) -> Iterator[Found]:
    """No date of any table is after the release date."""
    import pandas as pd

    limit = pd.Timestamp(ctx.release_date)
    for name, table, frame in _present(ctx):
        for f in table.fields:
            if f.type == "date" and f.name in frame.columns:
                late = frame[f.name].notna() & (frame[f.name] > limit)
                for idx in frame.index[_flags(late)]:
                    yield (name, _line(idx), f"{f.name} {_day(frame.at[idx, f.name])} "
                           f"is after the release date {ctx.release_date}")


@check("election_period", needs={"measures": ("date", "background")})
def _election_period(ctx: Context) -> Iterator[Found]:
    """Measures are on or after election day, unless marked as background (and then before)."""
    import pandas as pd

    m = ctx.frames["measures"]
    day = pd.Timestamp(ELECTION_DAY)
    background = _flags(m.background)
    for row in _rows(m, ~background & _flags(m.date < day)).itertuples():
        yield ("measures", str(row.measure_id),
               f"{_day(row.date)} is before the election of {ELECTION_DAY} but not marked background")
    for row in _rows(m, background & _flags(m.date >= day)).itertuples():
        yield "measures", str(row.measure_id), f"marked background but dated {_day(row.date)}, after the election"


@check("cited", needs={"measures": ("measure_id",), "citations": ("measure_id",)})
def _cited(ctx: Context) -> Iterator[Found]:
    """Every measure has at least one citation."""
    m, c = ctx.frames["measures"], ctx.frames["citations"]
    for measure_id in m.measure_id[~_isin(m.measure_id, c.measure_id)]:
        yield "measures", str(measure_id), "has no citation"


@check("sources_used", needs={"sources": ("source_id",)})
def _sources_used(ctx: Context) -> Iterator[Found]:
    """Every source backs at least one row of a table whose foreign key points at sources."""
    users = [(name, fk.fields[0]) for name, table, _ in _present(ctx) for fk in table.foreign_keys
             if fk.resource == "sources" and fk.reference == ("source_id",) and len(fk.fields) == 1]
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    arrays = [_arrow(ctx.frames[name][column]) for name, column in users]
    used = pa.chunked_array([c for a in arrays for c in (a.chunks if isinstance(a, pa.ChunkedArray) else [a])],
                            type=pa.large_string())
    s = ctx.frames["sources"]
    for source_id in s.source_id[~_isin(s.source_id, pc.unique(used))]:
        yield "sources", str(source_id), f"used by no {', '.join(name for name, _ in users)} row"


# Numbers in quotes: a quote is cut into runs of the characters a written number can hold
# (digits, separators, the decimal point); a number can only be written inside one run, and
# what is outside a run is a boundary, so the values a run holds are worked out once per
# distinct run, and every quote's values are a merge away.
_NUMBER_RUN = "[^\\p{Nd}., \u00a0]+"  # any decimal digit, as re's \\d


def _run_values(run: str) -> frozenset[float]:
    """Every value ``numbers.appears_in`` finds written as digits in ``run`` (a piece of a quote)."""
    candidates: set[float] = set()
    starts = [i for i, ch in enumerate(run) if ch.isdecimal() and (i == 0 or not (run[i - 1].isdecimal() or run[i - 1] in ".,"))]
    for i in starts:
        for j in range(i + 1, min(len(run), i + 40) + 1):
            piece = run[i:j]
            if not piece[-1].isdigit():
                continue
            if re.fullmatch(r"\d+\.\d+", piece):
                candidates.add(float(piece))
            elif re.fullmatch(r"\d+(?:([, \u00a0])\d{3}(?:\1\d{3})*)?", piece):
                candidates.add(float(re.sub(r"[, \u00a0]", "", piece)))
    return frozenset(v for v in candidates if _numbers.appears_in(v, run))


def _quoted_values(text: pd.Series) -> pd.DataFrame:
    """(row label, value) for every number written as digits in each cell of ``text``."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    cells = pa.array(text.astype("string").fillna(""), type=pa.large_string())
    runs = pc.split_pattern_regex(cells, pattern=_NUMBER_RUN)
    parents = pc.list_parent_indices(runs)
    pieces = pc.list_flatten(runs)
    keep = pc.match_substring_regex(pieces, r"\d")
    pieces, parents = pc.filter(pieces, keep), pc.filter(parents, keep)
    # The values of each distinct run are worked out once, then spread to the runs by position.
    distinct = pc.unique(pieces)
    value_lists = [sorted(_run_values(run)) for run in distinct.to_pylist()]
    which = pc.index_in(pieces, value_set=distinct).to_numpy(zero_copy_only=False)
    lengths = np.fromiter((len(v) for v in value_lists), dtype=np.int64, count=len(value_lists))
    flat = np.fromiter((x for v in value_lists for x in v), dtype=np.float64, count=int(lengths.sum()))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    per_piece = lengths[which]
    rows = np.repeat(text.index.to_numpy()[parents.to_numpy(zero_copy_only=False)], per_piece)
    take = np.repeat(offsets[which], per_piece) + (np.arange(int(per_piece.sum())) - np.repeat(
        np.cumsum(per_piece) - per_piece, per_piece))
    out = pd.DataFrame({"row": rows, "value": flat[take]})
    return out.drop_duplicates()


def _pairs_in(pairs: pd.DataFrame, found: pd.DataFrame, on: list[str]) -> Any:
    """For each row of ``pairs``, whether its ``on`` columns are a row of ``found``."""
    import pandas as pd

    if pairs.empty:
        return pd.Series([], dtype=bool).to_numpy()
    return pd.MultiIndex.from_frame(pairs[on].astype(object)).isin(pd.MultiIndex.from_frame(found[on].astype(object)))


@check("numbers_quoted", needs={"citations": ("measure_id", "quote"), "measures": ("title", "summary"),
                                "designation_counts": ("count",), "votes": VOTE_COUNTS,
                                "figures": ("value", "quote")})
def _numbers_quoted(ctx: Context) -> Iterator[Found]:
    """Every count and vote number appears in a quote of its measure; every figure in its own quote."""
    import pandas as pd

    c = ctx.frames["citations"]
    found = _quoted_values(c.quote)
    found = pd.DataFrame({"measure_id": c.measure_id.astype(object).to_numpy()[c.index.get_indexer(pd.Index(found.row))],
                          "value": found.value.to_numpy()})
    # What must be quoted: (measure, value, table, key, message), one frame for all sources of numbers.
    needed = []
    counts = ctx.frames["designation_counts"]
    counts = counts.loc[counts["count"].notna()]
    needed.append(pd.DataFrame({
        "measure_id": counts.measure_id.astype(object), "value": counts["count"].astype("float64"),
        "table": "designation_counts",
        "key": counts.measure_id.astype(str) + "/" + counts.target_kind.astype(str),
        "message": counts["count"].astype(str) + " is in none of its quotes"}))
    votes = ctx.frames["votes"]
    for col in VOTE_COUNTS:
        v = votes.loc[votes[col].notna()]
        needed.append(pd.DataFrame({
            "measure_id": v.measure_id.astype(object), "value": v[col].astype("float64"), "table": "votes",
            "key": v.measure_id.astype(str), "message": f"{col}=" + v[col].astype(str) + " is in none of its quotes"}))
    # Numbers written in our own words must come from a source too (years are dates, not counts).
    m = ctx.frames["measures"]
    own = (m.title.astype("string").fillna("<NA>") + " " + m.summary.astype("string").fillna("<NA>"))
    own = own[_flags(own.str.contains(r"\d", regex=True))]
    if not own.empty:
        tokens = own.str.extractall(f"({NUMBER_IN_TEXT.pattern})")[0].astype(str)
        rows = tokens.index.get_level_values(0)
        values = tokens.str.replace(",", "", regex=False).astype("float64")
        keep = _flags(~values.between(*YEARS))
        ids = m.loc[rows, "measure_id"].astype(object).to_numpy()
        needed.append(pd.DataFrame({
            "measure_id": ids[keep], "value": values.to_numpy()[keep], "table": "measures",
            "key": ids[keep].astype(str),
            "message": ("the number " + tokens + " in its title or summary is in none of its quotes").to_numpy()[keep]}))
    need = pd.concat(needed, ignore_index=True)
    missed = need.loc[~_pairs_in(need, found, ["measure_id", "value"])]
    if not missed.empty:
        # Digits were not found: look for the number once more with the full rule (words too).
        quotes: dict[str, list[str]] = {}
        some = c.loc[_flags(c.measure_id.isin(set(missed.measure_id)))]
        for measure_id, quote in zip(some.measure_id, some.quote, strict=True):
            quotes.setdefault(str(measure_id), []).append(str(quote))
        for row in missed.itertuples():
            if not any(_numbers.appears_in(float(row.value), q) for q in quotes.get(str(row.measure_id), [])):
                yield str(row.table), str(row.key), str(row.message)
    f = ctx.frames["figures"]
    f = f.loc[f.value.notna()]
    own_values = _quoted_values(f.quote)
    pairs = pd.DataFrame({"row": f.index, "value": f.value.astype("float64").to_numpy()})
    for row in pairs.loc[~_pairs_in(pairs, own_values, ["row", "value"])].itertuples():
        value, quote = float(row.value), str(_at(f, row.row, "quote"))
        if not _numbers.appears_in(value, quote):
            yield "figures", str(_at(f, row.row, "figure_id")), f"value {value:g} is not in its quote"


@check("vote_method", needs={"votes": ("method", *VOTE_COUNTS)})
def _vote_method(ctx: Context) -> Iterator[Found]:
    """Recorded votes carry their counts; voice votes and unanimous consent carry none."""
    v = ctx.frames["votes"]
    method = _text(v.method)
    for row in _rows(v, (method == "recorded") & v.votes_for.isna()).itertuples():
        yield "votes", str(row.measure_id), "a recorded vote needs votes_for"
    counted = v[list(VOTE_COUNTS)].notna().any(axis=1)
    for row in _rows(v, method.isin(["voice", "unanimous_consent"]) & counted).itertuples():
        yield "votes", str(row.measure_id), f"a {row.method} vote has no counts"


@check("chamber_size", needs={"votes": ("actor_id", "date", *VOTE_COUNTS),
                             "figures": ("indicator", "actor_id", "date", "value")})
def _chamber_size(ctx: Context) -> Iterator[Found]:
    """votes_for + votes_against + abstentions <= the chamber's seats, where a sourced figure gives them."""
    import pandas as pd

    v, f = ctx.frames["votes"], ctx.frames["figures"]
    v = v.loc[_flags(v[list(VOTE_COUNTS)].notna().any(axis=1))]
    cast_ = v[list(VOTE_COUNTS)].astype("float64").fillna(0).sum(axis=1).astype("int64")
    seats = f.loc[_flags((_text(f.indicator) == "chamber_seats") & f.actor_id.notna() & f.date.notna()),
                  ["actor_id", "date", "value"]]
    left = pd.DataFrame({"row": v.index, "actor_id": v.actor_id.astype(object).to_numpy(),
                         "date": v.date.to_numpy(), "cast": cast_.to_numpy()})
    right = pd.DataFrame({"actor_id": seats.actor_id.astype(object).to_numpy(), "date": seats.date.to_numpy(),
                          "seats": seats.value.astype("float64").to_numpy()})
    left["actor_id"] = left.actor_id.astype("string")  # one key dtype on both sides, empty or not
    right["actor_id"] = right.actor_id.astype("string")
    dated = left.loc[left.date.notna() & left.actor_id.notna()].sort_values("date", kind="stable")
    # The latest figure on or before the vote's day (the largest, when one day has several). A vote
    # of a body whose size no source gives is still data (issue 15): nothing to bound it by.
    merged = pd.merge_asof(dated, right.sort_values(["date", "seats"], kind="stable"), on="date", by="actor_id",
                           direction="backward").sort_values("row")
    failing = merged.loc[merged.seats.notna() & (merged["cast"] > merged.seats)]
    for label, cast_n, size in zip(failing.row, failing["cast"], failing.seats, strict=True):
        measure_id, actor = _at(v, label, "measure_id"), _at(v, label, "actor_id")
        yield "votes", str(measure_id), f"{int(cast_n)} votes cast exceed the {float(size):g} seats of {actor}"


# The type of a measure implies what it must be linked to (DATA_MODEL.md: a counter-measure's
# target is said by its responds_to link; a renewal extends, a delisting reverses).
REQUIRED_LINK = {"countermeasure": "responds_to", "renewal": "extends", "delisting": "reverses"}


def _period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    import pandas as pd

    kind = precision.astype("string")
    end = dates.copy()
    month = _flags(kind == "month")
    year = _flags(kind == "year")
    end[month] = dates[month] + pd.offsets.MonthEnd(0)
    end[year] = dates[year] + pd.offsets.YearEnd(0)
    return end


@check("links", needs={"measure_links": ("measure_id", "relation", "related_measure_id"),
                      "measures": ("date", "date_precision", "measure_type")})
def _links(ctx: Context) -> Iterator[Found]:
    """No self-links; backward relations point at earlier measures; typed measures carry their required link."""
    import pandas as pd

    links, m = ctx.frames["measure_links"], ctx.frames["measures"]
    for row in _rows(links, links.measure_id == links.related_measure_id).itertuples():
        yield "measure_links", str(row.measure_id), "links to itself"
    ids = m.measure_id.astype(object)
    dates = pd.Series(m.date.to_numpy(), index=ids).groupby(level=0).first()
    # A month- or year-precise date is any day of its period: compare with the period's last day.
    latest = pd.Series(_period_end(m.date, m.date_precision).to_numpy(), index=ids).groupby(level=0).first()
    relation = _text(links.relation)
    own = links.measure_id.astype(object).map(latest)
    other = links.related_measure_id.astype(object).map(dates)
    # The "backward" relations look back: what a measure responds to, extends or reverses
    # must already exist on its own date.
    later = relation.isin(ctx.group("measure_links", "relation", "backward")) & own.notna() & other.notna() & (other > own)
    for idx in links.index[_flags(later)]:
        yield ("measure_links", str(_at(links, idx, "measure_id")),
               f"{_at(links, idx, 'relation')} {_at(links, idx, 'related_measure_id')}, which is later "
               f"({_day(other[idx])} > {_day(own[idx])})")
    does = what_it_does(m)
    needed = does.map(REQUIRED_LINK)
    pairs = pd.DataFrame({"measure_id": ids.to_numpy(), "relation": needed.to_numpy()})
    linked = pd.DataFrame({"measure_id": links.measure_id.astype(object).to_numpy(),
                           "relation": relation.astype(object).to_numpy()})
    lacking = needed.notna().to_numpy(dtype=bool) & ~_pairs_in(pairs, linked, ["measure_id", "relation"])
    for idx in m.index[lacking]:
        yield "measures", str(_at(m, idx, "measure_id")), f"a {does[idx]} needs a {needed[idx]} link"


# A legal reference that names a law, a decree or a resolution says the act's form (issue: the type
# follows the act's form; what it does goes to purpose).
_FORM_WORDS = r"(?i)\b(?:law|decree|resolution)\b"


@check("purpose_form", needs={"measures": ("measure_type", "purpose", "legal_reference")})
def _purpose_form(ctx: Context) -> Iterator[Found]:
    """A purpose belongs to a law, decree or resolution; an act whose reference names one of those takes it as type."""
    m = ctx.frames["measures"]
    forms = ctx.group("measures", "measure_type", "form")
    kind, purpose = _text(m.measure_type), _text(m.purpose)
    for idx in m.index[_flags(purpose.notna() & ~kind.isin(forms))]:
        yield ("measures", str(_at(m, idx, "measure_id")),
               f"purpose {_at(m, idx, 'purpose')} needs a form as measure_type ({', '.join(forms)}), "
               f"not {_at(m, idx, 'measure_type')}")
    purposes = ctx.tables["measures"].field("purpose").enum or ()
    named = _flags(_text(m.legal_reference).str.contains(_FORM_WORDS, regex=True))
    for idx in m.index[named & _flags(kind.isin(purposes))]:
        yield ("measures", str(_at(m, idx, "measure_id")),
               f"adopted as {_at(m, idx, 'legal_reference')!r}: measure_type is that form, and "
               f"purpose {_at(m, idx, 'measure_type')}")


@check("lifecycle", needs={"measures": ("date", "date_end", "end_reason", "status", "in_force_checked")})
def _lifecycle(ctx: Context) -> Iterator[Found]:
    """An end has a reason and a reason an end; the reason's group is the status; a check falls within the measure's life."""
    m = ctx.frames["measures"]
    ended, reason = _flags(m.date_end.notna()), _flags(m.end_reason.notna())
    status = _text(m.status)
    groups = {g: ctx.group("measures", "end_reason", g) for g in ("expired", "revoked")}
    for idx in m.index[ended & ~reason]:
        yield "measures", str(_at(m, idx, "measure_id")), f"ends {_day(_at(m, idx, 'date_end'))} without an end_reason"
    for idx in m.index[reason & ~ended]:
        yield "measures", str(_at(m, idx, "measure_id")), f"end_reason {_at(m, idx, 'end_reason')} without a date_end"
    for idx in m.index[_flags(status.isin(tuple(groups))) & ~ended]:
        yield "measures", str(_at(m, idx, "measure_id")), f"status {_at(m, idx, 'status')} without a date_end"
    for group, values in groups.items():
        wrong = _flags(_text(m.end_reason).isin(values)) & _flags(status != group)
        for idx in m.index[wrong]:
            yield ("measures", str(_at(m, idx, "measure_id")),
                   f"end_reason {_at(m, idx, 'end_reason')} needs status {group}, not {_at(m, idx, 'status')}")
    checked = m.in_force_checked
    for idx in m.index[_flags(checked.notna() & (checked < m.date))]:
        yield ("measures", str(_at(m, idx, "measure_id")),
               f"in_force_checked {_day(_at(m, idx, 'in_force_checked'))} is before its date {_day(_at(m, idx, 'date'))}")
    for idx in m.index[_flags(checked.notna() & m.date_end.notna() & (checked >= m.date_end))]:
        yield ("measures", str(_at(m, idx, "measure_id")),
               f"in_force_checked {_day(_at(m, idx, 'in_force_checked'))} is not before its end {_day(_at(m, idx, 'date_end'))}")


@check("superseded_ends", needs={"measure_links": ("measure_id", "relation", "related_measure_id"),
                                 "measures": ("date", "date_effective", "date_end", "end_reason", "status")})
def _superseded_ends(ctx: Context) -> Iterator[Found]:
    """What a later measure supersedes has ended by the day that one takes effect; a superseded end names its successor."""
    import pandas as pd

    links, m = ctx.frames["measure_links"], ctx.frames["measures"]
    ids = m.measure_id.astype(object)
    start = pd.Series(m.date_effective.fillna(m.date).to_numpy(), index=ids).groupby(level=0).first()
    end = pd.Series(m.date_end.to_numpy(), index=ids).groupby(level=0).first()
    # Only what was adopted can end: a bill that passed one chamber and was then enacted never applied.
    enacted = m.measure_id[_flags(_text(m.status).isin(ctx.group("measures", "status", "enacted")))]
    later = links.loc[_flags(_text(links.relation) == "supersedes") & _isin(links.related_measure_id, enacted)]
    successor_start = later.measure_id.astype(object).map(start)
    old_end = later.related_measure_id.astype(object).map(end)
    for idx in later.index[_flags(old_end.isna() | (old_end > successor_start))]:
        old, new = _at(later, idx, "related_measure_id"), _at(later, idx, "measure_id")
        found = "has no end" if pd.isna(old_end[idx]) else f"ends {_day(old_end[idx])}"
        yield "measures", str(old), f"superseded by {new} (in effect {_day(successor_start[idx])}) but {found}"
    # A successor is a measure that supersedes or extends (renews) the one that ended.
    successors = links.loc[_flags(_text(links.relation).isin(("supersedes", "extends"))), "related_measure_id"]
    orphan = _flags(_text(m.end_reason) == "superseded") & ~_isin(m.measure_id, successors)
    for idx in m.index[orphan]:
        yield "measures", str(_at(m, idx, "measure_id")), "superseded, but no measure supersedes or extends it"


@check("designation_events", needs={"designation_events": ("target_id", "measure_id", "event", "jurisdiction", "date"),
                                    "designations": ("measure_id", "target_id"),
                                    "measures": ("date", "date_effective", "date_end", "date_precision",
                                                 "measure_type", "actor_id", "legal_reference"),
                                    "actors": ("jurisdiction",)})
def _designation_events(ctx: Context) -> Iterator[Found]:
    """The derived designation_events table is exactly what measures, designations and actors give."""
    import pandas as pd

    from belarus_measures import listings as _listings

    columns = ("target_id", "measure_id", "event", "jurisdiction", "date")
    expected = pd.DataFrame(_listings.event_rows(ctx.frames, ctx.group("measures", "measure_type", "restrictive"),
                                                 columns), columns=list(columns), dtype=object)
    shipped = ctx.frames["designation_events"]
    have = pd.DataFrame({c: (shipped[c].dt.strftime("%Y-%m-%d") if c == "date" else shipped[c].astype("string"))
                         .astype(object).fillna("").to_numpy() for c in columns})
    both = have.assign(position=have.index).merge(expected, on=list(columns), how="outer", indicator="side")
    left = both.loc[both.side == "left_only"]
    for position, event, target, measure, day in zip(left.position.astype(int).tolist(), left.event, left.target_id,
                                                     left.measure_id, left.date, strict=True):
        yield ("designation_events", _line(shipped.index[position]),
               f"{event} {target} by {measure} on {day} does not follow from the other tables")
    for row in both.loc[both.side == "right_only"].itertuples():
        yield ("designation_events", f"{row.target_id}/{row.measure_id}",
               f"missing: {row.event} in {row.jurisdiction} on {row.date} (rebuild with python scripts/build.py)")


@check("designations_within_counts", needs={"designations": ("measure_id", "target_id"),
                                           "targets": ("target_kind",), "designation_counts": ("count",)})
def _designations_within_counts(ctx: Context) -> Iterator[Found]:
    """No more targets of a kind are linked to a measure than its designation count says."""
    import pandas as pd

    d, t, counts = ctx.frames["designations"], ctx.frames["targets"], ctx.frames["designation_counts"]
    kinds = pd.Series(t.target_kind.astype(object).to_numpy(), index=t.target_id.astype(object)).groupby(level=0).first()
    linked = pd.DataFrame({"measure_id": d.measure_id.astype(object).to_numpy(),
                           "kind": d.target_id.astype(object).map(kinds).fillna("None").astype(str).to_numpy()})
    linked = linked.groupby(["measure_id", "kind"]).size().rename("n").reset_index()
    counted = pd.DataFrame({"measure_id": counts.measure_id.astype(object).to_numpy(),
                            "kind": counts.target_kind.astype(str).to_numpy(),
                            "counted": counts["count"].astype("float64").to_numpy()}).dropna()
    # No count row means the number is unknown (sources disagree or do not say), not zero.
    over = linked.merge(counted.drop_duplicates(["measure_id", "kind"], keep="last"), on=["measure_id", "kind"])
    over = over.loc[over.n > over.counted].sort_values(["measure_id", "kind"])
    for measure_id, kind, n, counted_n in zip(over.measure_id, over.kind, over.n, over.counted, strict=True):
        yield ("designations", str(measure_id),
               f"{n} {kind} target(s) linked but designation_counts says {int(counted_n)}")


# A list entry dates a designation when its listing or designation date falls in this window
# around the measure: up to LIST_DATE_WINDOW days after (lists record the day a listing took effect
# or first appeared, a day or three after the act) and up to LIST_DATE_LEAD days before (Canada
# dates an entry by the day its regulations were made, a few days before they were announced).
LIST_DATE_WINDOW = 7
LIST_DATE_LEAD = 10


def _spellings(ctx: Context) -> pd.DataFrame:
    """(target_id, spelling): every target's name and aliases."""
    import pandas as pd

    t, a = ctx.frames["targets"], ctx.frames["target_aliases"]
    return pd.DataFrame({
        "target_id": pd.concat([t.target_id.astype(object), a.target_id.astype(object)], ignore_index=True),
        "spelling": pd.concat([t.name.astype(object), a.alias.astype(object)], ignore_index=True)}).dropna()


def _ascii_words(text: pd.Series) -> pd.Series:
    """``names.ascii_form`` of ASCII text, vectorised, padded with a space each side ('' elsewhere)."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    plain = text.astype("string")
    is_ascii = pc.string_is_ascii(pa.array(plain.fillna("\u00ff"), type=pa.large_string())).to_numpy(zero_copy_only=False)
    words = plain.str.lower().str.replace("'", "", regex=False).str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()
    return (" " + words + " ").where(is_ascii & plain.notna().to_numpy(dtype=bool), "")


def _contains(texts: pd.Series, parts: pd.Series) -> Any:
    """Elementwise ``part in text`` (NumPy string ufuncs), False where either is ''."""
    import numpy as np

    kind = np.dtypes.StringDType()
    t = np.array(texts.fillna("").tolist(), dtype=kind)
    p = np.array(parts.fillna("").tolist(), dtype=kind)
    return (np.strings.find(t, p) >= 0) & (np.strings.str_len(p) > 2) & (np.strings.str_len(t) > 0)


@check("designation_evidence", needs={"designations": ("list_id", "entry_id", "source_id", "quote"),
                                     "list_entries": ("listed_on", "designated_on", "listed_after", "listed_by"),
                                     "targets": ("name",), "target_aliases": ("alias",),
                                     "measures": ("date", "actor_id", "measure_type")})
def _designation_evidence(ctx: Context) -> Iterator[Found]:
    """Each designation names its evidence: a quote that names the target, or a list entry of the right target and date.

    An entry the list does not date but two copies bracket (listed_after, listed_by) dates a
    designation only when its measure is inside the bracket and is the one measure of its actor
    and type there: the entry can belong to no other round.
    """
    import pandas as pd

    d = ctx.frames["designations"]

    def where(idx: object) -> str:
        return f"{_at(d, idx, 'measure_id')}/{_at(d, idx, 'target_id')}"

    has_list = _flags(d.list_id.notna() & d.entry_id.notna())
    has_quote = _flags(d.source_id.notna() & d.quote.notna())
    for idx in d.index[has_list == has_quote]:
        yield "designations", where(idx), "needs exactly one kind of evidence, a list entry or a source with a quote"
    # Quotes: the target's words as a run of the quote's words (ASCII, vectorised) passes at once;
    # the rest (other scripts, folded spellings, failures) is checked by the full folding rule.
    quoted = d.loc[has_quote & ~has_list, ["target_id", "quote"]]
    spellings = _spellings(ctx)
    pairs = pd.DataFrame({"row": quoted.index, "target_id": quoted.target_id.astype(object).to_numpy()}).merge(
        spellings, on="target_id")
    words = _ascii_words(quoted.quote)
    ok = _contains(words.reindex(pairs.row.to_numpy()).reset_index(drop=True), _ascii_words(pairs.spelling))
    named = set(pairs.row[ok])
    rest = quoted.loc[~quoted.index.isin(named)]
    if not rest.empty:
        own = spellings.loc[spellings.target_id.isin(set(rest.target_id.astype(object)))]
        folds: dict[object, list[str]] = {}
        for target_id, spelling in zip(own.target_id, own.spelling, strict=True):
            folds.setdefault(target_id, []).append(_names.fold(str(spelling)))
        for idx, target_id, quote in zip(rest.index, rest.target_id, rest.quote, strict=True):
            folded = _names.fold(str(quote))
            if not any(name in folded for name in folds.get(target_id, [])):
                yield "designations", where(idx), "the quote names none of the target's spellings"
    # List entries: the entry exists, is the target's, and is dated within the window after the measure.
    listed = d.loc[has_list & ~has_quote]
    if listed.empty:
        return
    e, m = ctx.frames["list_entries"], ctx.frames["measures"]
    key = ["list_id", "entry_id"]
    entries = pd.DataFrame({"list_id": e.list_id.astype(str).to_numpy(), "entry_id": e.entry_id.astype(str).to_numpy(),
                            "entry_target": e.target_id.astype(object).to_numpy(),
                            "listed_on": e.listed_on.to_numpy(), "designated_on": e.designated_on.to_numpy(),
                            "after": e.listed_after.to_numpy(), "by": e.listed_by.to_numpy()})
    dates = pd.Series(m.date.to_numpy(), index=m.measure_id.astype(object)).groupby(level=0).first()
    rows = pd.DataFrame({"row": listed.index, "list_id": listed.list_id.astype(str).to_numpy(),
                         "entry_id": listed.entry_id.astype(str).to_numpy(),
                         "target_id": listed.target_id.astype(object).to_numpy(),
                         "day": listed.measure_id.astype(object).map(dates).to_numpy()})
    rows = rows.merge(entries.drop_duplicates(key, keep="last"), on=key, how="left")
    wrong = _flags(rows.entry_target.isna() | (rows.entry_target != rows.target_id))
    window = pd.Series(False, index=rows.index)
    for col in ("listed_on", "designated_on"):
        days = (rows[col] - rows.day).dt.days
        window |= _flags((days >= -LIST_DATE_LEAD) & (days <= LIST_DATE_WINDOW))
    window |= _bracketed(rows, m, listed.measure_id.astype(object).to_numpy())
    undated = ~wrong & rows.day.notna().to_numpy(dtype=bool) & ~window.to_numpy(dtype=bool)
    for r in rows.loc[wrong | undated].itertuples():
        entry = f"list entry {r.list_id}/{r.entry_id}"
        if r.entry_target is None or r.entry_target != r.target_id:
            yield "designations", where(r.row), f"{entry} is not the target's"
        else:
            yield "designations", where(r.row), (f"{entry} is not dated within {LIST_DATE_LEAD} days before or "
                                                 f"{LIST_DATE_WINDOW} days after the measure, nor brackets it as "
                                                 "the only round of its actor and type")


def _bracketed(rows: pd.DataFrame, m: pd.DataFrame, measure_ids: np.ndarray) -> pd.Series:
    """Rows whose undated entry brackets the measure (after < date <= by) with no other measure of
    the same actor and type inside the bracket."""
    import numpy as np
    import pandas as pd

    out = pd.Series(False, index=rows.index)
    after = rows.after.to_numpy(dtype="datetime64[ns]")
    by = rows["by"].to_numpy(dtype="datetime64[ns]")
    undated = (rows.listed_on.isna() & rows.designated_on.isna()).to_numpy(dtype=bool) & ~np.isnat(after) & ~np.isnat(by)
    if not undated.any():
        return out
    ids = m.measure_id.astype(object).to_numpy()
    kinds = (m.actor_id.astype(object).astype(str) + "\x00" + m.measure_type.astype(object).astype(str)).to_numpy()
    days = m.date.to_numpy(dtype="datetime64[ns]")
    where = {measure: i for i, measure in enumerate(ids)}
    for pos in np.flatnonzero(undated):
        i = where.get(measure_ids[pos])
        if i is None or not (after[pos] < days[i] <= by[pos]):
            continue
        peers = ids[(kinds == kinds[i]) & (days > after[pos]) & (days <= by[pos])]
        out.iloc[int(pos)] = set(peers) == {ids[i]}
    return out


@check("delisting_follows_listing", needs={"designations": ("target_id",), "measures": ("measure_type",),
                                          "actors": ("jurisdiction",)})
def _delisting_follows_listing(ctx: Context) -> Iterator[Found]:
    """A target a delisting names was listed before, by the same jurisdiction."""
    import pandas as pd

    d, m, a = ctx.frames["designations"], ctx.frames["measures"], ctx.frames["actors"]
    none = "\x00"  # a measure of an actor without a jurisdiction (an international body), or of no known actor
    jurisdiction = pd.Series(a.jurisdiction.astype(object).to_numpy(), index=a.actor_id.astype(object))
    jurisdiction = jurisdiction.groupby(level=0).last()
    measures = pd.DataFrame({"measure_id": m.measure_id.astype(object).to_numpy(),
                             "type": m.measure_type.astype(str).to_numpy(), "date": m.date.to_numpy(),
                             "jurisdiction": m.actor_id.astype(object).map(jurisdiction).fillna(none).to_numpy()})
    rows = pd.DataFrame({"row": d.index, "measure_id": d.measure_id.astype(object).to_numpy(),
                         "target_id": d.target_id.astype(object).to_numpy()}).merge(
        measures.drop_duplicates("measure_id"), on="measure_id")
    first = rows.loc[rows.type.isin(ctx.group("measures", "measure_type", "restrictive"))].groupby(["target_id", "jurisdiction"]).date.min().rename("first")
    delisted = rows.loc[rows.type == "delisting"].join(first, on=["target_id", "jurisdiction"]).sort_values("row")
    for r in delisted.loc[delisted["first"].isna() | (delisted["first"] > delisted.date)].itertuples():
        by = None if r.jurisdiction == none else r.jurisdiction
        yield "designations", f"{r.measure_id!s}/{r.target_id!s}", f"delisted without an earlier listing by {by!s}"


# Scripts by character ranges, for the common cases: letters of one block only, with ASCII
# punctuation, digits and the usual typographic marks. Every other alias (Arabic, mixed,
# unusual marks) is judged by names.script_of, one by one.
_NEUTRAL = "\x00-\x40\\[-`{-\x7f\u00a0-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u2010-\u2027"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CYRILLIC = "\u0400-\u0481\u048a-\u052f"
_SCRIPT_SCREENS = (("Latn", _LATIN), ("Cyrl", _CYRILLIC))


def _scripts(text: pd.Series) -> pd.Series:
    """The script of each cell where character ranges decide it, else NA."""
    import pandas as pd

    out = pd.Series(pd.NA, index=text.index, dtype="string")
    for code, letters in _SCRIPT_SCREENS:
        pure = text.str.fullmatch(f"[{_NEUTRAL}{letters}]*") & text.str.contains(f"[{letters}]", regex=True)
        out = out.mask(_flags(pure), code)
    return out


@check("aliases", needs={"target_aliases": ("alias", "script", "list_id", "entry_id", "source_id"),
                        "list_entries": ("target_id",)})
def _aliases(ctx: Context) -> Iterator[Found]:
    """Each alias is written in the script it claims and says where it comes from."""
    import pandas as pd

    import numpy as np

    a, e = ctx.frames["target_aliases"], ctx.frames["list_entries"]
    alias, script = a.alias.astype("string"), _text(a.script)
    suspect = _flags(_scripts(alias).ne(script).fillna(True))
    has_list = _flags(a.list_id.notna() & a.entry_id.notna())
    entries = pd.DataFrame({"list_id": e.list_id.astype(str).to_numpy(), "entry_id": e.entry_id.astype(str).to_numpy(),
                            "entry_target": e.target_id.astype(object).to_numpy()})
    rows = pd.DataFrame({"list_id": a.list_id.astype(str).to_numpy(), "entry_id": a.entry_id.astype(str).to_numpy(),
                         "target_id": a.target_id.astype(object).to_numpy()}).merge(
        entries.drop_duplicates(["list_id", "entry_id"], keep="last"), on=["list_id", "entry_id"], how="left")
    not_own = has_list & _flags(rows.entry_target.isna() | (rows.entry_target != rows.target_id))
    unsourced = ~has_list & _flags(a.source_id.isna())
    for pos in np.flatnonzero(suspect | not_own | unsourced):
        idx = a.index[int(pos)]
        text = str(_at(a, idx, "alias"))
        where = f"{_at(a, idx, 'target_id')}/{text!r}"
        actual = _names.script_of(text)
        if actual != str(_at(a, idx, "script")):
            yield "target_aliases", where, f"script is {_at(a, idx, 'script')} but its letters are {actual or 'mixed'}"
        if not_own[pos]:
            yield ("target_aliases", where,
                   f"list entry {_at(a, idx, 'list_id')}/{_at(a, idx, 'entry_id')} is not the target's")
        if unsourced[pos]:
            yield "target_aliases", where, "comes from neither a list entry nor a source"


@check("romanised_names", needs={"targets": ("name", "name_romanised"), "target_aliases": ("alias", "script")})
def _romanised_names(ctx: Context) -> Iterator[Found]:
    """A target's name is a printed Latin spelling, or, only where no source gives one, the romanisation of a Cyrillic alias."""
    t, a = ctx.frames["targets"], ctx.frames["target_aliases"]
    script = _text(a.script)
    ids = t.target_id.astype(object)
    latin = ids.isin(set(a.target_id.astype(object)[_flags(script == "Latn")]))
    own = ids.isin(set(a.target_id.astype(object)))
    flagged = _flags(t.name_romanised)
    for idx in t.index[flagged & _flags(latin)]:
        yield "targets", str(_at(t, idx, "target_id")), "name is romanised although an alias gives a Latin spelling"
    # Romanising is a transliteration (anyascii), with no vectorised form: it runs over the
    # Cyrillic aliases of the targets flagged as romanised, a handful.
    candidates = t.loc[flagged & ~_flags(latin)]
    if not candidates.empty:
        cyrillic = a.loc[_flags((script == "Cyrl") & a.target_id.isin(set(candidates.target_id)))]
        romanised: dict[object, set[str]] = {}
        for target_id, alias in zip(cyrillic.target_id, cyrillic.alias, strict=True):
            romanised.setdefault(target_id, set()).add(_names.romanise(str(alias)))
        for idx, target_id, name in zip(candidates.index, candidates.target_id, candidates.name, strict=True):
            if name not in romanised.get(target_id, set()):
                yield "targets", str(target_id), f"name {name!r} is not the romanisation of any of its Cyrillic aliases"
    for idx in t.index[~flagged & _flags(own) & ~_flags(latin)]:
        yield ("targets", str(_at(t, idx, "target_id")),
               "no alias spells the name in Latin letters, so name_romanised must be true")


# Characters that start a formula in a spreadsheet: the ASCII ones, and their fullwidth forms,
# which spreadsheets in East Asian locales read the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Control characters (C0, DEL, C1) other than the line feed that long quotes may hold; a NUL or
# an escape in a cell breaks C tools and terminals, and is never part of a source's text.
CONTROL = "[\x00-\x09\x0b-\x1f\x7f-\x9f]"
# What str.strip() strips (str.isspace), as a character class for Arrow's regular expressions.
_SPACE = "[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


@check("text_hygiene")
def _text_hygiene(ctx: Context) -> Iterator[Found]:
    """NFC, trimmed, no control characters, and no cell that a spreadsheet would run as a formula."""
    starts = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
    # Every free-text cell of every table, stacked: one pass of each vectorised screen for the
    # whole dataset; only the suspect cells are looked at one by one.
    columns = [((name, f.name), frame[f.name]) for name, table, frame in _present(ctx)
               for f in table.fields if f.type == "string" and f.enum is None and f.name in frame.columns]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    def suspect(cells: Any) -> Any:
        # ASCII text is always NFC: only the other cells are normalised (most cells are ASCII).
        cells = cells.combine_chunks()
        wide = np.flatnonzero(~np.asarray(pc.string_is_ascii(cells).fill_null(True).to_numpy(
            zero_copy_only=False), dtype=bool))
        not_nfc = np.zeros(len(cells), dtype=bool)
        if len(wide):
            some = cells.take(pa.array(wide))
            not_nfc[wide] = np.asarray(pc.not_equal(pc.utf8_normalize(some, "NFC"), some).fill_null(False)
                                       .to_numpy(zero_copy_only=False), dtype=bool)
        # One regex pass for the other screens: white space at an end, a formula start, a control character.
        screens = f"^{_SPACE}|{_SPACE}$|^{starts}|{CONTROL}"
        return pc.or_(pa.array(not_nfc), pc.match_substring_regex(cells, screens))

    for (name, column), idx, value in flagged(columns, suspect):
        text = str(value)
        where = f"{_line(idx)} {column}"
        if not unicodedata.is_normalized("NFC", text):
            yield name, where, "not Unicode NFC"
        if text != text.strip():
            yield name, where, "leading or trailing white space"
        control = re.search(CONTROL, text)
        if control is not None:
            yield name, where, f"holds the control character {control.group()!r} at position {control.start()}"
        if text.startswith(FORMULA_STARTS) and not _is_number(text):
            yield name, where, f"starts with {text[0]!r} (spreadsheet formula injection)"


AKA = re.compile(r"\b[af]\.k\.a\b", re.I)


@check("target_names", needs={"targets": ("name",), "target_aliases": ("alias",)})
def _target_names(ctx: Context) -> Iterator[Found]:
    """A target's name is one of its aliases, in any word order and case (or, flagged, their romanisation).

    Lists print "SURNAME, Given Patronymic" where a name reads "Given Patronymic Surname": the same
    words. What the check refuses is a name that no source prints, such as two names joined by
    "a.k.a.", which belong in target_aliases as two rows.
    """
    import pandas as pd

    t, a = ctx.frames["targets"], ctx.frames["target_aliases"]
    aka = r"[af]\.k\.a"  # a screen (no word boundaries, so a superset); AKA decides
    for idx in a.index[_flags(a.alias.astype("string").str.contains(aka, case=False, regex=True))]:
        if AKA.search(str(_at(a, idx, "alias"))):
            yield ("target_aliases", f"{_at(a, idx, 'target_id')}/{shown(_at(a, idx, 'alias'))}",
                   "joins two names with 'a.k.a.'; one row each")
    names = t.name.astype("string")
    joined = _flags(names.str.contains(aka, case=False, regex=True))
    for pos in joined.nonzero()[0]:
        joined[pos] = AKA.search(str(t.name.iloc[pos])) is not None
    for idx in t.index[joined]:
        yield "targets", str(_at(t, idx, "target_id")), f"name {shown(_at(t, idx, 'name'))} joins two names with 'a.k.a.'"
    romanised = _flags(t.name_romanised) if "name_romanised" in t.columns else joined & False
    # A name printed as one of its aliases passes at once; the others are compared word by word.
    pairs = pd.DataFrame({"target_id": t.target_id.astype(object).to_numpy(), "spelling": names.astype(object).to_numpy()})
    spelled = _pairs_in(pairs, _spellings_of_aliases(a), ["target_id", "spelling"])
    rest = t.loc[~joined & ~romanised & ~spelled]
    if rest.empty:
        return
    own = a.loc[_flags(a.target_id.isin(set(rest.target_id)))]
    words: dict[str, set[tuple[str, ...]]] = {}
    for target_id, alias in zip(own.target_id, own.alias, strict=True):
        words.setdefault(str(target_id), set()).add(_words(str(alias)))
    for target_id, name in zip(rest.target_id, rest.name, strict=True):
        if _words(str(name)) not in words.get(str(target_id), set()):
            yield "targets", str(target_id), f"name {shown(name)} is none of its aliases"


def _spellings_of_aliases(a: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"target_id": a.target_id.astype(object).to_numpy(), "spelling": a.alias.astype(object).to_numpy()})


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- running them ------------------------------------------------------------------------------

def check_records(
    frames: Mapping[str, pd.DataFrame],
    *,
    tables: Mapping[str, _schema.Table] | None = None,
    release_date: dt.date,
) -> list[Failure]:
    """Run every applicable invariant over parsed tables; the failures as records (empty when valid)."""
    ctx = Context(frames=frames, tables=tables if tables is not None else _schema.shipped_tables(),
                  release_date=release_date)
    failures: list[Failure] = []
    for name, inv in REGISTRY.items():
        if missing_needs(name, ctx.tables, ctx.frames):
            continue
        try:
            failures.extend(Failure(name, table, key, message) for table, key, message in inv.run(ctx))
        except Exception as err:  # noqa: BLE001 - a table broken in an unforeseen way must still be reported
            failures.append(Failure(name, "tables", "", f"could not run on these tables: "
                                    f"{type(err).__name__}: {shown(str(err))}"))
    return failures


def check_tables(
    frames: Mapping[str, pd.DataFrame],
    *,
    tables: Mapping[str, _schema.Table] | None = None,
    release_date: dt.date,
) -> list[str]:
    """Run every invariant over parsed tables; returns the failures as text (empty when valid).

    A check that reads a table or column the tables do not have is skipped (see ``not_applicable``).
    """
    return [str(f) for f in check_records(frames, tables=tables, release_date=release_date)]


def not_applicable(frames: Mapping[str, object], tables: Mapping[str, _schema.Table]) -> dict[str, list[str]]:
    """The checks that do not apply to these tables, each with the tables or columns it lacks."""
    out = {name: missing_needs(name, tables, frames) for name in REGISTRY}
    return {name: lacking for name, lacking in out.items() if lacking}


# The mutations register themselves against the checks above.
from belarus_measures.checks import mutations as _mutations  # noqa: E402,F401
