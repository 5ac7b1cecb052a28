"""What changed between releases, from the change feed shipped in the package (no git, no network).

Each release ships ``belarus_measures/_changes/<version>.json.gz``: the rows added, removed and
changed since the release before it, table by table and matched by primary key, with the old and
new value of every changed cell, and a designation-level summary (which target was linked to or
unlinked from which listing measure, with the measure's jurisdiction). The first feed (0.1.0)
starts from nothing, so the feeds composed from the first one rebuild the current tables exactly:
a test checks it. ``scripts/changes_feed.py`` writes the feed of a release (``scripts/release.py``
calls it) and back-filled the releases made before the feed existed, from the repository's
history (each release as its last commit carrying that version).

Values are the CSV cells as released (text; an empty cell is ``None``), so a feed reads the same
whatever the package's types were at the time.
"""

from __future__ import annotations

import copy
import functools
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
Row = dict[str, Any]
Key = tuple[Any, ...]


def version_key(version: str) -> tuple[int, int, int]:
    """``"0.10.1"`` -> ``(0, 10, 1)``; a ``ValueError`` naming anything that is not X.Y.Z.

    >>> version_key("0.4.1")
    (0, 4, 1)
    """
    if not isinstance(version, str):
        raise TypeError(f"a version is text like '0.4.0', not {type(version).__name__} {shown(version)}")
    found = VERSION.match(version)
    if found is None:
        raise ValueError(f"{shown(version)} is not a release version (X.Y.Z)")
    return (int(found[1]), int(found[2]), int(found[3]))


def _folder() -> Any:
    return resources.files("belarus_measures").joinpath("_changes")


def releases() -> list[str]:
    """The releases whose changes the package carries, oldest first.

    >>> releases()[0]
    '0.1.0'
    """
    names = [p.name[: -len(".json.gz")] for p in _folder().iterdir() if p.name.endswith(".json.gz")]
    return sorted((n for n in names if VERSION.match(n)), key=version_key)


def feed(version: str) -> dict[str, Any]:
    """The change feed of one release: what it changed since the release before it (a copy).

    >>> feed("0.2.0")["previous"]
    '0.1.0'
    """
    version_key(version)
    return copy.deepcopy(_feed(version))


@functools.lru_cache(maxsize=None)
def _feed(version: str) -> dict[str, Any]:
    # Read and parsed once per release; the functions here only read it.
    version_key(version)
    if version not in releases():
        raise ValueError(f"no change feed for release {shown(version)}; the package carries {', '.join(releases())}")
    with _folder().joinpath(f"{version}.json.gz").open("rb") as fh:
        data: dict[str, Any] = json.loads(gzip.decompress(fh.read()).decode("utf-8"))
    return data


@dataclass
class _Net:
    """The net change of one row over several releases."""

    change: str  # added | removed | changed
    row: Row | None = None  # added: the newest row; removed: the row as it was before
    fields: dict[str, tuple[Any, Any]] | None = None  # changed: column -> (old, new)


def _apply(net: dict[Key, _Net], key: Key, step: _Net, where: str) -> None:
    """Fold one release's change of a row into the net change so far."""
    before = net.get(key)
    if before is None:
        net[key] = step
        return
    pair = (before.change, step.change)
    if pair == ("added", "changed"):
        assert before.row is not None and step.fields is not None
        before.row = {**before.row, **{c: new for c, (_, new) in step.fields.items()}}
    elif pair == ("added", "removed"):
        del net[key]
    elif pair == ("removed", "added"):
        assert before.row is not None and step.row is not None
        fields = {c: (before.row.get(c), step.row.get(c)) for c in {*before.row, *step.row}
                  if before.row.get(c) != step.row.get(c)}
        if fields:
            net[key] = _Net("changed", fields=fields)
        else:
            del net[key]
    elif pair == ("changed", "changed"):
        assert before.fields is not None and step.fields is not None
        merged = dict(before.fields)
        for c, (old, new) in step.fields.items():
            merged[c] = (merged[c][0] if c in merged else old, new)
        merged = {c: v for c, v in merged.items() if v[0] != v[1]}
        if merged:
            before.fields = merged
        else:
            del net[key]
    elif pair == ("changed", "removed"):
        assert before.fields is not None and step.row is not None
        net[key] = _Net("removed", row={**step.row, **{c: old for c, (old, _) in before.fields.items()}})
    else:
        raise ValueError(f"the change feed is inconsistent: {where} is {step.change} after being {before.change}")


def _steps(data: dict[str, Any]) -> Iterator[tuple[str, list[str], Key, _Net]]:
    for table, t in data["tables"].items():
        cols = t["key"]
        for row in t["added"]:
            yield table, cols, tuple(row.get(c) for c in cols), _Net("added", row=row)
        for row in t["removed"]:
            yield table, cols, tuple(row.get(c) for c in cols), _Net("removed", row=row)
        for ch in t["changed"]:
            yield table, cols, tuple(ch["key"].get(c) for c in cols), _Net(
                "changed", fields={c: (v[0], v[1]) for c, v in ch["fields"].items()})


def _window(since: str, until: str | None) -> list[str]:
    known = releases()
    if since != "0.0.0" and since not in known:
        version_key(since)
        raise ValueError(f"no release {shown(since)} in the change feed; known: {', '.join(known)}")
    last = known[-1] if until is None else until
    if last not in known:
        version_key(last)
        raise ValueError(f"no release {shown(last)} in the change feed; known: {', '.join(known)}")
    if version_key(last) < version_key(since):
        raise ValueError(f"until {shown(last)} is older than since {shown(since)}")
    return [v for v in known if version_key(since) < version_key(v) <= version_key(last)]


def net_changes(since: str, until: str | None = None) -> dict[str, dict[Key, _Net]]:
    """Per table, the net change of each row from release ``since`` to ``until`` (default: this one).

    ``since="0.0.0"`` starts from nothing: every row of ``until`` is then "added".
    """
    out: dict[str, dict[Key, _Net]] = {}
    keys: dict[str, list[str]] = {}
    for version in _window(since, until):
        for table, cols, key, step in _steps(_feed(version)):
            if keys.setdefault(table, cols) != cols:
                raise ValueError(f"table {shown(table)} changes its key in release {version}: {keys[table]} -> {cols}")
            _apply(out.setdefault(table, {}), key, step, f"{table} row {key} in {version}")
    return out


def _cell(value: Any) -> str | None:
    return None if value is None else str(value)


def changes(since: str, until: str | None = None, *, level: str = "rows") -> pd.DataFrame:
    """What changed from release ``since`` to ``until`` (default: the installed one), without git.

    ``level="rows"``: one line per row added or removed (``old`` or ``new`` holds the whole row as
    JSON) and one per changed cell (``column``, ``old``, ``new``), with the table and the row's key
    (JSON of the key columns). ``level="designations"``: who was linked to or unlinked from which
    listing measure, release by release (``change`` added/removed, ``release``, ``measure_id``,
    ``target_id``, ``target_name``, ``jurisdiction``). Rows that changed and changed back are not
    shown; a row added and then changed shows as added with its newest values.

    >>> c = changes(since="0.7.0")
    >>> sorted(set(c.change)) == ["added", "changed", "removed"]
    True
    >>> d = changes(since="0.7.0", level="designations")
    >>> "belling" in set(d.loc[d.change == "removed", "target_id"])
    True
    """
    import pandas as pd

    if level not in ("rows", "designations"):
        raise ValueError(f"level is 'rows' or 'designations', not {shown(level)}")
    if level == "designations":
        lines = [{"release": v, **d} for v in _window(since, until) for d in _feed(v)["designations"]]
        cols = ["release", "change", "measure_id", "target_id", "target_name", "jurisdiction"]
        return pd.DataFrame(lines, columns=cols).astype("string")
    rows = []
    for table, net in sorted(net_changes(since, until).items()):
        cols = feed_keys(table, since, until)
        for key, n in sorted(net.items(), key=lambda kv: tuple("" if k is None else str(k) for k in kv[0])):
            k = json.dumps(dict(zip(cols, key, strict=True)), ensure_ascii=False)
            if n.change == "changed":
                assert n.fields is not None
                rows += [{"table": table, "key": k, "change": "changed", "column": c, "old": _cell(o), "new": _cell(v)}
                         for c, (o, v) in sorted(n.fields.items())]
            else:
                whole = json.dumps(n.row, ensure_ascii=False, sort_keys=True)
                rows.append({"table": table, "key": k, "change": n.change, "column": None,
                             "old": whole if n.change == "removed" else None,
                             "new": whole if n.change == "added" else None})
    return pd.DataFrame(rows, columns=["table", "key", "change", "column", "old", "new"]).astype("string")


def feed_keys(table: str, since: str, until: str | None = None) -> list[str]:
    """The key columns the feeds match ``table``'s rows by."""
    for version in _window(since, until):
        t = _feed(version)["tables"].get(table)
        if t is not None:
            return list(t["key"])
    raise ValueError(f"no change to table {shown(table)} between {since} and {until or releases()[-1]}")


def rows_since(feeds: Iterable[dict[str, Any]]) -> dict[str, dict[Key, Row]]:
    """The tables the given feeds build from nothing (the first must start from nothing)."""
    state: dict[str, dict[Key, Row]] = {}
    for data in feeds:
        for table, cols, key, step in _steps(data):
            rows = state.setdefault(table, {})
            if step.change == "added":
                if key in rows:
                    raise ValueError(f"{table} row {key} added twice")
                assert step.row is not None
                rows[key] = dict(step.row)
            elif step.change == "removed":
                if rows.pop(key, None) is None:
                    raise ValueError(f"{table} row {key} removed but never added")
            else:
                if key not in rows:
                    raise ValueError(f"{table} row {key} changed but never added")
                assert step.fields is not None
                rows[key].update({c: new for c, (_, new) in step.fields.items()})
    return state
