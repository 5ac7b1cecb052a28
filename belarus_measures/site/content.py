"""What each page of the site shows, gathered once from a store's tables into plain dicts.

Every table is grouped once (by measure, by target, by actor), so the ~1,300 pages render
without filtering a DataFrame per page; templates only format what is here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from belarus_measures.measure_kind import what_it_does
from belarus_measures.site.pages import page_name, safe_url
from belarus_measures.store import io as _io
from belarus_measures.store import jurisdictions as _jurisdictions

if TYPE_CHECKING:
    from belarus_measures.accessors import Store

# The inverse reading of each link relation, for the page of the measure a link points to.
INVERSE = {
    "responds_to": "answered by",
    "implements": "implemented by",
    "extends": "extended by",
    "amends": "amended by",
    "supersedes": "superseded by",
    "reverses": "reversed by",
    "coordinated_with": "coordinated with",
}
INTERNATIONAL = "international bodies"


def day(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a cell that holds a day, else None."""
    if value is None or value != value:  # NaT and NaN never equal themselves
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class Site:
    """Everything the templates read: one dict per item, each with its ``page`` file name."""

    measures: dict[str, dict[str, Any]] = field(default_factory=dict)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    jurisdictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    newest: str | None = None


def gather(store: Store) -> Site:
    """The site's content from ``store``: measures, targets, actors and jurisdictions with their relations."""
    site = Site()
    tables = {name: store.data.table(name) for name in store.list_resources()}
    site.counts = {name: len(frame) for name, frame in tables.items()}
    actors = _io.records(tables["actors"])
    codes = _jurisdictions.jurisdiction_of(tables["actors"])
    # An international body's code is its top organisation's id; a state's is its jurisdiction.
    tops = {a["actor_id"] for a in actors if a["parent_id"] is None}
    state_names = {a["jurisdiction"]: a["name"] for a in actors if a["parent_id"] is None and a["jurisdiction"]}
    for a in actors:
        code = codes[a["actor_id"]]
        key = INTERNATIONAL if code in tops else code
        site.actors[a["actor_id"]] = {**a, "page": page_name(a["actor_id"]), "code": code, "jurisdiction_key": key,
                                      "measures": [], "children": []}
        if key not in site.jurisdictions:
            name = "International organisations" if key == INTERNATIONAL else state_names.get(key, key)
            site.jurisdictions[key] = {"code": key, "name": name, "page": page_name(key.lower().replace(" ", "-")),
                                       "measures": [], "actors": []}
        site.jurisdictions[key]["actors"].append(a["actor_id"])
    for a in actors:
        if a["parent_id"] in site.actors:
            site.actors[a["parent_id"]]["children"].append(a["actor_id"])

    sources = {s["source_id"]: {**s, "url": safe_url(s["url"]), "published": day(s["published"])}
               for s in _io.records(tables["sources"])}
    by_measure: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for c in _io.records(tables["citations"]):
        by_measure[c["measure_id"]]["citations"].append({"quote": c["quote"], "source": sources.get(c["source_id"])})
    for c in _io.records(tables["designation_counts"]):
        by_measure[c["measure_id"]]["counts"].append(c)
    for v in _io.records(tables["votes"]):
        by_measure[v["measure_id"]]["votes"].append({**v, "date": day(v["date"])})
    for link in _io.records(tables["measure_links"]):
        by_measure[link["measure_id"]]["links"].append(
            {"relation": str(link["relation"]).replace("_", " "), "other": link["related_measure_id"]})
        by_measure[link["related_measure_id"]]["linked_from"].append(
            {"relation": INVERSE.get(str(link["relation"]), f"{link['relation']} (from)"), "other": link["measure_id"]})

    measures = tables["measures"].sort_values(["date", "measure_id"], kind="stable")
    for m, does in zip(_io.records(measures), what_it_does(measures), strict=True):
        actor = site.actors[m["actor_id"]]
        extra = by_measure.get(m["measure_id"], {})
        row = {**m, "page": page_name(m["measure_id"]), "actor": actor, "does": str(does),
               "date": day(m["date"]), "date_effective": day(m.get("date_effective")),
               "date_end": day(m.get("date_end")), "in_force_checked": day(m.get("in_force_checked")),
               "year": day(m["date"])[:4],  # type: ignore[index]
               "citations": extra.get("citations", []), "counts": extra.get("counts", []),
               "votes": extra.get("votes", []), "links": extra.get("links", []),
               "linked_from": extra.get("linked_from", []), "targets": []}
        site.measures[m["measure_id"]] = row
        actor["measures"].append(m["measure_id"])
        site.jurisdictions[actor["jurisdiction_key"]]["measures"].append(m["measure_id"])
    site.newest = max((m["date"] for m in site.measures.values()), default=None)

    if "targets" in tables:
        _gather_targets(site, store, tables, sources)
    if "figures" in tables:
        site.figures = [{**f, "date": day(f["date"])} for f in _io.records(tables["figures"])]
    if "events" in tables:
        site.events = [{**e, "date": day(e["date"])} for e in _io.records(tables["events"])]
    return site


def _gather_targets(site: Site, store: Store, tables: dict[str, Any], sources: dict[str, dict[str, Any]]) -> None:
    for t in _io.records(tables["targets"]):
        site.targets[t["target_id"]] = {**t, "page": page_name(t["target_id"]), "birth_date": day(t.get("birth_date")),
                                        "aliases": [], "history": [], "jurisdictions": set(), "designations": 0}
    if "target_aliases" in tables:
        seen: set[tuple[str, str]] = set()
        for a in _io.records(tables["target_aliases"]):
            key = (a["target_id"], a["alias"])
            if a["target_id"] in site.targets and key not in seen:
                seen.add(key)
                site.targets[a["target_id"]]["aliases"].append(a)
    if "designations" in tables:
        for d in _io.records(tables["designations"]):
            if d["measure_id"] in site.measures and d["target_id"] in site.targets:
                site.measures[d["measure_id"]]["targets"].append(d["target_id"])
                site.targets[d["target_id"]]["designations"] += 1
        entries: dict[tuple[str, str], dict[str, Any]] = {}
        if "list_entries" in tables:
            for row in _io.records(tables["list_entries"]):
                entries[(row["list_id"], row["entry_id"])] = {
                    **row, "source": sources.get(row.get("source_id") or ""),
                    **{k: day(row.get(k)) for k in ("listed_on", "designated_on", "listed_after", "listed_by")}}
        events, _ = store._listing_events()
        for e in _io.records(events.sort_values(["date", "jurisdiction"], kind="stable")):
            target = site.targets.get(e["target_id"])
            if target is None:
                continue
            entry = entries.get((e.get("list_id") or "", e.get("entry_id") or ""))
            target["history"].append({**e, "date": day(e["date"]), "source": sources.get(e.get("source_id") or ""),
                                      "entry": entry})
            target["jurisdictions"].add(e["jurisdiction"])
    for m in site.measures.values():
        m["targets"].sort(key=lambda t: site.targets[t]["name"])
