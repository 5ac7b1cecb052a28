"""Typed accessors: one function per table, plus filters and single-measure records.

Each table is parsed once per process (``_io.cached_table``); every call returns a copy,
so a caller who mutates a result never changes the next one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from belarus_measures.text import dates as _dates
from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.store import jurisdictions as _jurisdictions_
from belarus_measures.text.errors import shown
from belarus_measures.records import Citation, Count, Link, Measure, Vote

if TYPE_CHECKING:
    import frictionless
    import pandas as pd
    from pandera.typing import DataFrame

    from belarus_measures.models import (
        ActorsModel,
        CitationsModel,
        DesignationCountsModel,
        DesignationsModel,
        EventsModel,
        ListEntriesModel,
        FiguresModel,
        MeasureLinksModel,
        MeasuresModel,
        SourcesModel,
        TargetAliasesModel,
        TargetsModel,
        VotesModel,
    )

DATE_FORMAT = _dates.DATE_FORMAT
DateLike = _dates.DateLike


def _copy(name: str) -> pd.DataFrame:
    return _io.cached_table(name).copy()


def actors() -> DataFrame[ActorsModel]:
    """All actors: states, bodies, legislatures and organizations.

    Returns
    -------
    DataFrame[ActorsModel]; columns documented in datapackage.json.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> a = bm.actors()
    >>> a.set_index("actor_id").loc["us-treasury-ofac", "parent_id"]
    'us-treasury'
    """
    return cast("DataFrame[ActorsModel]", _copy("actors"))


def designation_counts() -> DataFrame[DesignationCountsModel]:
    """How many individuals, entities, aircraft and vessels each measure newly listed.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> c = bm.designation_counts()
    >>> int(c.loc[c.measure_id == "eu-2020-10-02-designations", "count"].sum())
    40
    """
    return cast("DataFrame[DesignationCountsModel]", _copy("designation_counts"))


def votes() -> DataFrame[VotesModel]:
    """Votes of chambers on measures (counts are missing for voice votes).

    Examples
    --------
    >>> import belarus_measures as bm
    >>> v = bm.votes().set_index("measure_id")
    >>> int(v.loc["eu-2020-09-17-ep-resolution", "votes_for"])
    574
    """
    return cast("DataFrame[VotesModel]", _copy("votes"))


def measure_links() -> DataFrame[MeasureLinksModel]:
    """Relations between measures (responds_to, extends, coordinated_with, …).

    Examples
    --------
    >>> import belarus_measures as bm
    >>> links = bm.measure_links()
    >>> bool((links.measure_id != links.related_measure_id).all())
    True
    """
    return cast("DataFrame[MeasureLinksModel]", _copy("measure_links"))


def events() -> DataFrame[EventsModel]:
    """Context events the measures respond to (the election, the inauguration, …).

    Examples
    --------
    >>> import belarus_measures as bm
    >>> e = bm.events().set_index("event_id")
    >>> str(e.loc["by-2020-08-09-presidential-election", "date"].date())
    '2020-08-09'
    """
    return cast("DataFrame[EventsModel]", _copy("events"))


def sources() -> DataFrame[SourcesModel]:
    """Every source quoted by the dataset, with its publisher, address and date.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> set(bm.sources().source_type) <= {"official", "legal_text", "news", "analysis"}
    True
    """
    return cast("DataFrame[SourcesModel]", _copy("sources"))


def citations() -> DataFrame[CitationsModel]:
    """The verbatim quotes that support each measure.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> set(bm.measures().measure_id) == set(bm.citations().measure_id)
    True
    """
    return cast("DataFrame[CitationsModel]", _copy("citations"))


def figures() -> DataFrame[FiguresModel]:
    """Numbers the sources report: vote shares, political prisoners, detentions, seats.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> f = bm.figures()
    >>> "political_prisoners" in set(f.indicator)
    True
    """
    return cast("DataFrame[FiguresModel]", _copy("figures"))


def targets() -> DataFrame[TargetsModel]:
    """Persons, entities, aircraft and vessels named in listings.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> "lukashenka-alyaksandr" in set(bm.targets().target_id)
    True
    """
    return cast("DataFrame[TargetsModel]", _copy("targets"))


def target_aliases() -> DataFrame[TargetAliasesModel]:
    """Every spelling the sources give for a target, with its script.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> a = bm.target_aliases()
    >>> "Alexander Lukashenko" in set(a.alias)
    True
    """
    return cast("DataFrame[TargetAliasesModel]", _copy("target_aliases"))


def designations() -> DataFrame[DesignationsModel]:
    """Which named target each listing measure designated.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> d = bm.designations()
    >>> "eu-2020-11-06-designations" in set(d.loc[d.target_id == "lukashenka-alyaksandr", "measure_id"])
    True
    >>> bool((d.source_id.notna() != d.list_id.notna()).all())  # one kind of evidence each
    True
    """
    return cast("DataFrame[DesignationsModel]", _copy("designations"))


def list_entries() -> DataFrame[ListEntriesModel]:
    """Entries of official sanctions lists, each tied to its target and to the extract row it came from.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> e = bm.list_entries()
    >>> sorted(set(e.list_id.astype(str)))
    ['gb-ofsi-consolidated', 'us-ofac-sdn']
    """
    return cast("DataFrame[ListEntriesModel]", _copy("list_entries"))


# --- filters -----------------------------------------------------------------------

def _values(name: str, value: str | Iterable[str], valid: Iterable[str]) -> list[str]:
    """Normalise a filter argument to a list and reject values that cannot match."""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, bytes | bytearray | dict) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a string or a list of strings, got {shown(value)} ({type(value).__name__})")
    else:
        items = list(value)
    allowed = sorted(set(valid))
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a string or a list of strings, got {shown(item)} ({type(item).__name__})")
        if item not in allowed:
            # Matching a megabyte of text against every valid value would take minutes.
            close = difflib.get_close_matches(item, allowed, n=3) if len(item) <= 200 else []
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ValueError(f"unknown {name} {shown(item)}{hint}; valid values: {', '.join(allowed)}")
    return items


def _date(name: str, value: DateLike) -> pd.Timestamp:
    import pandas as pd

    return pd.Timestamp(_dates.parse_day(name, value))


def _descendants(roots: list[str], actor_table: pd.DataFrame) -> set[str]:
    children: dict[str, list[str]] = {}
    for actor_id, parent_id in zip(actor_table.actor_id, actor_table.parent_id, strict=True):
        if isinstance(parent_id, str):
            children.setdefault(parent_id, []).append(actor_id)
    found: set[str] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def _jurisdictions() -> tuple[list[str], pd.Series]:
    """The valid jurisdiction codes, and each measure's acting jurisdiction, worked out once per parse."""

    def build() -> tuple[list[str], pd.Series]:
        by_measure = _jurisdictions_.of_measures(_io.cached_table("measures"), _io.cached_table("actors"))
        return sorted(set(by_measure.dropna())), by_measure

    return _io.cached("jurisdictions", build)


def _window(start: DateLike | None, end: DateLike | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    lo = _date("start", start) if start is not None else None
    hi = _date("end", end) if end is not None else None
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start={shown(start)} is after end={shown(end)}; a window needs start <= end")
    return lo, hi


def measures(
    *,
    actor: str | Iterable[str] | None = None,
    jurisdiction: str | Iterable[str] | None = None,
    measure_type: str | Iterable[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    binding: bool | None = None,
) -> DataFrame[MeasuresModel]:
    """Measures, optionally filtered; every filter takes one value or a list of values.

    Parameters
    ----------
    actor : actor_id(s); an actor includes its descendants (``us-treasury`` includes OFAC).
    jurisdiction : code(s) of the acting actor's jurisdiction (``EU``, ``US``, ``BY``, …).
    measure_type : value(s) of the ``measure_type`` enumeration.
    start, end : inclusive bounds on ``date``, as ``datetime.date`` or ``YYYY-MM-DD``.
    binding : keep only legally binding (True) or only political (False) measures.

    Returns
    -------
    DataFrame[MeasuresModel], sorted by measure_id; a fresh copy on every call.

    Raises
    ------
    ValueError naming the bad value and the valid ones; TypeError for a wrong type.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> us = bm.measures(actor="us-treasury", start="2020-10-01", end="2020-10-31")
    >>> list(us.measure_id)
    ['us-2020-10-02-ofac-designations']
    """
    import pandas as pd

    table = _io.cached_table("measures")
    keep = pd.Series(True, index=table.index)
    if actor is not None or jurisdiction is not None:
        actor_table = _io.cached_table("actors")
        if actor is not None:
            roots = _values("actor", actor, actor_table.actor_id)
            keep &= table.actor_id.isin(_descendants(roots, actor_table))
        if jurisdiction is not None:
            valid, by_measure = _jurisdictions()
            codes = _values("jurisdiction", jurisdiction, valid)
            keep &= by_measure.isin(codes)
    if measure_type is not None:
        types = _values("measure_type", measure_type, _schema.table("measures").field("measure_type").enum or ())
        keep &= table.measure_type.isin(types)
    lo, hi = _window(start, end)
    if lo is not None:
        keep &= table.date >= lo
    if hi is not None:
        keep &= table.date <= hi
    if binding is not None:
        if not isinstance(binding, bool):
            raise TypeError(f"binding must be True, False or None, got {shown(binding)}")
        keep &= table.binding == binding
    return cast("DataFrame[MeasuresModel]", table.loc[keep.to_numpy(dtype=bool)].reset_index(drop=True))


IN_FORCE_STATUSES = ("adopted", "expired", "revoked")


def in_force(on: DateLike, until: DateLike | None = None, *, binding: bool | None = None) -> DataFrame[MeasuresModel]:
    """Measures in force on a day, or at any time in the window ``[on, until]``.

    A measure is in force from its ``date_effective`` (or ``date`` when that is empty)
    until the day before its ``date_end``; bills that only passed one chamber and
    proposals never are. Non-binding acts (resolutions, statements) are included
    unless ``binding=True``.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> ids = set(bm.in_force("2020-11-10", binding=True).measure_id)
    >>> "eu-2020-11-06-designations" in ids
    True
    """
    lo = _date("on", on)
    hi = _date("until", until) if until is not None else lo
    if lo > hi:
        raise ValueError(f"on={shown(on)} is after until={shown(until)}; a window needs on <= until")
    table = measures(binding=binding)
    began = table.date_effective.fillna(table.date)
    adopted = table.status.isin(IN_FORCE_STATUSES)
    keep = adopted & (began <= hi) & (table.date_end.isna() | (table.date_end > lo))
    return table.loc[keep.to_numpy(dtype=bool)].reset_index(drop=True)


# --- one measure ---------------------------------------------------------------------

def measure(measure_id: str) -> Measure:
    """One measure as a frozen record, with its citations, counts, votes and links.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> m = bm.measure("eu-2020-09-17-ep-resolution")
    >>> (m.date.isoformat(), m.votes[0].votes_for, m.binding)
    ('2020-09-17', 574, False)
    """
    if not isinstance(measure_id, str):
        raise TypeError(f"measure_id must be a string, got {shown(measure_id)} ({type(measure_id).__name__})")
    table = _io.cached_table("measures")
    rows = table.loc[table.measure_id == measure_id]
    if rows.empty:
        close = difflib.get_close_matches(measure_id, list(table.measure_id), n=3) if len(measure_id) <= 200 else []
        hint = f"did you mean {', '.join(close)}?" if close else "measures() lists the valid ids"
        raise ValueError(f"unknown measure_id {shown(measure_id)}; {hint}")
    row = _io.records(rows)[0]
    for key in ("date", "date_effective", "date_end"):
        row[key] = row[key].date() if row[key] is not None else None
    for key in ("date_precision", "measure_type", "status"):
        row[key] = str(row[key])
    actor = next(a for a in _io.records(_io.cached_table("actors")) if a["actor_id"] == row["actor_id"])
    sources_ = {s["source_id"]: s for s in _io.records(_io.cached_table("sources"))}

    def about(name: str, column: str = "measure_id") -> list[dict[str, Any]]:
        frame = _io.cached_table(name)
        return _io.records(frame.loc[frame[column] == measure_id])

    citations_ = tuple(
        Citation(
            source_id=c["source_id"],
            quote=c["quote"],
            title=sources_[c["source_id"]]["title"],
            publisher=sources_[c["source_id"]]["publisher"],
            url=sources_[c["source_id"]]["url"],
            published=_day(sources_[c["source_id"]]["published"]),
            source_type=str(sources_[c["source_id"]]["source_type"]),
        )
        for c in about("citations")
    )
    counts = tuple(Count(target_kind=str(c["target_kind"]), count=int(c["count"])) for c in about("designation_counts"))
    votes_ = tuple(
        Vote(
            actor_id=v["actor_id"],
            date=v["date"].date(),
            method=str(v["method"]),
            votes_for=_int(v["votes_for"]),
            votes_against=_int(v["votes_against"]),
            abstentions=_int(v["abstentions"]),
            result=str(v["result"]),
        )
        for v in about("votes")
    )

    def links(column: str) -> tuple[Link, ...]:
        return tuple(
            Link(measure_id=x["measure_id"], relation=str(x["relation"]), related_measure_id=x["related_measure_id"])
            for x in about("measure_links", column)
        )

    return Measure(
        **row,
        actor_name=actor["name"],
        jurisdiction=actor["jurisdiction"],
        citations=citations_,
        counts=counts,
        votes=votes_,
        links=links("measure_id"),
        linked_from=links("related_measure_id"),
    )


def _day(value: Any) -> dt.date | None:
    return None if value is None else value.date()


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def package() -> frictionless.Package:
    """The shipped data package as a ``frictionless.Package``.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> pkg = bm.package()
    >>> "measures" in pkg.resource_names
    True
    """
    import frictionless

    descriptor = _resources.data_dir() / _resources.DESCRIPTOR
    return frictionless.Package(str(descriptor))
