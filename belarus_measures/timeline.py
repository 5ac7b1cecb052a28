"""The timeline plot: measures over time, one lane per jurisdiction, the main events as lines,
and under them the count of political prisoners held.

Needs ``pip install 'belarus-measures[plot]'`` (matplotlib).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belarus_measures.measure_kind import what_it_does
from belarus_measures.reports import coverage as _coverage
from belarus_measures.text import dates as _dates
from belarus_measures.store import io as _io
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Marker families a reader can tell apart at a glance; every measure type belongs to one.
FAMILIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "listings": ("o", "#c0392b", ("designation", "visa_restriction", "delisting")),
    "economic and transport": ("s", "#2c7fb8", ("sectoral_sanction", "export_control", "aviation_restriction",
                                                "border_restriction", "renewal")),
    "law and executive acts": ("P", "#6a3d9a", ("legislation", "executive_order")),
    "resolutions and statements": ("^", "#31a354", ("resolution", "statement", "non_recognition")),
    "diplomacy, aid, sport, inquiries": ("D", "#e6a117", ("diplomatic", "assistance", "sporting", "investigation")),
    "counter-measures": ("X", "#111111", ("countermeasure",)),
}
MAIN_EVENTS = ("election", "incident", "war", "referendum", "inauguration")
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _lanes(lanes: object) -> int:
    if isinstance(lanes, bool) or not isinstance(lanes, int):
        raise TypeError(f"lanes must be a whole number of at least 1, got {shown(lanes)} ({type(lanes).__name__})")
    if lanes < 1:
        raise ValueError(f"lanes must be a whole number of at least 1, got {lanes!r}")
    return lanes


def timeline_figure(*, start: _dates.DateLike = "2020-08-01", lanes: int = 14) -> Figure:
    """A matplotlib Figure of every measure since ``start``: a lane per jurisdiction, events as lines.

    ``start`` is a ``datetime.date`` or a ``YYYY-MM-DD`` string, as the accessors take dates;
    anything else raises ``TypeError``/``ValueError`` naming it, and so does a ``start`` after
    the newest measure (there would be nothing to draw). The ``lanes`` jurisdictions with most
    measures get a lane each, the rest share "other"; ``lanes`` is a whole number of at least 1.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> fig = bm.timeline_figure()
    >>> len(fig.axes[0].get_yticks()) <= 15
    True
    >>> bm.timeline_figure(start="March 2021")
    Traceback (most recent call last):
    ...
    ValueError: start='March 2021' is not a valid date; expected the format YYYY-MM-DD, e.g. '2020-10-02'
    """
    first = _dates.parse_day("start", start)
    lanes = _lanes(lanes)
    import pandas as pd

    from belarus_measures.exports import require

    require("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    m = _io.cached_table("measures")
    newest = m.date.max()
    if pd.isna(newest) or pd.Timestamp(first) > newest:
        last = "none" if pd.isna(newest) else newest.date().isoformat()
        raise ValueError(f"start={shown(start)} is after the newest measure ({last}); nothing to draw")
    m = m[m.date >= pd.Timestamp(first)].copy()
    m["jurisdiction"] = m.actor_id.map(_coverage.jurisdiction_of(_io.cached_table("actors")))
    order = m.jurisdiction.value_counts()
    keep = list(order.index[:lanes])
    m["lane"] = m.jurisdiction.where(m.jurisdiction.isin(keep), "other")
    names = keep + (["other"] if (m.lane == "other").any() else [])
    y = {name: len(names) - i for i, name in enumerate(names)}
    lane_height = 0.42 * len(names) + 2.2
    fig, (ax, low) = plt.subplots(2, 1, figsize=(14, lane_height + 2.6), dpi=110, sharex=True,
                                  gridspec_kw={"height_ratios": [lane_height, 1.6]})
    family_of = {t: fam for fam, (_, _, types) in FAMILIES.items() for t in types}
    # A law that answers sanctions is drawn as the counter-measure it is: purpose before form.
    m["family"] = what_it_does(m).map(family_of)
    for fam, (marker, color, _) in FAMILIES.items():
        part = m[m.family == fam]
        if part.empty:  # no measure of this family since start: no marker, no legend entry
            continue
        # A small vertical offset per family keeps same-day measures of one lane apart.
        offset = (list(FAMILIES).index(fam) - 2.5) * 0.07
        ax.scatter(part.date, part.lane.map(y).astype(float) + offset, marker=marker, s=26, color=color, alpha=0.8,
                   edgecolors="white", linewidths=0.4, label=f"{fam} ({len(part)})", zorder=3)
    events = _io.cached_table("events")
    events = events[events.event_type.astype("string").isin(MAIN_EVENTS) & (events.date >= pd.Timestamp(first))]
    events = events.sort_values("date")
    # Events a few days apart (the invasion and the referendum) share one line and one label.
    lines: list[tuple[pd.Timestamp, str]] = []
    for day, title in zip(pd.to_datetime(events.date), events.title.astype(str), strict=True):
        if not lines or (day - lines[-1][0]) > pd.Timedelta(days=10):
            lines.append((day, title))
    top = len(names) + 0.6
    import matplotlib.dates as mdates

    for day, title in lines:
        x = float(mdates.date2num(day.to_pydatetime()))  # type: ignore[no-untyped-call]
        ax.axvline(x, color="#888888", linestyle="--", linewidth=0.8, zorder=1)
        ax.text(x, top, " " + _short(title), rotation=90, fontsize=7.5, color="#444444", ha="right", va="bottom")
    # International bodies file under their organisation's id (un, icao): shown as acronyms.
    ax.set_yticks(list(y.values()), [n.upper() if n.islower() and n != "other" else n for n in y])
    ax.set_ylim(0.3, top + 6.8)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"International measures concerning Belarus since {_day_text(first)}: {len(m)} measures by "
                 f"{m.actor_id.nunique()} actors", loc="left", fontsize=11, pad=14)
    _prisoners(low, pd.Timestamp(first))
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def _prisoners(ax: Any, first: Any) -> None:
    """Political prisoners held, as the figures quote Viasna's count, under the lanes."""
    f = _io.cached_table("figures")
    held = f[(f.indicator.astype("string") == "political_prisoners").fillna(False).to_numpy(dtype=bool)]
    held = held[held.date >= first].sort_values("date")
    ax.plot(held.date, held.value.astype(float), color="#7f2704", linewidth=1.2, marker=".", markersize=4)
    ax.set_ylabel("political\nprisoners", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylim(bottom=0)
    if not held.empty:
        ax.set_title(f"Political prisoners held, as counted by Viasna ({len(held)} quoted counts)", loc="left",
                     fontsize=9)


def _day_text(day: dt.date) -> str:
    """A day in words, whatever the locale: ``1 August 2020``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _short(title: str, limit: int = 34) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def write_timeline(out: str | os.PathLike[str], *, start: _dates.DateLike = "2020-08-01", lanes: int = 14) -> Path:
    """Draw the timeline into ``out`` (.png, .svg or .pdf) and return the path.

    ``start`` and ``lanes`` are those of :func:`timeline_figure`; any other keyword is a
    ``TypeError`` naming it. Nothing is written when an argument is refused.
    """
    if not isinstance(out, str | os.PathLike):
        raise TypeError(f"out must be a path, got {shown(out)} ({type(out).__name__})")
    path = Path(out)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise ValueError(f"unknown image type {shown(path.suffix)} for {shown(str(path))}; "
                         f"valid: {', '.join(IMAGE_SUFFIXES)}")
    fig = timeline_figure(start=start, lanes=lanes)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
