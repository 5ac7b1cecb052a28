"""Write the static site: plain HTML and CSS, a little JavaScript for search, no server.

The pages link to each other by relative paths, so the folder works from ``file://`` and from
any static host. It is written beside its destination first and moved into place whole, so a
failed build never leaves half a site; an existing folder is replaced only when ``overwrite``
is given and the folder is a site this function wrote (it carries ``MARKER``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import jinja2

    from belarus_measures.accessors import Store
    from belarus_measures.site.content import Site

MARKER = ".belarus-measures-site"
LISTED_PER_SECTION = 300  # a release page names at most this many rows per section


def _folder(out: object) -> Path:
    if not isinstance(out, str | os.PathLike):
        raise TypeError(f"out must be a folder path (str or os.PathLike), got {shown(out)} ({type(out).__name__})")
    text = os.fspath(out)
    if not isinstance(text, str):
        raise TypeError(f"out must be a text path, got {shown(text)}")
    if not text or "\x00" in text:
        raise ValueError(f"out={shown(text)} is not a usable folder path")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise ValueError(f"out={shown(text)} exists and is not a folder")
    return path


def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("belarus_measures.site", "templates"),
        autoescape=True,  # every value from the data is text, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def build_site(out: str | os.PathLike[str], *, store: Store | None = None, overwrite: bool = False) -> Path:
    """Write the static site of the data package into the folder ``out``; returns its ``index.html``.

    ``store`` is the package to publish (default: the shipped one; ``bm.load(path)`` opens
    another). ``out`` must not exist yet, or be empty, or, with ``overwrite=True``, be a site
    this function wrote before. The change pages come from the change feed shipped with the
    package, so they appear only for the shipped package.

    Examples
    --------
    >>> import tempfile, pathlib, belarus_measures as bm
    >>> home = bm.build_site(pathlib.Path(tempfile.mkdtemp()) / "site")
    >>> home.name, (home.parent / "search.html").is_file()
    ('index.html', True)
    """
    from belarus_measures.accessors import SHIPPED_STORE, Store
    from belarus_measures.site.content import gather

    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, got {shown(overwrite)}")
    target = _folder(out)
    if store is None:
        store = SHIPPED_STORE
    if not isinstance(store, Store):
        raise TypeError(f"store must be a belarus_measures.Store (bm.load(path)), got {shown(store)} "
                        f"({type(store).__name__})")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            raise ValueError(f"out={shown(str(target))} is not empty; give an empty or new folder, or "
                             "overwrite=True (--force) to replace a site built before")
        if not (target / MARKER).is_file():
            raise ValueError(f"out={shown(str(target))} is not a site built by belarus_measures (no {MARKER}); "
                             "it is left alone")
    site = gather(store)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a site is for reading
    try:
        _write(staging, site, store)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=parent))
            os.replace(target, old / "site")
            os.replace(staging, target)
            shutil.rmtree(old)
        else:
            os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target / "index.html"


def _write(root: Path, site: Site, store: Store) -> None:
    from belarus_measures import __version__
    from belarus_measures.site import search_index, timeline_svg

    env = _environment()
    shipped = store.data.shipped
    releases = _releases(site) if shipped else []
    released = releases[-1]["date"] if releases else None
    version = __version__ if shipped else "(unreleased package)"
    common = {"version": version, "released": released,
              "measures": site.measures, "targets": site.targets, "actors": site.actors}

    def page(path: str, template: str, **context: Any) -> None:
        depth = path.count("/")
        html = env.get_template(template).render(root="../" * depth, **common, **context)
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")

    static = resources.files("belarus_measures.site") / "static"
    (root / "static").mkdir()
    for name in ("style.css", "search.js"):
        (root / "static" / name).write_text((static / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "static" / "search-index.js").write_text(search_index.script(site), encoding="utf-8")
    (root / MARKER).write_text("written by belarus_measures.build_site; replaced whole on the next build\n",
                               encoding="utf-8")
    data_files = _copy_data(root, store)

    ordered = list(site.measures.values())
    from belarus_measures.timeline import FAMILIES

    page("index.html", "home.html", title="Home", counts=site.counts, n_jurisdictions=len(site.jurisdictions),
         newest=site.newest, svg=timeline_svg.timeline(site), families=[(n, c) for n, (_, c, _) in FAMILIES.items()],
         latest=releases[-1] if releases else None, recent=ordered[::-1][:12],
         jsonld=_jsonld(site, version, released, data_files))
    page("search.html", "search.html", title="Search")
    page("measures.html", "listing.html", title=f"All measures ({len(ordered)})", crumbs=[], intro=None,
         related=[], related_title="", years=sorted({m["year"] for m in ordered}, reverse=True), rows=ordered,
         show_actor=True)
    by_kind: dict[str, list[tuple[str, str, str]]] = {}
    for t in sorted(site.targets.values(), key=lambda t: (str(t["name"]).casefold(), t["target_id"])):
        note = ", ".join(sorted(t["jurisdictions"]))
        by_kind.setdefault(str(t["target_kind"]), []).append((f"target/{t['page']}", t["name"], note))
    page("targets.html", "index_list.html", title=f"Named targets ({len(site.targets)})",
         intro="Every person, entity, aircraft and vessel a listing names, with the jurisdictions that list it.",
         groups=sorted(by_kind.items()))
    jurisdictions = sorted(site.jurisdictions.values(), key=lambda j: (-len(j["measures"]), j["code"]))
    page("jurisdictions.html", "index_list.html", title="Jurisdictions", intro=None, groups=[(None, [
        (f"jurisdiction/{j['page']}", j["name"], f"{j['code']}, {len(j['measures'])} measures") for j in jurisdictions])])
    page("actors.html", "index_list.html", title=f"Actors ({len(site.actors)})", intro=None, groups=[
        (j["name"], [(f"actor/{site.actors[a]['page']}", site.actors[a]["name"], f"{len(site.actors[a]['measures'])} measures")
                     for a in sorted(j["actors"], key=lambda a: site.actors[a]["name"])]) for j in jurisdictions])
    for j in jurisdictions:
        rows = [site.measures[m] for m in j["measures"]]
        page(f"jurisdiction/{j['page']}", "listing.html", title=f"{j['name']} ({j['code']})",
             crumbs=[("../jurisdictions.html", "Jurisdictions")], intro=f"{len(rows)} measures.",
             related=[(f"../actor/{site.actors[a]['page']}", site.actors[a]["name"], f"{len(site.actors[a]['measures'])}")
                      for a in sorted(j["actors"], key=lambda a: site.actors[a]["name"])],
             related_title="Actors", years=sorted({m["year"] for m in rows}, reverse=True), rows=rows, show_actor=True)
    for a in site.actors.values():
        rows = [site.measures[m] for m in a["measures"]]
        j = site.jurisdictions[a["jurisdiction_key"]]
        related = [(f"{site.actors[c]['page']}", site.actors[c]["name"], "part of it") for c in a["children"]]
        if a["parent_id"] in site.actors:
            related.insert(0, (site.actors[a["parent_id"]]["page"], site.actors[a["parent_id"]]["name"], "part of"))
        page(f"actor/{a['page']}", "listing.html", title=a["name"],
             crumbs=[("../jurisdictions.html", "Jurisdictions"), (f"../jurisdiction/{j['page']}", j["name"])],
             intro=f"{a['actor_type'].replace('_', ' ')}; {len(rows)} measures.", related=related,
             related_title="Related bodies", years=sorted({m["year"] for m in rows}, reverse=True), rows=rows,
             show_actor=False)
    unshown = _unshown_columns(store)
    for m in ordered:
        extra = [(k, v) for k, v in m.items() if k in unshown and v is not None]
        page(f"measure/{m['page']}", "measure.html", title=m["title"], m=m,
             jurisdiction=site.jurisdictions[m["actor"]["jurisdiction_key"]], extra=extra)
    for t in site.targets.values():
        page(f"target/{t['page']}", "target.html", title=t["name"], t=t)
    page("changes.html", "index_list.html", title="Changes by release",
         intro=("What each release added, removed and changed, from the change feed shipped in the package "
                "(bm.changes(since=...) in Python, belarus-measures changes --since on the command line)."
                if releases else "This package carries no change feed."),
         groups=[(None, [(f"changes/{r['page']}", r["version"], f"{r['date'] or 'undated'}; since {r['previous'] or 'nothing'}")
                         for r in reversed(releases)])])
    for r in releases:
        page(f"changes/{r['page']}", "release.html", title=f"Changes in {r['version']}", r=r)


def _unshown_columns(store: Store) -> frozenset[str]:
    """Columns of this package's measures table that the measure template does not show by name."""
    shown_by_name = {"measure_id", "date", "date_precision", "date_effective", "date_end", "end_reason",
                     "in_force_checked", "actor_id", "measure_type", "title", "summary", "legal_reference",
                     "binding", "status", "trigger_event_id", "background", "purpose"}
    return frozenset(set(store.data.schema("measures").columns) - shown_by_name)


def _copy_data(root: Path, store: Store) -> list[str]:
    """The package's descriptor and CSV files, under ``data/``, so the site carries its own download."""
    folder = store.data.folder
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    written = ["datapackage.json"]
    (root / "data").mkdir()
    (root / "data" / "datapackage.json").write_text((folder / "datapackage.json").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    for resource in descriptor.get("resources", []):
        path = resource.get("path")
        # The store has already checked each file against the descriptor; paths stay inside data/.
        if isinstance(path, str) and path.startswith("data/") and ".." not in path.split("/"):
            (root / "data" / path).parent.mkdir(parents=True, exist_ok=True)
            (root / "data" / path).write_bytes((folder / path).read_bytes())
            written.append(path)
    return written


def _releases(site: Site) -> list[dict[str, Any]]:
    from belarus_measures import change_feed

    out = []
    for version in change_feed.releases():
        feed = change_feed.feed(version)
        tables = [{"table": name, "added": len(t["added"]), "removed": len(t["removed"]), "changed": len(t["changed"])}
                  for name, t in sorted(feed["tables"].items())]
        out.append({"version": version, "previous": feed.get("previous"), "date": (feed.get("date") or "")[:10] or None,
                    "page": f"{version}.html", "tables": tables, "sections": list(_sections(site, feed))})
    return out


def _sections(site: Site, feed: dict[str, Any]) -> Iterator[tuple[str, list[tuple[str | None, str, str]], int]]:
    def cap(items: list[tuple[str | None, str, str]]) -> tuple[list[tuple[str | None, str, str]], int]:
        return items[:LISTED_PER_SECTION], max(len(items) - LISTED_PER_SECTION, 0)

    def measure_item(key: str, note: str) -> tuple[str | None, str, str]:
        m = site.measures.get(key)
        return (f"../measure/{m['page']}", m["title"], note) if m else (None, key, note + " (no longer in the data)")

    tables = feed["tables"]
    if "measures" in tables:
        t = tables["measures"]
        for heading, rows, note in (("Measures added", t["added"], ""), ("Measures removed", t["removed"], "")):
            if rows:
                yield (heading, *cap([measure_item(r["measure_id"], note) for r in rows]))
        if t["changed"]:
            yield ("Measures changed", *cap([measure_item(c["key"]["measure_id"], "— " + ", ".join(
                f"{col}: {old!r} → {new!r}" for col, (old, new) in sorted(c["fields"].items()))) for c in t["changed"]]))
    if "targets" in tables and tables["targets"]["added"]:
        items: list[tuple[str | None, str, str]] = []
        for r in tables["targets"]["added"]:
            tgt = site.targets.get(r["target_id"])
            items.append((f"../target/{tgt['page']}", tgt["name"], "") if tgt else (None, r["name"], "(merged or removed since)"))
        yield ("Targets added", *cap(items))
    for change, heading in (("added", "Designations linked (who was listed, by whom)"),
                            ("removed", "Designations unlinked")):
        rows = [d for d in feed.get("designations", []) if d["change"] == change]
        if rows:
            items = []
            for d in rows:
                tgt = site.targets.get(d["target_id"])
                m = site.measures.get(d["measure_id"])
                note = f"— {d['jurisdiction'] or ''} {m['date'] if m else ''} {d['measure_id']}"
                items.append((f"../target/{tgt['page']}" if tgt else None, d["target_name"] or d["target_id"], note))
            yield (heading, *cap(items))


def _jsonld(site: Site, version: str, released: str | None, data_files: list[str]) -> str:
    doc = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "belarus_measures: international measures concerning Belarus since the 2020 election",
        "description": ("A versioned, citation-backed dataset of the international measures concerning Belarus since "
                        "the presidential election of 9 August 2020: sanctions rounds and who they listed, visa bans, "
                        "legislation, parliamentary resolutions and their votes, non-recognition, diplomatic steps, "
                        "and the counter-measures of Belarus and Russia. Every measure is cited with a verbatim quote."),
        "version": version,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "belarus_measures developers"},
        "keywords": ["Belarus", "sanctions", "designations", "visa bans", "resolutions", "counter-measures"],
        "spatialCoverage": {"@type": "Place", "name": "Belarus"},
        "temporalCoverage": f"2020-08-09/{site.newest or '..'}",
        "distribution": [{"@type": "DataDownload", "encodingFormat": "text/csv" if f.endswith(".csv") else "application/json",
                          "contentUrl": f"data/{f}"} for f in data_files],
    }
    if released:
        doc["datePublished"] = released
    # Inside <script>, "</" would end the element early: JSON allows the escaped form.
    return json.dumps(doc, ensure_ascii=False, indent=1).replace("</", "<\\/")
