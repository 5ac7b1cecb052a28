"""Who was listed: name search over every recorded spelling, and first listings per jurisdiction.

``search_targets`` ranks targets by how well a typed name matches any of their spellings
(Latin transliterations, Belarusian and Russian Cyrillic), after both are folded
(``_names.fold``) and compared with rapidfuzz, so that Lukashenko, Lukashenka, Лукашенко,
Лукашэнка and Loukachenko all find the same person, in any word order and with or without a
patronymic.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.text import names as _names
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

def _target_kinds() -> tuple[str, ...]:
    return _schema.table("targets").field("target_kind").enum or ()


def _spelling_index() -> list[tuple[str, str, str]]:
    """(target_id, spelling, folded spelling) of every name and alias, made once per parse."""

    def build() -> list[tuple[str, str, str]]:
        targets, aliases = _io.cached_table("targets"), _io.cached_table("target_aliases")
        pairs = list(zip(targets.target_id, targets.name, strict=True))
        pairs += list(zip(aliases.target_id, aliases.alias, strict=True))
        return sorted({(str(t), str(s), _names.fold(str(s), drop_legal_forms=True)) for t, s in pairs})

    return _io.cached("spelling_index", build)


def _kinds() -> dict[str, str]:
    """target_id -> target kind, made once per parse (the prepared index is keyed by it)."""

    def build() -> dict[str, str]:
        targets = _io.cached_table("targets")
        return {str(t): str(k) for t, k in zip(targets.target_id, targets.target_kind, strict=True)}

    return _io.cached("target_kinds", build)


# A folded patronymic: Petrovich -> petrovic, Ivanovna -> ivanovna, Mikalaeuna -> mikalaevna.
_PATRONYMIC = re.compile(r"..+(?:vic|vna|icna)$")
# Every typed word must be found in the spelling: a shared given name and a surname that is
# only the start of the patronymic make "Alexander Petrov" look like Alexander Petrovich
# Barsukov; such a partial match keeps a score below what counts as a confident match.
WORD_MATCH = 85
PARTIAL = 0.8  # a partial match keeps its rank among partial matches but never reaches 85


class _Prepared:
    """A spelling index laid out for vectorised scoring: its words, and each row's words as columns.

    Entity names carry words that many entities share — legal forms in two dozen languages
    ("Offene Aktiengesellschaft", "atviroji akcinė bendrovė"), "holding", "Belarus" — which
    say nothing about which entity is meant. Words found in the spellings of many entities
    (``COMMON_ENTITY_SHARE`` of them, at least ``COMMON_ENTITY_MIN``) are left out when an entity's
    spelling is compared, unless nothing else is left.
    """

    def __init__(self, rows: list[tuple[str, str, str]], kinds: dict[str, str]) -> None:
        import numpy as np

        self.rows = rows
        self.entity = np.array([kinds.get(t) == "entity" for t, _, _ in rows], dtype=bool)
        users: dict[str, set[str]] = {}
        for (target_id, _, folded), entity in zip(rows, self.entity, strict=True):
            if entity:
                for w in folded.split():
                    users.setdefault(w, set()).add(target_id)
        n_entities = len({t for (t, _, _), e in zip(rows, self.entity, strict=True) if e})
        floor = max(COMMON_ENTITY_MIN, COMMON_ENTITY_SHARE * n_entities)
        self.common = frozenset(w for w, who in users.items() if len(who) >= floor)
        self.folded = [f if not e else _without(f, self.common) for (_, _, f), e in zip(rows, self.entity, strict=True)]
        self.sorted_words = [" ".join(sorted(f.split())) for f in self.folded]
        self.vocab = sorted({w for _, _, f in rows for w in f.split()})
        column = {w: i for i, w in enumerate(self.vocab)}
        words = [[column[w] for w in f.split()] for f in self.folded]
        width = max((len(ws) for ws in words), default=1) or 1
        self.nwords = np.array([len(ws) for ws in words], dtype=np.int64)
        # Each row's word columns, padded with a column of -inf added at the end of the ratios.
        self.columns = np.full((len(rows), width), len(self.vocab), dtype=np.int64)
        for i, ws in enumerate(words):
            self.columns[i, :len(ws)] = ws
        self.patronymic = np.array([bool(_PATRONYMIC.match(w)) for w in self.vocab], dtype=bool)
        self.target_ids = sorted({t for t, _, _ in rows})
        code = {t: i for i, t in enumerate(self.target_ids)}
        self.target_code = np.array([code[t] for t, _, _ in rows], dtype=np.int64)
        self.position = {row: i for i, row in enumerate(rows)}
        self.kind_masks = {k: np.array([kinds.get(t) == k for t, _, _ in rows], dtype=bool)
                           for k in set(kinds.values())}
        # The two halves scored apart (persons with every word, entities without the common ones).
        self.halves = [(mask, [w for w, m in zip(self.sorted_words, mask, strict=True) if m], self.columns[mask],
                        self.nwords[mask]) for mask in (~self.entity, self.entity)]


COMMON_ENTITY_SHARE = 0.01
COMMON_ENTITY_MIN = 3


def _without(folded: str, common: frozenset[str]) -> str:
    kept = [w for w in folded.split() if w not in common]
    return " ".join(kept) if kept else folded


_PREPARED: dict[tuple[int, int], tuple[list[tuple[str, str, str]], dict[str, str], _Prepared]] = {}
_PREPARED_LOCK = threading.Lock()


def _prepared(rows: list[tuple[str, str, str]], kinds: dict[str, str]) -> _Prepared:
    # Keyed by the objects (kept alive beside the result, so their ids cannot be reused): the
    # cached spelling index and the measurement script's index are prepared once each.
    key = (id(rows), id(kinds))
    with _PREPARED_LOCK:
        hit = _PREPARED.get(key)
        if hit is not None and hit[0] is rows and hit[1] is kinds:
            return hit[2]
        prepared = _Prepared(rows, kinds)
        if len(_PREPARED) > 8:
            _PREPARED.clear()
        _PREPARED[key] = (rows, kinds, prepared)
        return prepared


def _scores(q_words: list[str], query: str, folded: list[str], columns: Any, nwords: Any,
            ratios: Any) -> Any:
    """The 0-100 score of ``query`` against each of ``folded`` (words sorted; see ``rank``)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    # token_sort_ratio is ratio on the words sorted: the spellings come sorted already (once, in _Prepared).
    whole = process.cdist([" ".join(sorted(query.split()))], folded, scorer=fuzz.ratio)[0].astype("float64")
    per_word = ratios[:, columns].max(axis=2)  # (query words, spellings)
    score = whole.copy()
    fewer = len(q_words) < nwords
    score[fewer] = np.maximum(score[fewer], per_word.mean(axis=0)[fewer] * 0.95)
    score[per_word.min(axis=0) < WORD_MATCH] *= PARTIAL
    return score


def rank(name: str, index: list[tuple[str, str, str]], kinds: dict[str, str],
         kind: str | None = None, *, without: tuple[str, str, str] | None = None) -> dict[str, tuple[float, str]]:
    """Best (score, spelling) per target for ``name`` over a spelling index; no threshold applied.

    A spelling scores 0-100: the whole names compared in any word order, or, when the query has
    fewer words than the spelling (a surname alone, no patronymic), its words' best matches,
    discounted a little so that a fuller match ranks first. A typed word that matches no word of
    the spelling (a surname typed by the user is not a patronymic that starts alike: Petrov /
    Petrovich) makes it a partial match, scored ``PARTIAL`` times as much. An entity's spelling
    is compared without the words many entities share (see ``_Prepared``), and so is the query
    against it. Every comparison is made once per distinct word, in rapidfuzz's compiled loops,
    and every spelling is scored at once with NumPy. ``without`` leaves one row of the index out
    (a held-out spelling).
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    query = _names.fold(name[:500], drop_legal_forms=True)
    if not query or not index:
        return {}
    prep = _prepared(index, kinds)
    keep = np.ones(len(index), dtype=bool)
    if kind is not None:
        keep &= prep.kind_masks.get(kind, np.zeros(len(index), dtype=bool))
    if without is not None and without in prep.position:
        keep[prep.position[without]] = False
    if not keep.any():
        return {}
    q_words = query.split()
    ratios = process.cdist(q_words, prep.vocab, scorer=fuzz.ratio).astype("float64")
    typed_patronymic = np.array([bool(_PATRONYMIC.match(q)) for q in q_words], dtype=bool)
    ratios[np.ix_(~typed_patronymic, prep.patronymic)] *= 0.7
    ratios = np.concatenate([ratios, np.full((len(q_words), 1), -np.inf)], axis=1)
    score = np.zeros(len(index), dtype="float64")
    kept = [i for i, w in enumerate(q_words) if w not in prep.common] or list(range(len(q_words)))
    for (mask, words, columns, nwords), entity in zip(prep.halves, (False, True), strict=True):
        if not mask.any():
            continue
        if entity:
            e_words = [q_words[i] for i in kept]
            score[mask] = _scores(e_words, " ".join(e_words), words, columns, nwords, ratios[kept])
        else:
            score[mask] = _scores(q_words, query, words, columns, nwords, ratios)
    # Per target, its best-scoring spelling (the first in the index among equals).
    rows = np.flatnonzero(keep)
    order = rows[np.lexsort((rows, -score[rows], prep.target_code[rows]))]
    _, first = np.unique(prep.target_code[order], return_index=True)
    return {index[i][0]: (float(score[i]), index[i][1]) for i in order[first]}


def ordered(best: dict[str, tuple[float, str]]) -> list[str]:
    """Target ids best first; equal scores (every Lukashenka for "Lukashenka") put the most widely
    listed target first (more jurisdictions, then more designations)."""
    weight = prominence()
    return sorted(best, key=lambda t: (-best[t][0], *(-x for x in weight.get(t, (0, 0))), t))


def prominence() -> dict[str, tuple[int, int]]:
    """(jurisdictions, designations) per target: how widely a target is listed, to break ties."""

    def build() -> dict[str, tuple[int, int]]:
        from belarus_measures.store import jurisdictions as _jurisdictions

        d = _io.cached_table("designations")
        m = _io.cached_table("measures")
        by_measure = dict(zip(m.measure_id, _jurisdictions.of_measures(m, _io.cached_table("actors")), strict=True))
        out: dict[str, tuple[int, int]] = {}
        for target_id, group in d.groupby("target_id", observed=True).measure_id:
            out[str(target_id)] = (len({by_measure.get(x) for x in group}), len(group))
        return out

    return _io.cached("prominence", build)


def search_targets(name: str, *, kind: str | None = None, limit: int = 10, min_score: float = 70.0) -> pd.DataFrame:
    """Targets whose spellings match ``name``, best first, with a score from 0 to 100.

    Parameters
    ----------
    name : what a user typed: any transliteration, Cyrillic or Latin, any word order.
    kind : only targets of this kind (individual, entity, aircraft, vessel).
    limit : at most this many targets (1 or more).
    min_score : drop matches scoring below this (0-100).

    Returns
    -------
    DataFrame with columns target_id, name, target_kind, score, matched_alias (the spelling
    that matched best), one row per target.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> bm.search_targets("Лукашэнка Аляксандр").target_id.iloc[0]
    'lukashenka-alyaksandr'
    >>> bm.search_targets("Alexander Lukashenko", kind="individual").target_id.iloc[0]
    'lukashenka-alyaksandr'
    """
    import pandas as pd

    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {shown(name)} ({type(name).__name__})")
    if kind is not None and kind not in _target_kinds():
        raise ValueError(f"unknown kind {shown(kind)}; valid kinds: {', '.join(_target_kinds())}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1, got {shown(limit)}")
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or not 0 <= min_score <= 100:
        raise ValueError(f"min_score must be a number from 0 to 100, got {shown(min_score)}")
    targets = _io.cached_table("targets").set_index("target_id")
    best = rank(name, _spelling_index(), _kinds(), kind)
    rows: list[dict[str, Any]] = [
        {"target_id": t, "name": targets.at[t, "name"], "target_kind": str(targets.at[t, "target_kind"]),
         "score": round(score, 1), "matched_alias": spelling}
        for t, (score, spelling) in best.items() if score >= min_score
    ]
    order = {t: i for i, t in enumerate(ordered(best))}
    rows.sort(key=lambda r: order[r["target_id"]])
    out = pd.DataFrame(rows[:limit], columns=["target_id", "name", "target_kind", "score", "matched_alias"])
    return out.astype({"target_id": "string", "name": "string", "target_kind": "string",
                       "score": "float64", "matched_alias": "string"})


def _word_pools() -> dict[str, list[frozenset[str]]]:
    """Folded words of every actor name and measure title and summary, made once per parse."""

    def build() -> dict[str, list[frozenset[str]]]:
        actors, measures = _io.cached_table("actors"), _io.cached_table("measures")
        return {"actors": [frozenset(_names.fold(str(n)).split()) for n in actors.name],
                "measures": [frozenset(_names.fold(f"{t} {s}").split())
                             for t, s in zip(measures.title, measures.summary, strict=True)]}

    return _io.cached("word_pools", build)


def search_text(text: str, *, limit: int = 10, min_score: float = 80.0) -> dict[str, pd.DataFrame]:
    """Targets, actors and measures matching ``text``, each ranked; tolerant of transliteration.

    A measure matches when every word of ``text`` is found, fuzzily, among the folded words of
    its title and summary; an actor by its name. Returns ``{"targets": …, "actors": …,
    "measures": …}``, each a DataFrame with an id, a name or title, and a score.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> found = bm.search_text("Lukashenko")
    >>> found["targets"].target_id.iloc[0]
    'lukashenka-alyaksandr'
    >>> len(found["measures"]) > 0
    True
    """
    import pandas as pd
    from rapidfuzz import fuzz

    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {shown(text)} ({type(text).__name__})")
    targets = search_targets(text, limit=limit, min_score=min_score)
    words = _names.fold(text[:500]).split()

    def words_score(pool: frozenset[str]) -> float:
        if not words or not pool:
            return 0.0
        return sum(max(fuzz.ratio(w, p) for p in pool) for w in words) / len(words)

    actors, measures = _io.cached_table("actors"), _io.cached_table("measures")
    pools = _word_pools()
    a_rows = [{"actor_id": a, "name": n, "score": round(words_score(pool), 1)}
              for (a, n), pool in zip(zip(actors.actor_id, actors.name, strict=True), pools["actors"], strict=True)]
    m_rows = [{"measure_id": mid, "date": d, "title": t, "score": round(words_score(pool), 1)}
              for (mid, d, t), pool in zip(zip(measures.measure_id, measures.date, measures.title, strict=True),
                                           pools["measures"], strict=True)]

    def top(rows: list[dict[str, Any]], key: str) -> pd.DataFrame:
        kept = sorted((r for r in rows if r["score"] >= min_score), key=lambda r: (-r["score"], str(r[key])))
        return pd.DataFrame(kept[:limit], columns=list(rows[0]) if rows else [key, "score"])

    return {"targets": targets, "actors": top(a_rows, "actor_id"), "measures": top(m_rows, "measure_id")}


def first_listings() -> pd.DataFrame:
    """Per target and jurisdiction, the first listing, and how long after the first jurisdiction it came.

    Only listings recorded in the data count, and they begin with the 2020 crisis: a target
    listed earlier (the US listed Lukashenka in 2006) shows its first listing since then.

    Returns
    -------
    DataFrame with columns target_id, name, jurisdiction, first_listed (date), measure_id
    (that first listing), lag_days (days after the target's earliest listing anywhere; 0
    for the first jurisdiction), sorted by target and date.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> f = bm.first_listings()
    >>> luka = f[f.target_id == "lukashenka-alyaksandr"].set_index("jurisdiction")
    >>> int(luka.loc["GB", "lag_days"]), int(luka.loc["EU", "lag_days"])
    (0, 38)
    """
    import pandas as pd

    d = _io.cached_table("designations")[["measure_id", "target_id"]]
    m = _io.cached_table("measures")[["measure_id", "date", "actor_id", "measure_type"]]
    m = m[m.measure_type.astype("string") != "delisting"]
    a = _io.cached_table("actors")[["actor_id", "jurisdiction"]]
    t = _io.cached_table("targets")[["target_id", "name"]]
    rows = d.merge(m, on="measure_id").merge(a, on="actor_id").merge(t, on="target_id")
    rows = rows.dropna(subset=["jurisdiction"]).sort_values(["target_id", "date", "measure_id"])
    first = rows.drop_duplicates(["target_id", "jurisdiction"]).rename(columns={"date": "first_listed"})
    earliest = first.groupby("target_id").first_listed.transform("min")
    first = first.assign(lag_days=(first.first_listed - earliest).dt.days.astype("Int64"))
    cols = ["target_id", "name", "jurisdiction", "first_listed", "measure_id", "lag_days"]
    return pd.DataFrame(first[cols]).sort_values(["target_id", "first_listed", "jurisdiction"], ignore_index=True)
