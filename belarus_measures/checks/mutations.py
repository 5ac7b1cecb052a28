"""The mutations of the registry: each breaks one invariant of a dataset, in place.

Every mutation works on the shipped tables and on any dataset of ``testing.synthetic_tables``
(of three measures or more): where a dataset lacks the rows a mutation needs (no vote, no
link, no designation), it adds them first, then breaks the invariant. The registry
(``invariants.REGISTRY``) holds them beside their checks; ``testing.MUTATIONS`` and the
broken-table tests read them from there.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from belarus_measures.checks.invariants import breaks

if TYPE_CHECKING:
    import pandas as pd

Frames = dict[str, "pd.DataFrame"]
FAR_FUTURE = "2200-01-01"  # after any release date


def _append(frame: pd.DataFrame, values: dict[str, Any]) -> pd.DataFrame:
    """``frame`` with one more row (missing values elsewhere), keeping every column's dtype."""
    import pandas as pd

    row = pd.DataFrame({c: pd.Series([values.get(str(c))], dtype=frame[c].dtype) for c in frame.columns})
    return row if frame.empty else pd.concat([frame, row], ignore_index=True)


def _at(frame: pd.DataFrame, index: Any, column: str) -> Any:
    """One cell, as whatever it holds."""
    return frame.at[index, column]


def _text(col: pd.Series) -> pd.Series:
    return col.astype("string")


def _a_measure(f: Frames, position: int = 0) -> Any:
    return f["measures"].measure_id.iloc[position]


def _a_vote(f: Frames) -> Any:
    """The index of a vote with counts (added, with a chamber that has a seats figure, if none)."""
    v = f["votes"]
    fig = f["figures"]
    seats = fig.loc[(_text(fig.indicator) == "chamber_seats").fillna(False).to_numpy(dtype=bool)]
    # A vote that a seats figure bounds: a body of unknown size bounds nothing.
    bounded = v.votes_for.notna().to_numpy(dtype=bool) & v.actor_id.isin(set(seats.actor_id)).to_numpy(dtype=bool)
    counted = v.index[bounded]
    if len(counted):
        return counted[0]
    actor = seats.actor_id.iloc[0] if len(seats) else f["actors"].actor_id.iloc[0]
    m = f["measures"]
    f["votes"] = _append(v, {"measure_id": m.measure_id.iloc[0], "actor_id": actor, "date": m.date.iloc[0],
                             "method": "recorded", "votes_for": 1, "votes_against": 0, "abstentions": 0,
                             "result": "passed"})
    return f["votes"].index[-1]


def _a_target(f: Frames) -> Any:
    """The id of a target whose (not romanised) name is one of its Latin aliases (added if none)."""
    t, a = f["targets"], f["target_aliases"]
    latin = set(a.target_id[(_text(a.script) == "Latn").fillna(False).to_numpy(dtype=bool)])
    plain = t.loc[~t.name_romanised.fillna(False).astype(bool).to_numpy() & t.target_id.isin(latin).to_numpy()]
    if len(plain):
        return plain.target_id.iloc[0]
    source = f["sources"].source_id.iloc[0]
    f["targets"] = _append(t, {"target_id": "t-mutant", "name": "Person Mutant", "name_romanised": False,
                               "target_kind": "individual"})
    f["target_aliases"] = _append(a, {"target_id": "t-mutant", "alias": "Person Mutant", "script": "Latn",
                                      "language": "en", "source_id": source})
    return "t-mutant"


def _a_designation(f: Frames, *, quoted: bool = True) -> Any:
    """The index of a designation (evidenced by a quote when ``quoted``), added if there is none."""
    d = f["designations"]
    rows = d.index[d.source_id.notna().to_numpy(dtype=bool)] if quoted else d.index
    if len(rows):
        return rows[0]
    target = _a_target(f)
    name = f["targets"].set_index("target_id").name[target]
    c = f["citations"]
    f["designations"] = _append(d, {"measure_id": c.measure_id.iloc[0], "target_id": target,
                                    "source_id": c.source_id.iloc[0], "quote": f"The body listed {name}."})
    return f["designations"].index[-1]


def _a_link(f: Frames) -> Any:
    links = f["measure_links"]
    if len(links):
        return links.index[0]
    f["measure_links"] = _append(links, {"measure_id": _a_measure(f, 1), "related_measure_id": _a_measure(f, 0),
                                         "relation": "coordinated_with"})
    return f["measure_links"].index[-1]


def _set(frame: pd.DataFrame, index: Any, column: str, value: Any) -> None:
    frame.loc[index, column] = value


# --- schema ------------------------------------------------------------------------------------

@breaks("schema", "duplicate key")
def _duplicate_key(f: Frames) -> None:
    import pandas as pd

    f["measures"] = pd.concat([f["measures"], f["measures"].iloc[[0]]], ignore_index=True)


@breaks("schema", "duplicate composite key")
def _duplicate_composite_key(f: Frames) -> None:
    import pandas as pd

    f["citations"] = pd.concat([f["citations"], f["citations"].iloc[[0]]], ignore_index=True)


@breaks("schema", "id that is not a slug")
def _bad_slug(f: Frames) -> None:
    _set(f["actors"], f["actors"].index[0], "actor_id", "Bad_Id")


@breaks("schema", "required value missing")
def _missing_required(f: Frames) -> None:
    import pandas as pd

    _set(f["measures"], f["measures"].index[0], "title", pd.NA)


@breaks("schema", "quote over 600 characters")
def _quote_too_long(f: Frames) -> None:
    _set(f["citations"], f["citations"].index[0], "quote", "x" * 601)


# --- foreign keys ------------------------------------------------------------------------------

@breaks("foreign_keys", "dangling foreign key")
def _dangling_foreign_key(f: Frames) -> None:
    _set(f["citations"], f["citations"].index[0], "source_id", "no-such-source")


@breaks("foreign_keys", "citation of no measure")
def _dangling_citation(f: Frames) -> None:
    _set(f["citations"], f["citations"].index[0], "measure_id", "no-such-measure")


@breaks("foreign_keys", "dangling self-reference")
def _dangling_parent(f: Frames) -> None:
    _set(f["actors"], f["actors"].index[0], "parent_id", "no-such-actor")


# --- dates -------------------------------------------------------------------------------------

@breaks("date_order", "date out of order")
def _date_out_of_order(f: Frames) -> None:
    import pandas as pd

    m = f["measures"]
    _set(m, m.index[0], "date_effective", m.date.iloc[0] - pd.Timedelta(days=1))


@breaks("date_order", "date_end before date")
def _end_before_date(f: Frames) -> None:
    import pandas as pd

    m = f["measures"]
    _set(m, m.index[0], "date_end", m.date.iloc[0] - pd.Timedelta(days=3))


@breaks("date_order", "month-precise act ended before its month was out")
def _month_precise_act_ends_inside_its_month(f: Frames) -> None:
    import pandas as pd

    m = f["measures"]
    i = m.index[0]
    first = _at(m, i, "date").replace(day=1)
    _set(m, i, "date", first)
    _set(m, i, "date_precision", "month")
    _set(m, i, "date_effective", None)
    _set(m, i, "date_end", first + pd.Timedelta(days=1))


@breaks("date_order", "month precision not on the 1st")
def _month_precision_not_first(f: Frames) -> None:
    m = f["measures"]
    i = m.index[0]
    if _at(m, i, "date").day == 1:
        _set(m, i, "date", _at(m, i, "date").replace(day=2))
    _set(m, i, "date_precision", "month")


def _life(m: pd.DataFrame, i: Any, *, end_after: int | None, reason: str | None, status: str,
          checked_after: int | None = None) -> None:
    """Set one measure's end (``end_after`` days after its date), end reason, status and check day."""
    import pandas as pd

    day = _at(m, i, "date")
    _set(m, i, "date_end", None if end_after is None else day + pd.Timedelta(days=end_after))
    _set(m, i, "end_reason", reason)
    _set(m, i, "status", status)
    _set(m, i, "in_force_checked", None if checked_after is None else day + pd.Timedelta(days=checked_after))


@breaks("lifecycle", "end without a reason")
def _end_without_reason(f: Frames) -> None:
    _life(f["measures"], f["measures"].index[0], end_after=30, reason=None, status="adopted")


@breaks("lifecycle", "expired without an end")
def _expired_without_end(f: Frames) -> None:
    _life(f["measures"], f["measures"].index[0], end_after=None, reason=None, status="expired")


@breaks("lifecycle", "end reason against the status")
def _reason_against_status(f: Frames) -> None:
    _life(f["measures"], f["measures"].index[0], end_after=30, reason="superseded", status="expired")


@breaks("lifecycle", "checked in force after its end")
def _checked_after_end(f: Frames) -> None:
    _life(f["measures"], f["measures"].index[0], end_after=1, reason="expired", status="expired", checked_after=1)


@breaks("superseded_ends", "superseded measure still in force")
def _superseded_without_end(f: Frames) -> None:
    m = f["measures"]
    old, new = m.measure_id.iloc[0], m.measure_id.iloc[-1]
    f["measure_links"] = _append(f["measure_links"], {"measure_id": new, "related_measure_id": old,
                                                      "relation": "supersedes"})
    _life(m, m.index[0], end_after=None, reason=None, status="adopted")


@breaks("superseded_ends", "superseded without a successor")
def _superseded_without_successor(f: Frames) -> None:
    m = f["measures"]
    links = f["measure_links"]
    later = set(links.loc[_text(links.relation).isin(("supersedes", "extends")).fillna(False).to_numpy(dtype=bool),
                          "related_measure_id"])
    i = next(i for i in m.index if _at(m, i, "measure_id") not in later)
    _life(m, i, end_after=1, reason="superseded", status="revoked")


@breaks("designation_events", "designation event dated wrong")
def _event_dated_wrong(f: Frames) -> None:
    import pandas as pd

    _a_designation(f)
    e = f["designation_events"]
    if e.empty:  # a dataset whose listings are all by international bodies: add one by hand
        d = f["designations"]
        f["designation_events"] = _append(e, {"target_id": d.target_id.iloc[0], "measure_id": d.measure_id.iloc[0],
                                              "event": "listed", "jurisdiction": "ZZ", "date": pd.Timestamp("2021-01-01")})
        return
    _set(e, e.index[0], "date", _at(e, e.index[0], "date") + pd.Timedelta(days=1))


@breaks("designation_events", "designation event missing")
def _event_missing(f: Frames) -> None:
    e = f["designation_events"]
    if e.empty:  # nothing to drop: an event that follows from nothing fails the same check
        _event_dated_wrong(f)
        return
    f["designation_events"] = e.iloc[1:].reset_index(drop=True)


@breaks("not_after_release", "date after the release")
def _after_release(f: Frames) -> None:
    import pandas as pd

    _set(f["measures"], f["measures"].index[0], "date", pd.Timestamp(FAR_FUTURE))


@breaks("election_period", "measure before the election")
def _before_election(f: Frames) -> None:
    import pandas as pd

    m = f["measures"]
    i = m.index[~m.background.fillna(False).astype(bool).to_numpy()][0]
    _set(m, i, "date", pd.Timestamp("2020-08-01"))


# --- citations and sources ---------------------------------------------------------------------

@breaks("cited", "measure without citation")
def _uncited_measure(f: Frames) -> None:
    first = _a_measure(f)
    f["citations"] = f["citations"][f["citations"].measure_id != first].reset_index(drop=True)


@breaks("sources_used", "source quoted nowhere")
def _orphan_source(f: Frames) -> None:
    import pandas as pd

    src = f["sources"]
    extra = src.iloc[[0]].copy()
    extra["source_id"] = "zz-orphan-source"
    f["sources"] = pd.concat([src, extra], ignore_index=True)


# --- numbers -----------------------------------------------------------------------------------

UNQUOTED = 987653  # in no quote of the shipped or synthetic data


@breaks("numbers_quoted", "count in no quote")
def _count_not_quoted(f: Frames) -> None:
    c = f["designation_counts"]
    if len(c):
        _set(c, c.index[0], "count", UNQUOTED)
    else:
        f["designation_counts"] = _append(c, {"measure_id": _a_measure(f), "target_kind": "individual",
                                              "count": UNQUOTED})


@breaks("numbers_quoted", "vote number in no quote")
def _vote_not_quoted(f: Frames) -> None:
    i = _a_vote(f)
    _set(f["votes"], i, "abstentions", UNQUOTED)


@breaks("numbers_quoted", "figure not in its quote")
def _figure_not_quoted(f: Frames) -> None:
    _set(f["figures"], f["figures"].index[0], "value", float(UNQUOTED))


@breaks("numbers_quoted", "number without quote")
def _number_without_quote(f: Frames) -> None:
    m = f["measures"]
    _set(m, m.index[0], "summary", f"The Council listed {UNQUOTED} people.")


@breaks("numbers_quoted", "title number in no quote")
def _title_number_not_quoted(f: Frames) -> None:
    m = f["measures"]
    _set(m, m.index[0], "title", f"A title with {UNQUOTED:,} in it")


# --- votes -------------------------------------------------------------------------------------

@breaks("vote_method", "voice vote with counts")
def _voice_vote_with_counts(f: Frames) -> None:
    i = _a_vote(f)
    _set(f["votes"], i, "method", "voice")


@breaks("vote_method", "recorded vote without votes_for")
def _recorded_vote_without_counts(f: Frames) -> None:
    import pandas as pd

    i = _a_vote(f)
    _set(f["votes"], i, "method", "recorded")
    _set(f["votes"], i, "votes_for", pd.NA)


@breaks("chamber_size", "more votes than seats")
def _more_votes_than_seats(f: Frames) -> None:
    i = _a_vote(f)
    _set(f["votes"], i, "votes_for", 900_000)


# --- links -------------------------------------------------------------------------------------

@breaks("links", "measure linked to itself")
def _self_link(f: Frames) -> None:
    links = f["measure_links"]
    i = _a_link(f)
    links = f["measure_links"]
    _set(links, i, "related_measure_id", _at(links, i, "measure_id"))


def _backward_to_later(f: Frames, relation: str) -> None:
    """A measure that ``relation`` an other one dated a year after it."""
    import pandas as pd

    m = f["measures"]
    day = m.index[(_text(m.date_precision) == "day").fillna(False).to_numpy(dtype=bool)]
    early = day[0] if len(day) else m.index[0]
    late = m.index[1] if m.index[0] == early else m.index[0]
    _set(m, late, "date", _at(m, early, "date") + pd.Timedelta(days=400))
    f["measure_links"] = _append(f["measure_links"], {"measure_id": _at(m, early, "measure_id"),
                                                      "related_measure_id": _at(m, late, "measure_id"),
                                                      "relation": relation})


@breaks("links", "responds to a later measure")
def _responds_to_later_measure(f: Frames) -> None:
    _backward_to_later(f, "responds_to")


@breaks("links", "extends a later measure")
def _extends_a_later_measure(f: Frames) -> None:
    _backward_to_later(f, "extends")


def _typed_without_link(f: Frames, measure_type: str, relation: str) -> None:
    m, links = f["measures"], f["measure_links"]
    i = m.index[0]
    _set(m, i, "measure_type", measure_type)
    keep = ~((links.measure_id == _at(m, i, "measure_id")) & (_text(links.relation) == relation)).fillna(False)
    f["measure_links"] = links.loc[keep.to_numpy(dtype=bool)].reset_index(drop=True)


@breaks("links", "counter-measure without responds_to")
def _countermeasure_without_target(f: Frames) -> None:
    _typed_without_link(f, "countermeasure", "responds_to")


@breaks("links", "renewal without extends")
def _renewal_without_extends(f: Frames) -> None:
    _typed_without_link(f, "renewal", "extends")


@breaks("links", "delisting without reverses")
def _delisting_without_reverses(f: Frames) -> None:
    _typed_without_link(f, "delisting", "reverses")


@breaks("links", "counter-measure by purpose without responds_to")
def _countermeasure_purpose_without_target(f: Frames) -> None:
    _typed_without_link(f, "legislation", "responds_to")
    _set(f["measures"], f["measures"].index[0], "purpose", "countermeasure")


@breaks("purpose_form", "purpose on a measure that is not a form")
def _purpose_without_form(f: Frames) -> None:
    m = f["measures"]
    i = m.index[0]
    _set(m, i, "measure_type", "statement")
    _set(m, i, "purpose", "non_recognition")


@breaks("purpose_form", "a resolution typed by what it does")
def _resolution_typed_by_purpose(f: Frames) -> None:
    m = f["measures"]
    i = m.index[0]
    _set(m, i, "measure_type", "non_recognition")
    _set(m, i, "purpose", None)
    _set(m, i, "legal_reference", "PACE Resolution 2587 (2025)")


# --- designations ------------------------------------------------------------------------------

@breaks("designations_within_counts", "more designations than counted")
def _more_designations_than_counted(f: Frames) -> None:
    i = _a_designation(f)
    d, t = f["designations"], f["targets"]
    measure_id, target_id = _at(d, i, "measure_id"), _at(d, i, "target_id")
    kind = str(t.loc[t.target_id == target_id, "target_kind"].iloc[0])
    c = f["designation_counts"]
    row = c.index[((c.measure_id == measure_id) & (_text(c.target_kind) == kind)).fillna(False).to_numpy(dtype=bool)]
    if len(row):
        _set(c, row[0], "count", 0)
    else:
        f["designation_counts"] = _append(c, {"measure_id": measure_id, "target_kind": kind, "count": 0})


@breaks("designation_evidence", "designation without evidence")
def _designation_without_evidence(f: Frames) -> None:
    import pandas as pd

    i = _a_designation(f)
    f["designations"].loc[i, ["list_id", "entry_id", "source_id", "quote"]] = pd.NA


@breaks("designation_evidence", "designation quote naming someone else")
def _designation_quote_names_someone_else(f: Frames) -> None:
    i = _a_designation(f)
    _set(f["designations"], i, "quote", "The Council listed several officials today.")


@breaks("designation_evidence", "list entry dated away from the measure")
def _designation_list_entry_of_wrong_date(f: Frames) -> None:
    import pandas as pd

    d = f["designations"]
    listed = d.index[d.list_id.notna().to_numpy(dtype=bool)]
    if len(listed):
        i = listed[0]
    else:
        i = _a_designation(f)
        d = f["designations"]
        e = f["list_entries"]
        f["list_entries"] = _append(e, {"list_id": "us-ofac-sdn", "entry_id": "mutant-1", "target_id": _at(d, i, "target_id"),
                                        "name": "MUTANT, Person", "programme": "EXAMPLE",
                                        "source_id": f["sources"].source_id.iloc[0], "extract_file": "extract.csv",
                                        "extract_row": 2})
        d.loc[i, ["source_id", "quote"]] = pd.NA
        d.loc[i, ["list_id", "entry_id"]] = ["us-ofac-sdn", "mutant-1"]
    e = f["list_entries"]
    entry = e.index[((e.list_id.astype(object) == _at(d, i, "list_id")) & (e.entry_id == _at(d, i, "entry_id")))
                    .fillna(False).to_numpy(dtype=bool)][0]
    m = f["measures"]
    day = m.loc[m.measure_id == _at(d, i, "measure_id"), "date"].iloc[0]
    _set(e, entry, "listed_on", day + pd.Timedelta(days=30))
    _set(e, entry, "designated_on", pd.NaT)


@breaks("delisting_follows_listing", "delisting without an earlier listing")
def _delisting_without_listing(f: Frames) -> None:
    d = f["designations"]
    once = d.target_id.map(d.target_id.value_counts()) == 1
    rows = d.index[once.to_numpy(dtype=bool)]
    i = rows[0] if len(rows) else _a_designation(f)
    d = f["designations"]
    m = f["measures"]
    _set(m, m.index[(m.measure_id == _at(d, i, "measure_id")).to_numpy(dtype=bool)][0], "measure_type", "delisting")


# --- aliases and names -------------------------------------------------------------------------

def _an_alias(f: Frames, script: str) -> Any:
    _a_target(f)
    a = f["target_aliases"]
    return a.index[(_text(a.script) == script).fillna(False).to_numpy(dtype=bool)][0]


@breaks("aliases", "alias in the wrong script")
def _alias_in_wrong_script(f: Frames) -> None:
    i = _an_alias(f, "Latn")
    _set(f["target_aliases"], i, "script", "Cyrl")


@breaks("aliases", "alias without provenance")
def _alias_without_provenance(f: Frames) -> None:
    import pandas as pd

    i = _an_alias(f, "Latn")
    f["target_aliases"].loc[i, ["list_id", "entry_id", "source_id"]] = pd.NA


@breaks("romanised_names", "romanised name beside a Latin alias")
def _romanised_despite_latin_alias(f: Frames) -> None:
    target = _a_target(f)
    t = f["targets"]
    _set(t, t.index[(t.target_id == target).to_numpy(dtype=bool)][0], "name_romanised", True)


def _only_cyrillic_alias(f: Frames, name: str, romanised: bool) -> None:
    import pandas as pd

    target = _a_target(f)
    t, a = f["targets"], f["target_aliases"]
    keep = a[a.target_id != target]
    own = a[a.target_id == target].iloc[[0]].copy()
    own["alias"], own["script"], own["language"] = "Ольга Чемоданова", "Cyrl", "ru"
    own["list_id"], own["entry_id"] = pd.NA, pd.NA
    own["source_id"] = f["sources"].source_id.iloc[0]
    f["target_aliases"] = pd.concat([keep, own], ignore_index=True)
    i = t.index[(t.target_id == target).to_numpy(dtype=bool)][0]
    t.loc[i, "name"], t.loc[i, "name_romanised"] = name, romanised


@breaks("romanised_names", "romanised name of no alias")
def _romanised_name_of_no_alias(f: Frames) -> None:
    _only_cyrillic_alias(f, "Olha Chamadanava", romanised=True)


@breaks("romanised_names", "Cyrillic-only target not marked romanised")
def _cyrillic_only_target_not_marked(f: Frames) -> None:
    _only_cyrillic_alias(f, "Olga Chemodanova", romanised=False)


@breaks("target_names", "target name none of its aliases")
def _target_name_none_of_its_aliases(f: Frames) -> None:
    target = _a_target(f)
    t = f["targets"]
    _set(t, t.index[(t.target_id == target).to_numpy(dtype=bool)][0], "name", "Somebody Else Entirely")


@breaks("target_names", "target name joining two names")
def _target_name_joining_two_names(f: Frames) -> None:
    target = _a_target(f)
    t, a = f["targets"], f["target_aliases"]
    joined = "DANA HOLDINGS A.K.A DANA ASTRA"
    _set(t, t.index[(t.target_id == target).to_numpy(dtype=bool)][0], "name", joined)
    _set(a, a.index[(a.target_id == target).to_numpy(dtype=bool)][0], "alias", joined)


# --- text --------------------------------------------------------------------------------------

@breaks("text_hygiene", "spreadsheet formula")
def _formula(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "summary", "=1+1")


@breaks("text_hygiene", "formula injection")
def _hyperlink_formula(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "summary", "=HYPERLINK(\"http://example.org\")")


@breaks("text_hygiene", "fullwidth formula")
def _fullwidth_formula(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "summary", "\uff1dHYPERLINK(\"http://example.org\")")


@breaks("text_hygiene", "text not NFC")
def _not_nfc(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "summary", unicodedata.normalize("NFD", "Lukašenka café"))


@breaks("text_hygiene", "text not trimmed")
def _untrimmed(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "title", " padded title")


@breaks("text_hygiene", "NUL byte in a quote")
def _nul_in_text(f: Frames) -> None:
    _set(f["citations"], f["citations"].index[0], "quote", "a quote\x00 with a NUL byte")


@breaks("text_hygiene", "escape character in a title")
def _escape_in_text(f: Frames) -> None:
    _set(f["measures"], f["measures"].index[0], "title", "a title \x1b[31m in red")
