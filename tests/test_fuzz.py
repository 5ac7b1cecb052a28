"""Bad input, fuzzed: every public function answers or raises ValueError/TypeError naming the value."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures.cli import main
from belarus_measures.store import schema as _schema

junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.binary(max_size=20),
    st.text(max_size=30), st.text(min_size=2000, max_size=3000), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.dates(), st.sampled_from(
        ["2020-02-30", "2020-13-01", "20201002", "", "EU", "eu-2020-10-02-designations", "Лукашэнка", "Łukaszenka ☃",
         "us-treasury", "designation", "9999-12-31", "0001-01-01"]),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _named(err: Exception, value: Any) -> bool:
    text = str(err)
    if isinstance(value, list) and value:
        return any(_named(err, v) for v in value) or repr(value)[:40] in text
    if isinstance(value, str):
        return value[:40] in text or repr(value)[:40] in text
    return repr(value)[:40] in text or type(value).__name__ in text or str(value)[:40] in text


def answer(call: Any, *values: Any) -> tuple[bool, Any]:
    """Call; a ValueError or TypeError must name one of ``values``. Returns (answered, result)."""
    try:
        return True, call()
    except (ValueError, TypeError) as err:
        assert any(_named(err, v) for v in values), (values, err)
        return False, None


MEASURE_COLUMNS = list(_schema.table("measures").columns)


def _all_measure_ids() -> set[str]:
    return set(bm.measures().measure_id)


@FUZZ
@given(junk, st.sampled_from(["actor", "jurisdiction", "measure_type", "start", "end", "binding"]))
def test_measures_filters(value: Any, name: str) -> None:
    answered, result = answer(lambda: bm.measures(**{name: value}), value)
    if answered:  # an answer is a subset of the measures, and no filter (None) is all of them
        assert list(result.columns) == MEASURE_COLUMNS
        assert set(result.measure_id) <= _all_measure_ids()
        if value is None:
            assert len(result) == len(bm.measures())


@FUZZ
@given(junk)
def test_measure_lookup(value: Any) -> None:
    answered, result = answer(lambda: bm.measure(value), value)
    if answered:  # only an existing id is answered, with its own record
        assert isinstance(result, bm.Measure) and result.measure_id == value


@FUZZ
@given(junk, junk)
def test_in_force(on: Any, until: Any) -> None:
    answered, result = answer(lambda: bm.in_force(on, until), on, until)
    if answered:
        assert list(result.columns) == MEASURE_COLUMNS
        assert set(result.measure_id) <= _all_measure_ids()


@FUZZ
@given(junk, st.one_of(st.none(), junk), st.one_of(st.just(10), junk))
def test_search_targets(name: Any, kind: Any, limit: Any) -> None:
    answered, result = answer(lambda: bm.search_targets(name, kind=kind, limit=limit), name, kind, limit)
    if answered:
        assert list(result.columns) == ["target_id", "name", "target_kind", "score", "matched_alias"]
        assert len(result) <= limit


@FUZZ
@given(junk)
def test_search_text_and_export(value: Any) -> None:
    answered, result = answer(lambda: bm.search_text(value), value)
    if answered:
        assert set(result) == {"targets", "actors", "measures"}
    # No junk value is an export format: always refused, naming the value.
    with pytest.raises((ValueError, TypeError)) as err:
        bm.export(value, "/nonexistent/x")
    assert _named(err.value, value), (value, err.value)


@FUZZ
@given(junk)
def test_validate_path(value: Any) -> None:
    if value is None:  # the default: the shipped package, which is valid
        assert bm.validate(value) is None
        return
    # Anything else is no path to a package here: refused, naming the value.
    with pytest.raises((ValueError, TypeError)) as err:
        bm.validate(value)
    assert _named(err.value, value), (value, err.value)


words = st.sampled_from(["summary", "list", "show", "search", "export", "timeline", "diff", "coverage", "validate",
                         "--format", "--out", "--jurisdiction", "--type", "--start", "--limit", "--kind", "-h",
                         "EU", "csv", "xml", "2020-02-30", "Лукашэнка", "nope", "eu-2020-10-02-designations", "0"])


@settings(max_examples=50, deadline=None)
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
