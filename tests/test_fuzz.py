"""Bad input, fuzzed: every public function answers or raises ValueError/TypeError naming the value."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures.cli import main

junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.binary(max_size=20),
    st.text(max_size=30), st.text(min_size=2000, max_size=3000), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.dates(), st.sampled_from(
        ["2020-02-30", "2020-13-01", "20201002", "", "EU", "eu-2020-10-02-designations", "Лукашэнка", "Łukaszenka ☃",
         "us-treasury", "designation", "9999-12-31", "0001-01-01"]),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _named(err: Exception, value: Any) -> bool:
    text = str(err)
    if isinstance(value, list) and value:
        return any(_named(err, v) for v in value) or repr(value)[:40] in text
    if isinstance(value, str):
        return value[:40] in text or repr(value)[:40] in text
    return repr(value)[:40] in text or type(value).__name__ in text or str(value)[:40] in text


def check(call: Any, value: Any) -> None:
    try:
        call()
    except (ValueError, TypeError) as err:
        assert _named(err, value), (value, err)


@FUZZ
@given(junk, st.sampled_from(["actor", "jurisdiction", "measure_type", "start", "end", "binding"]))
def test_measures_filters(value: Any, name: str) -> None:
    check(lambda: bm.measures(**{name: value}), value)


@FUZZ
@given(junk)
def test_measure_lookup(value: Any) -> None:
    check(lambda: bm.measure(value), value)


@FUZZ
@given(junk, junk)
def test_in_force(on: Any, until: Any) -> None:
    try:
        bm.in_force(on, until)
    except (ValueError, TypeError) as err:
        assert _named(err, on) or _named(err, until), (on, until, err)


@FUZZ
@given(junk, st.one_of(st.none(), junk), st.one_of(st.just(10), junk))
def test_search_targets(name: Any, kind: Any, limit: Any) -> None:
    try:
        result = bm.search_targets(name, kind=kind, limit=limit)
    except (ValueError, TypeError) as err:
        assert any(_named(err, v) for v in (name, kind, limit)), (name, kind, limit, err)
    else:
        assert list(result.columns) == ["target_id", "name", "target_kind", "score", "matched_alias"]


@FUZZ
@given(junk)
def test_search_text_and_export(value: Any) -> None:
    check(lambda: bm.search_text(value), value)
    check(lambda: bm.export(value, "/nonexistent/x"), value)


@FUZZ
@given(junk)
def test_validate_path(value: Any) -> None:
    try:
        bm.validate(value)
    except bm.ValidationError:
        pass
    except (ValueError, TypeError) as err:
        assert _named(err, value) or "datapackage.json" in str(err), (value, err)


words = st.sampled_from(["summary", "list", "show", "search", "export", "timeline", "diff", "coverage", "validate",
                         "--format", "--out", "--jurisdiction", "--type", "--start", "--limit", "--kind", "-h",
                         "EU", "csv", "xml", "2020-02-30", "Лукашэнка", "nope", "eu-2020-10-02-designations", "0"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(words, st.text(max_size=12)), max_size=5))
def test_cli_never_shows_a_traceback(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    if "timeline" in argv or "export" in argv:
        argv = [a for a in argv if a != "--out"]  # never write files from a fuzzed command line
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # -h prints help and exits 0
            status = int(exit_.code or 0)
    assert status in (0, 1, 2), (argv, status)
    assert "Traceback" not in err.getvalue()
    if status == 2:
        assert err.getvalue().count("\n") >= 1 and err.getvalue().startswith("belarus-measures")
