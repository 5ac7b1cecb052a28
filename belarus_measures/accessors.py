"""Typed accessors: one function per table, plus filters and single-measure records.

They are the methods of a ``Store``: one data package's tables, read through its own
descriptor. The module-level functions (``bm.measures()`` …) are the methods of the shipped
package's store; ``load(path)`` opens any other data package (an older release, a fork, a
synthetic one) with the same methods. Each table is parsed once per store; every call returns
a copy, so a caller who mutates a result never changes the next one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from belarus_measures.text import dates as _dates
from belarus_measures.store import io as _io
from belarus_measures.store.package import SHIPPED, PackageData
from belarus_measures.store import resources as _resources
from belarus_measures.store import jurisdictions as _jurisdictions_
from belarus_measures.text.errors import shown
from belarus_measures.records import Citation, Count, Link, Measure, Vote

if TYPE_CHECKING:
    import frictionless

    from belarus_measures.checks.validate import Report
    import pandas as pd
    from pandera.typing import DataFrame

    from belarus_measures.models import (
        ActorsModel,
        CitationsModel,
        DesignationCountsModel,
        DesignationEventsModel,
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


def _window(start: DateLike | None, end: DateLike | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    lo = _date("start", start) if start is not None else None
    hi = _date("end", end) if end is not None else None
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start={shown(start)} is after end={shown(end)}; a window needs start <= end")
    return lo, hi


# --- one measure ---------------------------------------------------------------------

def _day(value: Any) -> dt.date | None:
    return None if value is None else value.date()


def _int(value: Any) -> int | None:
    return None if value is None else int(value)




class Store:
    """One data package's tables with every accessor: ``bm.load(path)`` returns one.

    The module-level functions are the shipped package's store (``bm.measures`` is
    ``SHIPPED_STORE.measures``). A store of another package reads that package's own
    descriptor: an older release has the tables and columns it had then.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> from belarus_measures.store.resources import data_dir
    >>> store = bm.load(str(data_dir()))   # here the shipped package's own folder
    >>> len(store.measures()) == len(bm.measures())
    True
    """

    def __init__(self, data: PackageData) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"<belarus_measures.Store of {self.data.folder}>"

    def list_resources(self) -> tuple[str, ...]:
        """The package's table names, in descriptor order.

        >>> import belarus_measures as bm
        >>> from belarus_measures.store.resources import data_dir
        >>> "measures" in bm.load(str(data_dir())).list_resources()
        True
        """
        return self.data.names()

    def validate(self) -> None:
        """Check every invariant against the package's own descriptor; raise one ValidationError listing all failures."""
        from belarus_measures.checks.validate import validate

        validate(None if self.data.shipped else self._descriptor_path())

    def report(self) -> Report:
        """The validation report: failures, and the checks that do not apply to this package."""
        from belarus_measures.checks.validate import report

        return report(None if self.data.shipped else self._descriptor_path())

    def clear(self) -> None:
        """Forget every parsed table and derived value (the next call reads the files again)."""
        self.data.clear()

    def _descriptor_path(self) -> str:
        return str(self.data.folder / _resources.DESCRIPTOR)

    def _copy(self, name: str) -> pd.DataFrame:
        return self.data.table(name).copy()

    def actors(self) -> DataFrame[ActorsModel]:
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
        return cast("DataFrame[ActorsModel]", self._copy("actors"))

    def designation_counts(self) -> DataFrame[DesignationCountsModel]:
        """How many individuals, entities, aircraft and vessels each measure newly listed.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> c = bm.designation_counts()
        >>> int(c.loc[c.measure_id == "eu-2020-10-02-designations", "count"].sum())
        40
        """
        return cast("DataFrame[DesignationCountsModel]", self._copy("designation_counts"))

    def votes(self) -> DataFrame[VotesModel]:
        """Votes of chambers on measures (counts are missing for voice votes).

        Examples
        --------
        >>> import belarus_measures as bm
        >>> v = bm.votes().set_index("measure_id")
        >>> int(v.loc["eu-2020-09-17-ep-resolution", "votes_for"])
        574
        """
        return cast("DataFrame[VotesModel]", self._copy("votes"))

    def measure_links(self) -> DataFrame[MeasureLinksModel]:
        """Relations between measures (responds_to, extends, coordinated_with, …).

        Examples
        --------
        >>> import belarus_measures as bm
        >>> links = bm.measure_links()
        >>> bool((links.measure_id != links.related_measure_id).all())
        True
        """
        return cast("DataFrame[MeasureLinksModel]", self._copy("measure_links"))

    def events(self) -> DataFrame[EventsModel]:
        """Context events the measures respond to (the election, the inauguration, …).

        Examples
        --------
        >>> import belarus_measures as bm
        >>> e = bm.events().set_index("event_id")
        >>> str(e.loc["by-2020-08-09-presidential-election", "date"].date())
        '2020-08-09'
        """
        return cast("DataFrame[EventsModel]", self._copy("events"))

    def sources(self) -> DataFrame[SourcesModel]:
        """Every source quoted by the dataset, with its publisher, address and date.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> set(bm.sources().source_type) <= {"official", "legal_text", "news", "analysis", "ngo"}
        True
        """
        return cast("DataFrame[SourcesModel]", self._copy("sources"))

    def citations(self) -> DataFrame[CitationsModel]:
        """The verbatim quotes that support each measure.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> set(bm.measures().measure_id) == set(bm.citations().measure_id)
        True
        """
        return cast("DataFrame[CitationsModel]", self._copy("citations"))

    def figures(self) -> DataFrame[FiguresModel]:
        """Numbers the sources report: vote shares, political prisoners, detentions, seats.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> f = bm.figures()
        >>> "political_prisoners" in set(f.indicator)
        True
        """
        return cast("DataFrame[FiguresModel]", self._copy("figures"))

    def targets(self) -> DataFrame[TargetsModel]:
        """Persons, entities, aircraft and vessels named in listings.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> "lukashenka-alyaksandr" in set(bm.targets().target_id)
        True
        """
        return cast("DataFrame[TargetsModel]", self._copy("targets"))

    def target_aliases(self) -> DataFrame[TargetAliasesModel]:
        """Every spelling the sources give for a target, with its script.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> a = bm.target_aliases()
        >>> "Alexander Lukashenko" in set(a.alias)
        True
        """
        return cast("DataFrame[TargetAliasesModel]", self._copy("target_aliases"))

    def designations(self) -> DataFrame[DesignationsModel]:
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
        return cast("DataFrame[DesignationsModel]", self._copy("designations"))

    def list_entries(self) -> DataFrame[ListEntriesModel]:
        """Entries of official sanctions lists, each tied to its target and to the extract row it came from.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> e = bm.list_entries()
        >>> sorted(set(e.list_id.astype(str)))
        ['ca-sema-consolidated', 'eu-fsf-consolidated', 'gb-ofsi-consolidated', 'us-ofac-sdn']
        """
        return cast("DataFrame[ListEntriesModel]", self._copy("list_entries"))

    def designation_events(self) -> DataFrame[DesignationEventsModel]:
        """Every listing, delisting and end of a listing measure, per target (derived by the build).

        The shipped table behind ``listed`` and ``designation_history``, for SQL and CSV users;
        join ``designations`` on (measure_id, target_id) for the evidence.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> e = bm.designation_events()
        >>> e.loc[(e.target_id == "belavia") & (e.jurisdiction == "US"), "event"].astype(str).tolist()
        ['listed', 'delisted']
        """
        return cast("DataFrame[DesignationEventsModel]", self._copy("designation_events"))

    def _jurisdictions(self) -> tuple[list[str], pd.Series]:
        """The valid jurisdiction codes, and each measure's acting jurisdiction, worked out once per parse."""

        def build() -> tuple[list[str], pd.Series]:
            by_measure = _jurisdictions_.of_measures(self.data.table("measures"), self.data.table("actors"))
            return sorted(set(by_measure.dropna())), by_measure

        return self.data.cached("jurisdictions", build)

    def measures(
        self,
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
        measure_type : value(s) of the ``measure_type`` enumeration, matched against ``measure_type``
            and ``purpose``: ``"non_recognition"`` also finds a resolution whose purpose it is.
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
        >>> pace = bm.measures(actor="coe-pace", measure_type="non_recognition")
        >>> pace[["measure_type", "purpose"]].drop_duplicates().values.tolist()
        [['resolution', 'non_recognition']]
        """
        import pandas as pd

        table = self.data.table("measures")
        keep = pd.Series(True, index=table.index)
        if actor is not None or jurisdiction is not None:
            actor_table = self.data.table("actors")
            if actor is not None:
                roots = _values("actor", actor, actor_table.actor_id)
                keep &= table.actor_id.isin(_descendants(roots, actor_table))
            if jurisdiction is not None:
                valid, by_measure = self._jurisdictions()
                codes = _values("jurisdiction", jurisdiction, valid)
                keep &= by_measure.isin(codes)
        if measure_type is not None:
            types = _values("measure_type", measure_type, self.data.schema("measures").field("measure_type").enum or ())
            does = table.measure_type.isin(types)
            if "purpose" in table:
                does |= table.purpose.isin(types).fillna(False).astype(bool)
            keep &= does
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

    def in_force(self, on: DateLike, until: DateLike | None = None, *, binding: bool | None = None) -> DataFrame[MeasuresModel]:
        """Binding measures in force on a day, or at any time in the window ``[on, until]``.

        What "in force" means here:

        - Only acts with legal effect (``binding``) are ever in force. Statements, resolutions,
          visits and calls happen on a day; find them with ``measures(start=…, end=…)``.
          ``binding=None`` and ``binding=True`` mean the same; ``binding=False`` is refused.
        - A measure applies from its ``date_effective`` (or its ``date``) until the day before its
          ``date_end`` (the first day it no longer applied; ``end_reason`` says why). A measure
          dated only to the month or year applies from the last day of that period, the first
          day on which it is certain to have been adopted.
        - Proposals and bills that passed one chamber are never in force.
        - A one-off act (an expulsion, a recall, a court ruling: ``end_reason`` "completed") is
          in force on its own day only; a measure that another ``supersedes`` ends the day its
          successor takes effect.
        - Partial ends: a delisting ends the designation of the targets it names, not the round
          that listed them (the round stays in force); an amendment (``amends``) changes a measure
          without ending it; a relief measure, such as a general licence, is in force beside the
          sanction it relaxes.
        - A measure without ``date_end`` is in force; ``in_force_checked`` says on which day a
          source last showed it in force (empty: nobody has confirmed it since its adoption).

        Examples
        --------
        >>> import belarus_measures as bm
        >>> ids = set(bm.in_force("2020-11-10").measure_id)
        >>> "eu-2020-11-06-designations" in ids
        True
        >>> "pl-2021-11-08-kuznica-crossing-closed" in set(bm.in_force("2025-11-17").measure_id)  # reopened
        False
        """
        import pandas as pd

        lo = _date("on", on)
        hi = _date("until", until) if until is not None else lo
        if lo > hi:
            raise ValueError(f"on={shown(on)} is after until={shown(until)}; a window needs on <= until")
        if binding is False:
            raise ValueError("binding=False: acts without legal effect are never in force; "
                             "use measures(binding=False, start=..., end=...) to find them by date")
        if binding is not None and not isinstance(binding, bool):
            raise TypeError(f"binding must be True, False or None, got {shown(binding)}")
        from belarus_measures.listings import takes_effect

        table = self.measures(binding=True)
        began = takes_effect(table)
        adopted = table.status.isin(self.data.schema("measures").field("status").group("enacted"))
        keep = adopted & (began <= hi) & (table.date_end.isna() | (table.date_end > lo))
        return table.loc[keep.to_numpy(dtype=bool)].reset_index(drop=True)

    def _listing_events(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Designation events and spells of this package, worked out once per parse."""

        def build() -> tuple[pd.DataFrame, pd.DataFrame]:
            from belarus_measures import listings as _listings

            restrictive = self.data.schema("measures").field("measure_type").group("restrictive")
            frames = {name: self.data.table(name) for name in ("measures", "designations", "actors")}
            events = _listings.designation_events(frames, restrictive)
            return events, _listings.spells(events)

        return self.data.cached("listing_events", build)

    def listed(self, on: DateLike, *, jurisdiction: str | Iterable[str] | None = None,
               target_kind: str | Iterable[str] | None = None) -> pd.DataFrame:
        """The targets listed on a day, per jurisdiction, with the day their current listing began.

        A target counts as listed from the day its listing measure takes effect until the day
        before a delisting by the same jurisdiction (or the end of that listing measure, when no
        other listing names the target again); listed again later, it starts a new spell. Only
        listings recorded in the data count: a target listed before August 2020 and not listed
        again since shows from its first listing in the data (see ``designation_history``).

        Returns
        -------
        DataFrame with columns target_id, name, target_kind, jurisdiction, since (first day of the
        current spell), listed_by (the measure that began it), sorted by jurisdiction and name.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> us = bm.listed("2024-01-01", jurisdiction="US")
        >>> "belavia" in set(us.target_id)
        True
        >>> "belavia" in set(bm.listed("2025-11-04", jurisdiction="US").target_id)  # delisted that day
        False
        """
        import pandas as pd

        day = _date("on", on)
        _, spells = self._listing_events()
        codes, _ = self._jurisdictions()
        keep = (spells.start <= day) & (spells.end.isna() | (spells.end > day))
        if jurisdiction is not None:
            keep &= spells.jurisdiction.isin(_values("jurisdiction", jurisdiction, codes))
        t = self.data.table("targets")[["target_id", "name", "target_kind"]]
        out = spells.loc[keep.to_numpy(dtype=bool)].merge(t, on="target_id", how="left")
        if target_kind is not None:
            kinds = self.data.schema("targets").field("target_kind").enum or ()
            out = out.loc[out.target_kind.astype("string").isin(_values("target_kind", target_kind, kinds))
                          .fillna(False).to_numpy(dtype=bool)]
        out = out.rename(columns={"start": "since"})[["target_id", "name", "target_kind", "jurisdiction", "since",
                                                       "listed_by"]]
        return pd.DataFrame(out).sort_values(["jurisdiction", "name", "target_id"], ignore_index=True)

    def designation_history(self, target_id: str) -> pd.DataFrame:
        """Every listing, delisting and end of a listing of one target, across jurisdictions, by date.

        ``event`` is ``listed`` (a listing measure took effect), ``delisted`` (a delisting,
        annulment or relief measure named the target) or ``listing_ended`` (the listing measure
        itself ended: ``end_reason`` says how). Each row carries the measure, its legal act and
        the evidence for the designation: the quote and source, or the list entry.

        Examples
        --------
        >>> import belarus_measures as bm
        >>> h = bm.designation_history("belavia")
        >>> h.loc[h.jurisdiction == "US", ["date", "event"]].astype(str).to_numpy().tolist()
        [['2023-08-09', 'listed'], ['2025-11-04', 'delisted']]
        """
        if not isinstance(target_id, str):
            raise TypeError(f"target_id must be a string, got {shown(target_id)} ({type(target_id).__name__})")
        known = set(self.data.table("targets").target_id.astype(str))
        if target_id not in known:
            raise ValueError(f"unknown target_id {shown(target_id)}; find a target's id with "
                             "search_targets(name)")
        events, _ = self._listing_events()
        mine = events.loc[(events.target_id == target_id).to_numpy(dtype=bool)]
        return mine.sort_values(["date", "jurisdiction"], kind="stable").reset_index(drop=True)

    def measure(self, measure_id: str) -> Measure:
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
        table = self.data.table("measures")
        rows = table.loc[table.measure_id == measure_id]
        if rows.empty:
            close = difflib.get_close_matches(measure_id, list(table.measure_id), n=3) if len(measure_id) <= 200 else []
            hint = f"did you mean {', '.join(close)}?" if close else "measures() lists the valid ids"
            raise ValueError(f"unknown measure_id {shown(measure_id)}; {hint}")
        row = _io.records(rows)[0]
        # Values as the package's own descriptor types them: dates as days, enumerations as text.
        for f in self.data.schema("measures").fields:
            if row.get(f.name) is not None and f.type == "date":
                row[f.name] = row[f.name].date()
            elif row.get(f.name) is not None and f.enum is not None:
                row[f.name] = str(row[f.name])
        known = {f.name for f in dataclasses.fields(Measure)}
        extra = tuple((k, v) for k, v in row.items() if k not in known)
        row = {k: v for k, v in row.items() if k in known}
        actor = next(a for a in _io.records(self.data.table("actors")) if a["actor_id"] == row["actor_id"])
        sources_ = {s["source_id"]: s for s in _io.records(self.data.table("sources"))}

        def about(name: str, column: str = "measure_id") -> list[dict[str, Any]]:
            frame = self.data.table(name)
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
            other=extra,
            actor_name=actor["name"],
            jurisdiction=actor["jurisdiction"],
            citations=citations_,
            counts=counts,
            votes=votes_,
            links=links("measure_id"),
            linked_from=links("related_measure_id"),
        )

    def package(self) -> frictionless.Package:
        """This data package as a ``frictionless.Package`` (the official library's object).

        Examples
        --------
        >>> import belarus_measures as bm
        >>> pkg = bm.package()
        >>> "measures" in pkg.resource_names
        True
        """
        import frictionless

        descriptor = self.data.folder / _resources.DESCRIPTOR
        return frictionless.Package(str(descriptor))


SHIPPED_STORE = Store(SHIPPED)

actors = SHIPPED_STORE.actors
designation_counts = SHIPPED_STORE.designation_counts
votes = SHIPPED_STORE.votes
measure_links = SHIPPED_STORE.measure_links
events = SHIPPED_STORE.events
sources = SHIPPED_STORE.sources
citations = SHIPPED_STORE.citations
figures = SHIPPED_STORE.figures
targets = SHIPPED_STORE.targets
target_aliases = SHIPPED_STORE.target_aliases
designations = SHIPPED_STORE.designations
list_entries = SHIPPED_STORE.list_entries
designation_events = SHIPPED_STORE.designation_events
measures = SHIPPED_STORE.measures
in_force = SHIPPED_STORE.in_force
measure = SHIPPED_STORE.measure
listed = SHIPPED_STORE.listed
designation_history = SHIPPED_STORE.designation_history
package = SHIPPED_STORE.package


def load(path: str | os.PathLike[str]) -> Store:
    """Open any data package (its ``datapackage.json`` or the folder holding it) as a ``Store``.

    The store reads the package through its own descriptor, checks each file against the hash
    and size the descriptor records before parsing it, and has the same accessors as the module.

    Raises
    ------
    ValueError when there is no usable descriptor at ``path`` (naming it and its problems);
    TypeError when ``path`` is not a path.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> from belarus_measures.store.resources import data_dir
    >>> copy = bm.load(str(data_dir() / "datapackage.json"))   # an older release's path works the same
    >>> copy.measure("eu-2020-09-17-ep-resolution").votes[0].votes_for
    574
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a path (str or os.PathLike), got {shown(path)} ({type(path).__name__})")
    return Store(PackageData.open(path))
