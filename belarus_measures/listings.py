"""Who was listed, by whom, from when and until when: designation events and spells.

A designation links a target to a measure. What it means over time follows from the measure:

- a *listing* (a measure of the descriptor's "restrictive" group: designations, visa bans,
  sectoral, aviation and export measures that name targets) starts a spell on the day the
  measure takes effect (``date_effective``, else ``date``; a month- or year-precise date counts
  from the last day of its period, the first day the listing is certain);
- a *delisting* (measure type ``delisting``: a removal, a court's annulment, relief that
  lifts a listing) ends every spell of that target in the same jurisdiction that began before it;
- a listing measure that itself ended (``date_end``: a temporary order that ran out, a list
  reversed) ends the spells it started, unless another listing of the same target by the same
  jurisdiction carries the spell on (a renewed order names the target again).

A target listed again after a delisting has a new spell, never an extended old one. Spells are
half-open: ``start`` is the first day listed, ``end`` the first day no longer listed (NaT: still
listed as far as the data knows). Functions here take parsed tables (``frames``) so that any
data package (``bm.load(path)``) answers the same way; ``Store.listed`` and
``Store.designation_history`` are the public entry points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from belarus_measures.store import jurisdictions as _jurisdictions

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS = ("target_id", "jurisdiction", "date", "event", "measure_id", "measure_type", "actor_id",
                 "legal_reference", "end_reason", "source_id", "quote", "list_id", "entry_id")
SPELL_COLUMNS = ("target_id", "jurisdiction", "start", "end", "listed_by", "ended_by")


@dataclass
class Spell:
    """One uninterrupted listing of a target by a jurisdiction; ``end`` None while it lasts."""

    target_id: str
    jurisdiction: str
    start: pd.Timestamp
    end: pd.Timestamp | None
    listed_by: str
    ended_by: str | None


def takes_effect(m: pd.DataFrame) -> pd.Series:
    """The day each measure takes effect: ``date_effective``, else its ``date``, where a month- or
    year-precise date counts from the last day of its period (the first day it is certain)."""
    import pandas as pd

    precision = m.date_precision.astype("string")
    certain = m.date.where(precision == "day", m.date + pd.offsets.MonthEnd(0)).where(
        precision != "year", m.date + pd.offsets.YearEnd(0))
    return m.date_effective.fillna(certain)


def designation_events(frames: Mapping[str, pd.DataFrame], restrictive: tuple[str, ...]) -> pd.DataFrame:
    """Every listing, delisting and end of a listing measure, per target and jurisdiction, by date.

    ``restrictive`` is the descriptor's group of measure types that list targets. An
    international body's measures file under its top organisation's id, as everywhere.
    """
    import pandas as pd

    m, d = frames["measures"], frames["designations"]
    jurisdiction = _jurisdictions.of_measures(m, frames["actors"])
    measures = pd.DataFrame({
        "measure_id": m.measure_id.astype(object).to_numpy(),
        "jurisdiction": jurisdiction.astype(object).to_numpy(),
        "start": takes_effect(m).to_numpy(), "date_end": m.date_end.to_numpy(),
        "measure_type": m.measure_type.astype(str).to_numpy(), "actor_id": m.actor_id.astype(object).to_numpy(),
        "legal_reference": m.legal_reference.astype(object).to_numpy(),
        "end_reason": m.end_reason.astype(object).to_numpy() if "end_reason" in m.columns else None,
    }).drop_duplicates("measure_id")
    evidence = ["source_id", "quote", "list_id", "entry_id"]
    rows = pd.DataFrame({"measure_id": d.measure_id.astype(object).to_numpy(),
                         "target_id": d.target_id.astype(object).to_numpy(),
                         **{c: d[c].astype(object).to_numpy() for c in evidence if c in d.columns}})
    rows = rows.merge(measures, on="measure_id").dropna(subset=["jurisdiction"])
    listing = rows.loc[rows.measure_type.isin(restrictive)]
    delisting = rows.loc[rows.measure_type == "delisting"]
    ended = listing.loc[listing.date_end.notna()]
    events = pd.concat([
        listing.assign(event="listed", date=listing.start, end_reason=None),
        delisting.assign(event="delisted", date=delisting.start, end_reason=None),
        ended.assign(event="listing_ended", date=ended.date_end),
    ], ignore_index=True)
    for c in EVENT_COLUMNS:
        if c not in events.columns:
            events[c] = None
    order = {"listed": 0, "listing_ended": 1, "delisted": 2}
    events = events.assign(_order=events.event.map(order)).sort_values(
        ["target_id", "jurisdiction", "date", "_order", "measure_id"], kind="stable")
    out = events[list(EVENT_COLUMNS)].reset_index(drop=True)
    out["date"] = pd.to_datetime(out.date)
    return out


def spells(events: pd.DataFrame) -> pd.DataFrame:
    """The spells of listing per target and jurisdiction, replayed from ``designation_events``."""
    import pandas as pd

    out: list[Spell] = []
    for (target, where), group in events.groupby(["target_id", "jurisdiction"], sort=True):
        # Each listing gives an interval [start, its measure's end or a later delisting); the
        # intervals are then merged, so a renewal naming the target again carries the spell on.
        kind = group.event.to_numpy()
        cuts = sorted(zip(group.date[kind == "delisted"], group.measure_id[kind == "delisted"], strict=True))
        ends = dict(zip(group.measure_id[kind == "listing_ended"], group.date[kind == "listing_ended"], strict=True))
        intervals: list[Spell] = []
        for start, listed_by in zip(group.date[kind == "listed"], group.measure_id[kind == "listed"], strict=True):
            spell = Spell(str(target), str(where), start, ends.get(listed_by), str(listed_by),
                          str(listed_by) if listed_by in ends else None)
            for day, delisting in cuts:
                if day > start and (spell.end is None or day < spell.end):
                    spell.end, spell.ended_by = day, str(delisting)
                    break
            intervals.append(spell)
        merged: list[Spell] = []
        for spell in sorted(intervals, key=lambda s: s.start):
            last = merged[-1] if merged else None
            if last is not None and (last.end is None or spell.start <= last.end):
                if last.end is not None and (spell.end is None or spell.end > last.end):
                    last.end, last.ended_by = spell.end, spell.ended_by
                continue
            merged.append(spell)
        out += merged
    frame = pd.DataFrame([vars(s) for s in out], columns=list(SPELL_COLUMNS))
    frame["start"] = pd.to_datetime(frame.start)
    frame["end"] = pd.to_datetime(frame.end)
    return frame


def event_rows(frames: Mapping[str, pd.DataFrame], restrictive: tuple[str, ...],
               columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of the shipped ``designation_events`` table (its ``columns``), as CSV cells.

    The build writes them, the testing kit's synthetic packages carry them, and the
    ``[designation_events]`` invariant compares a package's table with them.
    """
    events = designation_events(frames, restrictive)
    cells = {c: (events[c].dt.strftime("%Y-%m-%d") if c == "date" else events[c]).astype(object)
             for c in columns}
    table = {c: [("" if v is None or v != v else str(v)) for v in values] for c, values in cells.items()}
    return [dict(zip(columns, row, strict=True)) for row in zip(*table.values(), strict=True)]
