"""Every invariant holds for the shipped data, and each one rejects a table broken on purpose."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures import testing
from belarus_measures.checks.mutations import _only_cyrillic_alias
from belarus_measures.checks import invariants as _invariants
from belarus_measures.store import resources as _resources
from belarus_measures.checks import validate as _validate

Frames = dict[str, pd.DataFrame]
RELEASE = _validate.release_date(_resources.descriptor())


def failures(frames: Frames) -> list[str]:
    return _invariants.check_tables(frames, release_date=RELEASE)


def first(frame: pd.DataFrame, **where: object) -> object:
    mask = pd.Series(True, index=frame.index)
    for col, value in where.items():
        mask &= frame[col] == value
    assert mask.any(), where
    return frame.index[mask.to_numpy(dtype=bool)][0]


def test_shipped_package_is_valid() -> None:
    bm.validate()


def test_shipped_tables_pass_every_check(frames: Frames) -> None:
    assert failures(frames) == []


def _dangling_parent(f: Frames) -> None:
    f["actors"].loc[first(f["actors"], actor_id="us-treasury-ofac"), "parent_id"] = "no-such-actor"


def _after_release(f: Frames) -> None:
    f["figures"].loc[0, "date"] = pd.Timestamp(RELEASE) + pd.Timedelta(days=1)


def _before_election(f: Frames) -> None:
    m = f["measures"]
    i = first(m, measure_id="eu-2020-10-02-designations")
    m.loc[i, "date"] = pd.Timestamp("2020-08-01")


def _uncited(f: Frames) -> None:
    c = f["citations"]
    f["citations"] = c.loc[c.measure_id != "eu-2020-10-02-designations"].reset_index(drop=True)


def _count_not_quoted(f: Frames) -> None:
    c = f["designation_counts"]
    c.loc[first(c, measure_id="eu-2020-10-02-designations"), "count"] = 41


def _vote_not_quoted(f: Frames) -> None:
    v = f["votes"]
    v.loc[first(v, measure_id="eu-2020-09-17-ep-resolution"), "abstentions"] = 83


def _summary_number_not_quoted(f: Frames) -> None:
    m = f["measures"]
    m.loc[first(m, measure_id="eu-2020-10-02-designations"), "summary"] = "The Council listed 41 people."


def _voice_vote_with_counts(f: Frames) -> None:
    v = f["votes"]
    i = first(v, measure_id="eu-2020-09-17-ep-resolution")
    v["method"] = v["method"].cat.set_categories(v["method"].cat.categories)
    v.loc[i, "method"] = "voice"


def _more_votes_than_seats(f: Frames) -> None:
    v = f["votes"]
    v.loc[first(v, measure_id="eu-2020-09-17-ep-resolution"), "votes_for"] = 900


def _no_chamber_size(f: Frames) -> None:
    fig = f["figures"]
    f["figures"] = fig.loc[fig.indicator.astype("string") != "chamber_seats"].reset_index(drop=True)


def _responds_to_later_measure(f: Frames) -> None:
    links = f["measure_links"]
    dates = f["measures"].set_index("measure_id").date
    earlier = links.related_measure_id.map(dates) < links.measure_id.map(dates)
    i = links.index[(links.relation.astype("string") == "responds_to") & earlier][0]
    a, b = links.loc[i, "measure_id"], links.loc[i, "related_measure_id"]
    links.loc[i, "measure_id"], links.loc[i, "related_measure_id"] = b, a


def _extends_a_later_measure(f: Frames) -> None:
    links = f["measure_links"]
    i = links.index[links.relation.astype("string") == "extends"][0]
    a, b = links.loc[i, "measure_id"], links.loc[i, "related_measure_id"]
    links.loc[i, "measure_id"], links.loc[i, "related_measure_id"] = b, a


def _countermeasure_without_target(f: Frames) -> None:
    links, m = f["measure_links"], f["measures"]
    counter = set(m.loc[m.measure_type.astype("string") == "countermeasure", "measure_id"])
    keep = ~(links.measure_id.isin(counter) & (links.relation.astype("string") == "responds_to"))
    f["measure_links"] = links.loc[keep].reset_index(drop=True)


def _renewal_without_extends(f: Frames) -> None:
    links, m = f["measure_links"], f["measures"]
    renewals = set(m.loc[m.measure_type.astype("string") == "renewal", "measure_id"])
    keep = ~(links.measure_id.isin(renewals) & (links.relation.astype("string") == "extends"))
    f["measure_links"] = links.loc[keep].reset_index(drop=True)


def _delisting_without_reverses(f: Frames) -> None:
    m = f["measures"]
    m.loc[first(m, measure_id="eu-2020-10-02-designations"), "measure_type"] = "delisting"


def _more_designations_than_counted(f: Frames) -> None:
    d, counts, t = f["designations"], f["designation_counts"], f["targets"]
    kinds = dict(zip(t.target_id, t.target_kind.astype("string"), strict=True))
    d = d.assign(kind=d.target_id.map(kinds))
    linked = d.groupby(["measure_id", "kind"]).size()
    full = next(r for r in counts.itertuples()
                if linked.get((r.measure_id, str(r.target_kind)), 0) == r.count and str(r.target_kind) == "individual")
    spare = t.loc[(t.target_kind.astype("string") == "individual")
                  & ~t.target_id.isin(d.loc[d.measure_id == full.measure_id, "target_id"]), "target_id"].iloc[0]
    extra = f["designations"].iloc[[0]].copy()
    extra["measure_id"], extra["target_id"] = full.measure_id, spare
    f["designations"] = pd.concat([f["designations"], extra], ignore_index=True)


def _designation_without_evidence(f: Frames) -> None:
    d = f["designations"]
    i = d.index[d.source_id.notna()][0]
    d.loc[i, ["source_id", "quote"]] = pd.NA


def _designation_quote_names_someone_else(f: Frames) -> None:
    d = f["designations"]
    i = d.index[d.source_id.notna()][0]
    d.loc[i, "quote"] = "The Council listed several officials today."


def _designation_list_entry_of_wrong_date(f: Frames) -> None:
    d, m = f["designations"], f["measures"]
    i = d.index[d.list_id.notna()][0]
    m.loc[first(m, measure_id=d.loc[i, "measure_id"]), "date"] = pd.Timestamp("2020-08-10")


def _bracketed_designation(f: Frames) -> tuple[int, int]:
    """A designation resting on an entry only two copies of the list bracket: (its row, the entry's row)."""
    d, e = f["designations"], f["list_entries"]
    bracketed = e.index[(e.listed_on.isna() & e.listed_after.notna() & e.listed_by.notna()).to_numpy(dtype=bool)]
    keys = set(zip(e.loc[bracketed, "list_id"].astype(object), e.loc[bracketed, "entry_id"], strict=True))
    i = next(i for i in d.index[d.list_id.notna()] if (d.at[i, "list_id"], d.at[i, "entry_id"]) in keys)
    j = next(j for j in bracketed if (e.at[j, "list_id"], e.at[j, "entry_id"]) == (d.at[i, "list_id"], d.at[i, "entry_id"]))
    return i, j


def _bracket_closing_before_the_round(f: Frames) -> None:
    i, j = _bracketed_designation(f)
    day = f["measures"].loc[first(f["measures"], measure_id=f["designations"].at[i, "measure_id"]), "date"]
    f["list_entries"].loc[j, "listed_by"] = day - pd.Timedelta(days=1)


def _bracket_opening_on_the_round(f: Frames) -> None:
    i, j = _bracketed_designation(f)
    day = f["measures"].loc[first(f["measures"], measure_id=f["designations"].at[i, "measure_id"]), "date"]
    f["list_entries"].loc[j, "listed_after"] = day


def _second_round_inside_the_bracket(f: Frames) -> None:
    i, j = _bracketed_designation(f)
    m = f["measures"]
    twin = m.loc[[first(m, measure_id=f["designations"].at[i, "measure_id"])]].copy()
    twin["measure_id"] = "us-2025-01-15-another-round"
    twin["date"] = f["list_entries"].at[j, "listed_by"] - pd.Timedelta(days=1)
    f["measures"] = pd.concat([m, twin], ignore_index=True)


def _delisting_without_listing(f: Frames) -> None:
    m, d = f["measures"], f["designations"]
    m.loc[first(m, measure_id="us-2024-08-09-ofac-designations"), "measure_type"] = "delisting"
    links = f["measure_links"]
    extra = links.iloc[[0]].copy()
    extra["measure_id"], extra["related_measure_id"], extra["relation"] = (
        "us-2024-08-09-ofac-designations", "us-2020-10-02-ofac-designations", "reverses")
    f["measure_links"] = pd.concat([links, extra], ignore_index=True)
    assert (d.measure_id == "us-2024-08-09-ofac-designations").any()


def _romanised_despite_latin_alias(f: Frames) -> None:
    t = f["targets"]
    t.loc[first(t, target_id="lukashenka-alyaksandr"), "name_romanised"] = True




def _romanised_name_of_no_alias(f: Frames) -> None:
    _only_cyrillic_alias(f, "Olha Chamadanava", romanised=True)


def _cyrillic_only_target_not_marked(f: Frames) -> None:
    _only_cyrillic_alias(f, "Olga Chemodanova", romanised=False)


def _target_name_none_of_its_aliases(f: Frames) -> None:
    t = f["targets"]
    latin = t.index[~t.name_romanised.astype(bool)][0]
    t.loc[latin, "name"] = "Somebody Else Entirely"


def _target_name_joining_two_names(f: Frames) -> None:
    t, a = f["targets"], f["target_aliases"]
    i = first(t, target_id="dana-holdings-limited")
    t.loc[i, "name"] = "DANA HOLDINGS A.K.A DANA ASTRA"
    j = first(a, target_id="dana-holdings-limited", alias="DANA ASTRA")
    a.loc[j, "alias"] = "DANA HOLDINGS A.K.A DANA ASTRA"


# Cases on the shipped data that the generic mutations of the registry do not reproduce: near
# misses (41 where the quote says 40), real rows (a list entry, a delisting, a name joined with
# "a.k.a."), swaps of real links and the day after the release.
SHIPPED_BREAKS: dict[str, tuple[Callable[[Frames], None], str]] = {
    "dangling self-reference (shipped)": (_dangling_parent, "[foreign_keys]"),
    "date after the release (shipped)": (_after_release, "[not_after_release]"),
    "measure before the election (shipped)": (_before_election, "[election_period]"),
    "measure without citation (shipped)": (_uncited, "[cited]"),
    "count in no quote (shipped)": (_count_not_quoted, "[numbers_quoted]"),
    "vote number in no quote (shipped)": (_vote_not_quoted, "[numbers_quoted]"),
    "summary number in no quote (shipped)": (_summary_number_not_quoted, "[numbers_quoted]"),
    "voice vote with counts (shipped)": (_voice_vote_with_counts, "[vote_method]"),
    "more votes than seats (shipped)": (_more_votes_than_seats, "[chamber_size]"),
    "responds to a later measure (shipped)": (_responds_to_later_measure, "[links]"),
    "extends a later measure (shipped)": (_extends_a_later_measure, "[links]"),
    "counter-measure without responds_to (shipped)": (_countermeasure_without_target, "[links]"),
    "renewal without extends (shipped)": (_renewal_without_extends, "[links]"),
    "delisting without reverses (shipped)": (_delisting_without_reverses, "[links]"),
    "more designations than counted (shipped)": (_more_designations_than_counted, "[designations_within_counts]"),
    "designation without evidence (shipped)": (_designation_without_evidence, "[designation_evidence]"),
    "designation quote naming someone else (shipped)": (_designation_quote_names_someone_else, "[designation_evidence]"),
    "list entry dated away from the measure (shipped)": (_designation_list_entry_of_wrong_date, "[designation_evidence]"),
    "bracket closing before its round (shipped)": (_bracket_closing_before_the_round, "[designation_evidence]"),
    "bracket opening on its round's day (shipped)": (_bracket_opening_on_the_round, "[designation_evidence]"),
    "second round of the actor inside the bracket (shipped)": (_second_round_inside_the_bracket, "[designation_evidence]"),
    "delisting without an earlier listing (shipped)": (_delisting_without_listing, "[delisting_follows_listing]"),
    "romanised name beside a Latin alias (shipped)": (_romanised_despite_latin_alias, "[romanised_names]"),
    "romanised name of no alias (shipped)": (_romanised_name_of_no_alias, "[romanised_names]"),
    "Cyrillic-only target not marked romanised (shipped)": (_cyrillic_only_target_not_marked, "[romanised_names]"),
    "target name none of its aliases (shipped)": (_target_name_none_of_its_aliases, "[target_names]"),
    "target name joining two names (shipped)": (_target_name_joining_two_names, "[target_names]"),
}
MUTATIONS = _invariants.mutations()


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_each_mutation_breaks_the_shipped_tables(frames: Frames, case: str) -> None:
    # The unbroken tables pass every check: test_shipped_tables_pass_every_check, on the same fixture.
    breaker, tag = MUTATIONS[case]
    breaker(frames)
    found = failures(frames)
    assert any(f.startswith(tag) for f in found), (case, found)
    assert not any("could not run" in f for f in found), found


SYNTHETIC = [(3, 0), (3, 1), (4, 2), (6, 3), (25, 4)]


@pytest.mark.parametrize("size,seed", SYNTHETIC)
def test_the_datasets_the_mutations_break_are_valid(size: int, seed: int) -> None:
    assert testing.failures(testing.synthetic_tables(size, seed=seed)) == []


@pytest.mark.parametrize("size,seed", SYNTHETIC)
@pytest.mark.parametrize("case", list(MUTATIONS))
def test_each_mutation_breaks_synthetic_tables(case: str, size: int, seed: int) -> None:
    # A copy of the dataset checked valid above (the testing kit caches each build).
    tables = testing._dataset(size, seed)
    breaker, tag = MUTATIONS[case]
    breaker(tables)
    found = testing.failures(tables)
    assert any(f.startswith(tag) for f in found), (case, found)
    assert not any("could not run" in f for f in found), found


@pytest.mark.parametrize("case", list(SHIPPED_BREAKS))
def test_each_invariant_rejects_a_broken_table(frames: Frames, case: str) -> None:
    breaker, tag = SHIPPED_BREAKS[case]
    breaker(frames)
    found = failures(frames)
    assert any(f.startswith(tag) for f in found), (case, found)


def test_a_vote_of_a_body_of_unknown_size_is_still_data(frames: Frames) -> None:
    """Without a chamber_seats figure nothing bounds a vote (issue 15): no failure, the vote stays."""
    _no_chamber_size(frames)
    assert not any(f.startswith("[chamber_size]") for f in failures(frames))
    assert frames["votes"].votes_for.notna().any()


def test_every_registered_check_is_exercised() -> None:
    exercised = {tag.strip("[]") for _, tag in [*MUTATIONS.values(), *SHIPPED_BREAKS.values()]}
    assert exercised == set(_invariants.CHECKS)
    assert all(inv.mutations and inv.meaning for inv in _invariants.REGISTRY.values())


def test_the_testing_kit_breaks_with_the_registry_mutations() -> None:
    assert testing.MUTATIONS == MUTATIONS
    assert {"duplicate key", "dangling foreign key", "date out of order", "number without quote",
            "measure without citation", "spreadsheet formula", "date after the release"} <= set(MUTATIONS)


def test_failures_are_records_rendered_at_the_edge(frames: Frames) -> None:
    MUTATIONS["voice vote with counts"][0](frames)
    MUTATIONS["dangling foreign key"][0](frames)
    records = _invariants.check_records(frames, release_date=RELEASE)
    assert [str(r) for r in records] == failures(frames)
    by_check = {r.invariant: r for r in records}
    assert by_check["vote_method"].table == "votes" and by_check["vote_method"].key
    assert str(by_check["foreign_keys"]).startswith("[foreign_keys] citations line ")


def test_report_records_match_its_failures(package_copy: Path) -> None:
    path = package_copy / "data" / "votes.csv"
    path.write_bytes(path.read_bytes().replace(b"574", b"575", 1))
    found = _validate.report(package_copy)
    assert found.failures == [str(r) for r in found.records] and found.failures
    assert {r.invariant for r in found.records} >= {"file", "numbers_quoted"}


# --- files: what validate() sees before any value is read -----------------------------

def _edit(path: Path, change: Callable[[bytes], bytes]) -> None:
    path.write_bytes(change(path.read_bytes()))


FILE_BREAKS: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "byte-order mark": ("actors", lambda b: b"\xef\xbb\xbf" + b, "byte-order mark"),
    "CRLF line endings": ("actors", lambda b: b.replace(b"\n", b"\r\n"), "carriage returns"),
    "truncated file": ("measures", lambda b: b[: len(b) // 2], "truncated"),
    "Latin-1 re-encoding": ("sources", lambda b: b.decode("utf-8").replace("—", "-").encode("utf-8") + "Łódź,é\n".encode("latin-1", "replace"), "not UTF-8"),
    "rows out of order": ("actors", lambda b: b.split(b"\n", 1)[0] + b"\n" + b"\n".join(reversed(b.split(b"\n", 1)[1].rstrip(b"\n").split(b"\n"))) + b"\n", "not sorted"),
    "header renamed": ("votes", lambda b: b.replace(b"votes_for", b"yes", 1), "header"),
    "tampered value": ("votes", lambda b: b.replace(b"574", b"575", 1), "hash"),
    "unknown enumeration value": ("measures", lambda b: b.replace(b",resolution,", b",resolutoin,", 1), "is not one of"),
    "impossible date": ("measures", lambda b: b.replace(b",2020-09-17,day,", b",2020-09-31,day,", 1), "YYYY-MM-DD"),
    "date without zero padding": ("measures", lambda b: b.replace(b",2020-09-17,day,", b",2020-9-17,day,", 1), "YYYY-MM-DD"),
    "integer in exponent form": ("votes", lambda b: b.replace(b",574,", b",5.74e2,", 1), "is not an integer"),
    "integer with a decimal point": ("votes", lambda b: b.replace(b",574,", b",574.0,", 1), "is not an integer"),
}


@pytest.mark.parametrize("case", list(FILE_BREAKS))
def test_validate_rejects_a_broken_file(package_copy: Path, case: str) -> None:
    name, change, expected = FILE_BREAKS[case]
    _edit(package_copy / "data" / f"{name}.csv", change)
    with pytest.raises(bm.ValidationError) as err:
        bm.validate(package_copy / "datapackage.json")
    assert expected in str(err.value), str(err.value)
    assert all(isinstance(f, str) for f in err.value.failures)


def test_validate_lists_all_failures_in_one_error(package_copy: Path) -> None:
    _edit(package_copy / "data" / "votes.csv", lambda b: b.replace(b"574", b"575", 1))
    _edit(package_copy / "data" / "actors.csv", lambda b: b.replace(b"\n", b"\r\n"))
    with pytest.raises(bm.ValidationError) as err:
        bm.validate(package_copy)
    text = str(err.value)
    assert "votes.csv" in text and "actors.csv" in text and len(err.value.failures) >= 3


def test_validate_names_a_missing_descriptor(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no datapackage.json"):
        bm.validate(tmp_path)


def _link_failures(frames: Frames, own: str, precision: str) -> list[str]:
    links, m = frames["measure_links"], frames["measures"]
    i = links.index[links.relation.astype("string") == "responds_to"][0]
    mine = first(m, measure_id=links.loc[i, "measure_id"])
    m.loc[mine, "date"] = pd.Timestamp(own)
    m.loc[mine, "date_precision"] = precision
    related = str(links.loc[i, "related_measure_id"])
    return [f for f in failures(frames) if f.startswith("[links]") and related in f]


def test_a_month_precise_measure_may_follow_anything_in_its_month(frames: Frames) -> None:
    links, m = frames["measure_links"], frames["measures"]
    i = links.index[links.relation.astype("string") == "responds_to"][0]
    target_day = m.set_index("measure_id").date[links.loc[i, "related_measure_id"]]
    same_month = target_day.replace(day=1)
    assert _link_failures(frames, str(same_month.date()), "month") == []
    month_before = (same_month - pd.Timedelta(days=1)).replace(day=1)
    assert _link_failures(frames, str(month_before.date()), "month") != []


@pytest.mark.parametrize("offset,ok", [(-11, False), (-10, True), (0, True), (7, True), (8, False)])
def test_a_list_date_evidences_a_round_within_its_stated_window(frames: Frames, offset: int, ok: bool) -> None:
    # Canada dates an entry by the day its regulations were made, days before the announcement;
    # lists record a listing a day or so after it: 10 days before to 7 days after, no further.
    d, e, m = frames["designations"], frames["list_entries"], frames["measures"]
    i = d.index[(d.list_id.astype(object) == "ca-sema-consolidated").to_numpy(dtype=bool)][0]
    entry = first(e, list_id="ca-sema-consolidated", entry_id=d.loc[i, "entry_id"])
    day = m.loc[first(m, measure_id=d.loc[i, "measure_id"]), "date"]
    e.loc[entry, "listed_on"] = day + pd.Timedelta(days=offset)
    found = [f for f in failures(frames) if f.startswith("[designation_evidence]")]
    assert (found == []) == ok, found
