"""The search page's prebuilt index, and the name folding it needs, taken from the package's own.

The page folds a typed query exactly as ``search_targets`` folds names: the rules, the legal
forms and the transliteration of every non-ASCII character are read here from
``belarus_measures.text.names`` (and anyascii) and written into the index, so the browser's
fold and Python's cannot drift apart (a browser test compares them on every alias).
"""

from __future__ import annotations

import json
from typing import Any

from belarus_measures.site.content import Site
from belarus_measures.text import names as _names

# Characters a name or a query may hold beyond ASCII: Latin-1 and Latin Extended, IPA and
# spacing modifiers, Greek, Cyrillic with its supplement, Latin Extended Additional, and
# general punctuation (dashes, quotation marks); Arabic, which some lists use for names.
RANGES = ((0x00A0, 0x052F), (0x0600, 0x06FF), (0x1E00, 0x1EFF), (0x2000, 0x206F))


def char_map() -> dict[str, str]:
    """Each character of ``RANGES`` that anyascii renders differently, with its rendering."""
    from anyascii import anyascii

    out: dict[str, str] = {}
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            if ch.isprintable() or ch.isspace():
                rendered = anyascii(ch)
                if rendered != ch:
                    out[ch] = rendered
    return out


def fold_rules() -> dict[str, Any]:
    """The folding steps of ``text.names`` as data the page's script applies in the same order."""
    return {
        "swedishTj": _names._SWEDISH_TJ.pattern,
        "frenchOu": _names._FRENCH_OU.pattern,
        "shortU": _names._SHORT_U.pattern,
        "double": _names._DOUBLE.pattern,
        "notWord": _names._NOT_WORD.pattern,
        "folds": [list(pair) for pair in _names._FOLDS],
        "legalForms": sorted(_names.LEGAL_FORMS),
        "chars": char_map(),
    }


def index(site: Site) -> dict[str, Any]:
    """Targets with their folded spellings and prominence, measures and actors with their words."""
    targets = []
    for t in site.targets.values():
        spellings = sorted({_names.fold(s, drop_legal_forms=True) for s in [t["name"], *(a["alias"] for a in t["aliases"])]}
                           - {""})
        targets.append({"id": t["target_id"], "name": t["name"], "kind": str(t["target_kind"]), "page": t["page"],
                        "folds": spellings, "weight": [len(t["jurisdictions"]), t["designations"]]})
    measures = [{"id": m["measure_id"], "title": m["title"], "date": m["date"], "page": m["page"],
                 "words": _names.fold(f"{m['title']} {m['measure_id']} {m['actor']['name']}")}
                for m in site.measures.values()]
    actors = [{"id": a["actor_id"], "name": a["name"], "page": a["page"], "words": _names.fold(f"{a['name']} {a['actor_id']}")}
              for a in site.actors.values()]
    return {"fold": fold_rules(), "targets": targets, "measures": measures, "actors": actors}


def script(site: Site) -> str:
    """``search-index.js``: the index as a script, because a page opened from ``file://`` may not fetch JSON."""
    body = json.dumps(index(site), ensure_ascii=False, separators=(",", ":"))
    # "</" inside a script would end it early wherever the index is inlined; JSON allows "<\/".
    return "window.BM_INDEX = " + body.replace("</", "<\\/") + ";\n"
