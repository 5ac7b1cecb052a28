"""The change feed shipped in the package: complete, current, composable, and strict with input."""

from __future__ import annotations

import gzip
import json
import sys
from typing import Any

import pytest

import belarus_measures as bm
from belarus_measures import change_feed as _changes
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import changes_feed  # noqa: E402  (release tooling, not in the wheel)

Tables = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def _current() -> Tables:
    keys, tables, _ = changes_feed.read_package(ROOT / "datapackage")
    return {name: {tuple(r[c] for c in keys[name]): r for r in rows} for name, rows in tables.items()}


def _same(a: Tables, b: Tables) -> list[str]:
    """Tables that differ (a missing cell equals an empty one: a column added later is empty before)."""
    wrong = []
    for name in sorted({*a, *b}):
        x, y = a.get(name, {}), b.get(name, {})
        if set(x) != set(y):
            wrong.append(f"{name}: keys {len(set(x) - set(y))} only left, {len(set(y) - set(x))} only right")
            continue
        for key in x:
            cols = {*x[key], *y[key]}
            if any(x[key].get(c) != y[key].get(c) for c in cols):
                wrong.append(f"{name} {key}")
                break
    return wrong


def test_the_feeds_rebuild_the_current_tables_from_nothing() -> None:
    assert bm.releases()[0] == "0.1.0" and bm.releases()[-1] == bm.__version__
    rebuilt = _changes.rows_since(_changes.feed(v) for v in bm.releases())
    assert _same(rebuilt, _current()) == []


def test_the_feed_of_this_release_is_current() -> None:
    fresh = changes_feed.current_feed()
    assert fresh["version"] == bm.__version__
    assert _changes.feed(bm.__version__) == json.loads(json.dumps(fresh)), "run python scripts/changes_feed.py"


@pytest.mark.parametrize("since", ["0.0.0", *bm.releases()[:-1]])
def test_net_changes_since_any_release_lead_from_it_to_now(since: str) -> None:
    # The state at `since` (rebuilt from the feeds up to it) plus the net changes since = now.
    known = bm.releases()
    upto = [v for v in known if _changes.version_key(v) <= _changes.version_key(since)]
    state = _changes.rows_since(_changes.feed(v) for v in upto)
    for table, net in _changes.net_changes(since).items():
        rows = state.setdefault(table, {})
        for key, n in net.items():
            if n.change == "added":
                assert key not in rows
                rows[key] = dict(n.row or {})
            elif n.change == "removed":
                assert rows.pop(key) is not None
            else:
                assert n.fields is not None
                for col, (old, new) in n.fields.items():
                    assert rows[key].get(col) == old, (table, key, col)
                    rows[key][col] = new
    assert _same(state, _current()) == []


def test_changes_name_what_a_release_did() -> None:
    rows = bm.changes(since="0.7.0")
    assert set(rows.columns) == {"table", "key", "change", "column", "old", "new"}
    new_column = rows[(rows.table == "list_entries") & (rows.column == "listed_after")]
    assert len(new_column) == 34 and set(new_column.new) == {"2024-05-03"} and new_column.old.isna().all()
    designations = bm.changes(since="0.7.0", level="designations")
    gone = designations[designations.change == "removed"]
    assert ("us-2024-08-09-ofac-designations", "belling") in set(zip(gone.measure_id, gone.target_id, strict=True))
    # Canada's listing of Nikolai Lukashenko had been filed under his brother Viktar (0.8.0 moved it).
    wrong = gone[(gone.target_id == "lukashenka-viktar")]
    assert set(zip(wrong.measure_id, wrong.jurisdiction, strict=True)) == {("ca-2024-08-09-designations", "CA")}


def test_changes_compose_across_releases() -> None:
    # 0.6.0 -> now holds the rows 0.7.0 added and 0.8.0 then removed nowhere.
    step1 = bm.changes(since="0.6.0", until="0.7.0")
    step2 = bm.changes(since="0.7.0")
    both = bm.changes(since="0.6.0")
    added_then_removed = set(zip(step1.loc[step1.change == "added", "table"], step1.loc[step1.change == "added", "key"],
                                 strict=True)) & set(zip(step2.loc[step2.change == "removed", "table"],
                                                         step2.loc[step2.change == "removed", "key"], strict=True))
    assert added_then_removed, "0.8.0 removed rows that 0.7.0 had added (merged targets)"
    assert not added_then_removed & set(zip(both.table, both.key, strict=True))
    assert len(bm.changes(since=bm.__version__)) == 0


@pytest.mark.parametrize("kwargs,error,names", [
    ({"since": "9.9.9"}, ValueError, "'9.9.9'"),
    ({"since": "../0.1.0"}, ValueError, "'../0.1.0'"),
    ({"since": "0.1.0\x00"}, ValueError, "0.1.0"),
    ({"since": 4}, TypeError, "4"),
    ({"since": "0.7.0", "until": "0.6.0"}, ValueError, "'0.6.0'"),
    ({"since": "0.7.0", "level": "cells"}, ValueError, "'cells'"),
])
def test_bad_input_names_the_bad_value(kwargs: dict[str, Any], error: type[Exception], names: str) -> None:
    with pytest.raises(error, match=names.replace(".", r"\.").replace("(", r"\(")):
        bm.changes(**kwargs)


def test_the_cli_answers_from_the_feed_and_refuses_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from belarus_measures.cli import main

    assert main(["changes", "--since", "0.7.0"]) == 0
    assert "list_entries" in capsys.readouterr().out
    assert main(["changes", "--since", "0.7.0", "--designations", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("release,change,measure_id,target_id,target_name,jurisdiction\n")
    assert main(["changes", "--since", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'nope'" in err


@pytest.mark.parametrize("first,then", [("added", "added"), ("removed", "removed"), ("removed", "changed")])
def test_an_inconsistent_feed_is_refused(first: str, then: str) -> None:
    net: dict[tuple[Any, ...], Any] = {}
    step = {"added": _changes._Net("added", row={"id": "x"}), "removed": _changes._Net("removed", row={"id": "x"}),
            "changed": _changes._Net("changed", fields={"a": ("1", "2")})}
    _changes._apply(net, ("x",), step[first], "t row x")
    with pytest.raises(ValueError, match="inconsistent"):
        _changes._apply(net, ("x",), step[then], "t row x")


def test_a_tampered_feed_chain_is_refused() -> None:
    first = _changes.feed("0.1.0")
    table = next(iter(first["tables"]))
    twice = json.loads(json.dumps(first))
    with pytest.raises(ValueError, match="added twice"):
        _changes.rows_since([first, twice])


def test_the_feed_files_are_deterministic(tmp_path: Any) -> None:
    path = changes_feed.write_feed(changes_feed.current_feed(), tmp_path)
    assert path.read_bytes() == (ROOT / "belarus_measures" / "_changes" / path.name).read_bytes()
    assert gzip.decompress(path.read_bytes())
