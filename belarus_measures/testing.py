"""A testing kit for users of the data: valid synthetic datasets, Hypothesis strategies, assert_valid.

``synthetic_tables(n, seed=…)`` builds a complete dataset of ``n`` measures (with actors,
sources, citations, counts, votes, links, events, figures, targets, aliases, designations and
list entries) in which every invariant of ``validate()`` holds; ``write_package`` writes it as
a data package with a correct descriptor. The Hypothesis strategies (``datasets()``,
``rows(table)``) draw from it, and ``MUTATIONS`` (the mutations of the checks' registry) break
one invariant each, so a downstream test can show its own checks reject bad data.

Needs Hypothesis for the strategies (``pip install 'belarus-measures[testing]'``).

Examples
--------
A downstream property test::

    from hypothesis import given
    from belarus_measures import testing

    @given(testing.datasets(max_measures=30))
    def test_my_report_counts_every_measure(tables):
        report = my_report(tables["measures"])          # your code
        assert report.total == len(tables["measures"])

>>> from belarus_measures import testing
>>> tables = testing.synthetic_tables(25, seed=1)
>>> testing.assert_valid(tables)
>>> len(tables["measures"])
25
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import random
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belarus_measures.store import files as _files
from belarus_measures.checks import invariants as _invariants
from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema

if TYPE_CHECKING:
    import pandas as pd
    from hypothesis.strategies import SearchStrategy

FIRST_DAY = dt.date(2020, 8, 10)
RELEASE = dt.date(2026, 12, 1)
_CODES = ("AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH")
_NAMES = ("Alder", "Birch", "Cedar", "Elm", "Hazel", "Larch", "Maple", "Rowan", "Willow", "Yew", "Aspen", "Linden")
_NEEDS_LINK = dict(_invariants.REQUIRED_LINK)


def _word(i: int) -> str:
    """A name made of letters only (numbers in titles would need quoting): 0 -> 'Alder', 13 -> 'Birch Birch'."""
    parts = []
    while True:
        parts.append(_NAMES[i % len(_NAMES)])
        i //= len(_NAMES)
        if i == 0:
            return " ".join(parts)


def synthetic_rows(n_measures: int, *, seed: int = 0) -> dict[str, list[dict[str, str]]]:
    """The rows (as CSV text cells) of a valid dataset of ``n_measures`` measures."""
    if isinstance(n_measures, bool) or not isinstance(n_measures, int) or n_measures < 1:
        raise ValueError(f"n_measures must be a whole number of at least 1, got {n_measures!r}")
    rng = random.Random(seed)
    types = list(_schema.table("measures").field("measure_type").enum or ())
    with_counts = _schema.group("measures", "measure_type", "listing")
    statuses = list(_schema.table("measures").field("status").enum or ())
    reasons = _schema.table("measures").field("end_reason")
    ends = {status: reasons.group(status) for status in statuses if any(g == status for g, _ in reasons.enum_groups)}
    source_types = list(_schema.table("sources").field("source_type").enum or ())
    t: dict[str, list[dict[str, str]]] = {name: [] for name in _schema.list_resources()}

    def source(sid: str, day: dt.date) -> str:
        t["sources"].append({"source_id": sid, "title": f"Report {_word(len(t['sources']))}", "publisher": "Example Press",
                             "url": f"https://example.org/{sid}", "published": day.isoformat(),
                             "source_type": rng.choice(source_types), "language": "en"})
        return sid

    n_states = min(len(_CODES), max(1, n_measures // 25 + 1))
    bodies = []
    for s in range(n_states):
        code = _CODES[s]
        state, chamber = f"st-{code.lower()}", f"ch-{code.lower()}"
        t["actors"].append({"actor_id": state, "name": f"State {_word(s)}", "actor_type": "state",
                            "jurisdiction": code, "parent_id": ""})
        t["actors"].append({"actor_id": chamber, "name": f"Chamber {_word(s)}", "actor_type": "legislature",
                            "jurisdiction": code, "parent_id": state})
        sid = source(f"seats-{code.lower()}", dt.date(2019, 1, 1))
        t["figures"].append({"figure_id": f"seats-{code.lower()}", "date": "2019-01-01", "indicator": "chamber_seats",
                             "value": "500", "qualifier": "exact", "subject": "Seats of the chamber",
                             "actor_id": chamber, "source_id": sid, "quote": "The chamber has 500 seats."})
        bodies += [state, chamber]
    t["actors"].append({"actor_id": "org", "name": "Organisation of Examples", "actor_type": "international_organization",
                        "jurisdiction": "", "parent_id": ""})
    bodies.append("org")
    ev = source("event-source", FIRST_DAY)
    t["events"].append({"event_id": "ev-election", "date": FIRST_DAY.isoformat(), "end_date": "", "event_type": "election",
                        "title": "An election", "summary": "The election the measures answer.", "source_id": ev,
                        "quote": "An election was held."})

    span = (RELEASE - FIRST_DAY).days - 1
    days = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(span)) for _ in range(n_measures))
    listings: list[tuple[str, dt.date]] = []
    target_no = 0
    for i, day in enumerate(days):
        mid = f"m-{i:07d}"
        mtype = rng.choice(types)
        # The days are sorted, so every earlier index is on or before this one's day.
        earlier = range(i)
        if mtype in _NEEDS_LINK and not earlier:
            mtype = "statement"
        actor = rng.choice(bodies)
        sid = source(f"src-{i:07d}", day)
        quote = f"On {day.isoformat()} the body acted."
        if mtype in with_counts:
            n = rng.randint(1, 3)
            t["designation_counts"].append({"measure_id": mid, "target_kind": "individual", "count": str(n)})
            quote += f" It listed {n} people."
            for _ in range(n):
                tid, name = f"t-{target_no:07d}", f"Person {_word(target_no)}"
                target_no += 1
                t["targets"].append({"target_id": tid, "name": name, "name_romanised": "false",
                                     "target_kind": "individual", "country": "BB", "description": "", "birth_date": ""})
                t["target_aliases"].append({"target_id": tid, "alias": name, "script": "Latn", "language": "en",
                                            "list_id": "", "entry_id": "", "source_id": sid})
                t["designations"].append({"measure_id": mid, "target_id": tid, "list_id": "", "entry_id": "",
                                          "source_id": sid, "quote": f"The body listed {name}."})
            listings.append((mid, day))
        if actor.startswith("ch-") and mtype == "resolution":
            yes, no, abstain = rng.randint(0, 300), rng.randint(0, 100), rng.randint(0, 100)
            t["votes"].append({"measure_id": mid, "actor_id": actor, "date": day.isoformat(), "method": "recorded",
                               "votes_for": str(yes), "votes_against": str(no), "abstentions": str(abstain),
                               "result": "passed"})
            quote += f" The vote was {yes} for, {no} against and {abstain} abstentions."
        t["citations"].append({"measure_id": mid, "source_id": sid, "quote": quote})
        if mtype in _NEEDS_LINK:
            t["measure_links"].append({"measure_id": mid, "related_measure_id": f"m-{rng.choice(earlier):07d}",
                                       "relation": _NEEDS_LINK[mtype]})
        elif earlier and rng.random() < 0.2:
            t["measure_links"].append({"measure_id": mid, "related_measure_id": f"m-{rng.choice(earlier):07d}",
                                       "relation": "coordinated_with"})
        effective = day + dt.timedelta(days=rng.randint(0, 5)) if rng.random() < 0.3 else None
        effective = effective if effective and effective <= RELEASE else None
        status, end, reason, checked = rng.choice(statuses), None, "", None
        if status in ends and day < RELEASE:
            # An end reason of the status's group ("superseded" needs a successor link: not drawn).
            end = min(RELEASE, (effective or day) + dt.timedelta(days=rng.randint(1, 400)))
            reason = rng.choice([r for r in ends[status] if r != "superseded"])
        elif status in ends:
            status = "adopted"
        elif rng.random() < 0.3:
            checked = min(RELEASE, day + dt.timedelta(days=rng.randint(0, 400)))
        t["measures"].append({
            "measure_id": mid, "date": day.isoformat(), "date_precision": "day",
            "date_effective": effective.isoformat() if effective else "",
            "date_end": end.isoformat() if end else "", "end_reason": reason,
            "in_force_checked": checked.isoformat() if checked else "", "actor_id": actor, "measure_type": mtype, "title": f"Synthetic measure {_word(i)}",
            "summary": "A measure made for tests.", "legal_reference": "", "binding": rng.choice(["true", "false"]),
            "status": status, "trigger_event_id": "ev-election" if rng.random() < 0.1 else "",
            "background": "false",
        })
    if listings:
        mid, day = listings[0]
        tid = next(d["target_id"] for d in t["designations"] if d["measure_id"] == mid)
        lsid = source("list-extract", day)
        t["list_entries"].append({"list_id": "us-ofac-sdn", "entry_id": "1", "target_id": tid, "name": "PERSON, Alder",
                                  "programme": "EXAMPLE", "reference": "", "listed_on": day.isoformat(),
                                  "designated_on": "", "birth_dates": "", "source_id": lsid,
                                  "extract_file": "extract.csv", "extract_row": "2"})
    t["designation_events"] = _derived_events(t)
    return t


def _derived_events(t: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    """The designation_events rows that the build would derive from these measures, designations and actors."""
    from belarus_measures import listings as _listings

    tables = _schema.shipped_tables()
    frames = {name: _typed(tables[name], t[name]) for name in ("measures", "designations", "actors")}
    restrictive = tables["measures"].field("measure_type").group("restrictive")
    return _listings.event_rows(frames, restrictive, tables["designation_events"].columns)


def _typed(table: _schema.Table, rows: list[dict[str, str]]) -> pd.DataFrame:
    """Rows of CSV cells as the typed frame the accessors give (as if written and read back)."""
    import pandas as pd

    body = sorted(([r.get(c, "") or None for c in table.columns] for r in rows),
                  key=_files.sort_key(table, list(table.columns)))
    frame, problems = _io.parse_text(table, pd.DataFrame(body, columns=list(table.columns), dtype="string"))
    if problems:  # pragma: no cover - the generator's own bug
        raise AssertionError(problems)
    return frame


def _csv(table: _schema.Table, rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    body = [[r.get(c, "") for c in table.columns] for r in rows]
    body.sort(key=_files.sort_key(table, list(table.columns)))
    writer.writerows(body)
    return out.getvalue().encode("utf-8")


def synthetic_tables(n_measures: int = 20, *, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A valid dataset of ``n_measures`` measures as typed DataFrames (the accessors' dtypes)."""
    import pandas as pd

    rows = synthetic_rows(n_measures, seed=seed)
    # The cells as they would read back from the CSV file, without writing and parsing one.
    return {name: _typed(table, rows[name]) for name, table in _schema.shipped_tables().items()}


def write_package(folder: str | Path, n_measures: int = 20, *, seed: int = 0) -> Path:
    """Write a valid synthetic data package (descriptor with hashes and row counts) into ``folder``."""
    base = Path(folder)
    (base / "data").mkdir(parents=True, exist_ok=True)
    descriptor = copy.deepcopy(_resources.descriptor())
    tables = _schema.parse_descriptor(descriptor)
    rows = synthetic_rows(n_measures, seed=seed)
    for resource in descriptor["resources"]:
        content = _csv(tables[resource["name"]], rows[resource["name"]])
        (base / tables[resource["name"]].path).write_bytes(content)
        resource.update(_files.stats(content))
    descriptor["created"] = f"{RELEASE.isoformat()}T00:00:00Z"
    path = base / _resources.DESCRIPTOR
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def failures(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Every invariant failure of parsed tables (empty when they are valid).

    A dataset is every table of the shipped package and no other: a missing table would
    otherwise pass every check that reads it.
    """
    if not isinstance(tables, Mapping):
        raise TypeError(f"tables must be a dict of DataFrames by table name, got {type(tables).__name__}")
    expected = _schema.list_resources()
    found = [f"[tables] the dataset has no table {name!r}" for name in expected if name not in tables]
    found += [f"[tables] {name!r} is not a table of the data package (tables: {', '.join(expected)})"
              for name in tables if name not in expected]
    return found + _invariants.check_tables(tables, release_date=RELEASE)


def assert_valid(tables: Mapping[str, pd.DataFrame]) -> None:
    """Raise AssertionError listing every invariant failure of ``tables``.

    >>> assert_valid(synthetic_tables(5))
    """
    found = failures(tables)
    if found:
        raise AssertionError(f"{len(found)} invariant failure(s):\n" + "\n".join(f"  - {f}" for f in found))


# --- targeted mutations: each breaks one invariant, named by the check that must catch it ------

# The registry's: every check registers the mutations that break it (checks/mutations.py), each
# working on any dataset of synthetic_tables (three measures or more) and on the shipped tables.
MUTATIONS: dict[str, tuple[Callable[[dict[str, pd.DataFrame]], None], str]] = _invariants.mutations()


# --- Hypothesis strategies ----------------------------------------------------------------

def datasets(*, min_measures: int = 1, max_measures: int = 40) -> SearchStrategy[dict[str, pd.DataFrame]]:
    """A Hypothesis strategy of valid datasets (dicts of typed DataFrames, one per table)."""
    from hypothesis import strategies as st

    return st.builds(_dataset, st.integers(min_value=min_measures, max_value=max_measures),
                     st.integers(min_value=0, max_value=2**32 - 1))


@lru_cache(maxsize=64)
def _cached_dataset(n_measures: int, seed: int) -> dict[str, pd.DataFrame]:
    return synthetic_tables(n_measures, seed=seed)


def _dataset(n_measures: int, seed: int) -> dict[str, pd.DataFrame]:
    # Hypothesis replays and shrinks towards the same draws: those are copies of a cached build,
    # so a property test spends its time in the test, not in making data.
    return {name: frame.copy() for name, frame in _cached_dataset(n_measures, seed).items()}


def rows(table: str) -> SearchStrategy[dict[str, Any]]:
    """A Hypothesis strategy of single valid rows of ``table`` (as plain dicts), drawn from valid datasets."""
    from hypothesis import strategies as st

    _schema.table(table)  # a ValueError names the valid tables

    def pick(frames: dict[str, pd.DataFrame], index: int) -> st.SearchStrategy[dict[str, Any]]:
        records = _io.records(frames[table])
        return st.just(records[index % len(records)]) if records else st.nothing()

    return st.tuples(datasets(min_measures=5, max_measures=20), st.integers(min_value=0)).flatmap(lambda p: pick(*p))


def mutations() -> SearchStrategy[str]:
    """A Hypothesis strategy of mutation names (keys of MUTATIONS)."""
    from hypothesis import strategies as st

    return st.sampled_from(sorted(MUTATIONS))
