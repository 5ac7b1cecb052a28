"""The home page's timeline as inline SVG: a lane per jurisdiction, a linked dot per measure,
the main events as lines, and Viasna's count of political prisoners held underneath.

Drawn by hand rather than with matplotlib so the site needs no plotting library and every dot
is a link to its measure's page with the title as its tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from belarus_measures.site.content import Site
from belarus_measures.timeline import FAMILIES, MAIN_EVENTS

WIDTH, LEFT, RIGHT, LANE, TOP, PRISONERS = 960, 150, 16, 16, 24, 90
_COLOUR = {t: colour for _, colour, types in FAMILIES.values() for t in types}


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span


def timeline(site: Site, *, lanes: int = 14, start: str = "2020-08-01") -> str:
    """The SVG element (text) for ``site``; the ``lanes`` busiest jurisdictions get a lane each."""
    first = dt.date.fromisoformat(start)
    shown = [m for m in site.measures.values() if m["date"] >= start]
    if not shown:
        return ""
    last = max(dt.date.fromisoformat(m["date"]) for m in shown)
    busiest = [code for code, _ in Counter(m["actor"]["jurisdiction_key"] for m in shown).most_common(lanes)]
    names = busiest + (["other"] if any(m["actor"]["jurisdiction_key"] not in busiest for m in shown) else [])
    height = TOP + LANE * len(names) + PRISONERS + 34
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="timeline-title" class="timeline"><title id="timeline-title">{len(shown)} measures from '
           f'{start} to {last.isoformat()}, one lane per jurisdiction, with political prisoners held below</title>']
    for year in range(first.year + 1, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, last)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 20}" class="grid"/>'
                   f'<text x="{x:.1f}" y="{height - 6}" class="tick">{year}</text>')
    for e in site.events:
        if e["event_type"] in MAIN_EVENTS and e["date"] and start <= e["date"] <= last.isoformat():
            x = _x(dt.date.fromisoformat(e["date"]), first, last)
            out.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{TOP + LANE * len(names)}" class="event">'
                       f'<title>{escape(e["date"])}: {escape(e["title"])}</title></line>')
    for i, code in enumerate(names):
        y = TOP + LANE * i + LANE / 2
        label = code if code == "other" else site.jurisdictions[code]["code"]
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" class="lane">{escape(label)}</text>')
    for m in shown:
        code = m["actor"]["jurisdiction_key"]
        lane = names.index(code if code in busiest else "other")
        x = _x(dt.date.fromisoformat(m["date"]), first, last)
        y = TOP + LANE * lane + LANE / 2
        colour = _COLOUR.get(m["does"], "#777777")
        out.append(f'<a href="measure/{escape(m["page"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                   f'<title>{escape(m["date"])} {escape(m["title"])}</title></circle></a>')
    out.append(_prisoners(site, first, last, TOP + LANE * len(names) + 12))
    out.append("</svg>")
    return "".join(out)


def _prisoners(site: Site, first: dt.date, last: dt.date, top: int) -> str:
    held = sorted((f["date"], float(f["value"])) for f in site.figures
                  if f["indicator"] == "political_prisoners" and f["date"] and first.isoformat() <= f["date"] <= last.isoformat())
    if not held:
        return ""
    peak = max(v for _, v in held) or 1.0
    height = PRISONERS - 20
    points = " ".join(f"{_x(dt.date.fromisoformat(d), first, last):.1f},{top + height - height * v / peak:.1f}"
                      for d, v in held)
    newest_day, newest = held[-1]
    return (f'<text x="{LEFT - 8}" y="{top + 10}" class="lane">political</text>'
            f'<text x="{LEFT - 8}" y="{top + 22}" class="lane">prisoners</text>'
            f'<text x="{LEFT - 8}" y="{top + 34}" class="lane">(Viasna)</text>'
            f'<polyline points="{points}" class="prisoners"><title>Political prisoners held, {len(held)} quoted counts; '
            f'peak {peak:,.0f}; {newest:,.0f} on {newest_day}</title></polyline>'
            f'<text x="{LEFT}" y="{top + height + 14}" class="tick">0</text>'
            f'<text x="{LEFT}" y="{top + 4}" class="tick">{peak:,.0f}</text>')
