"""Descriptors with keys missing or wrong, fuzzed: validate() reports failures naming the file, never crashes."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belarus_measures.store import resources as _resources
from belarus_measures.checks import validate as _validate
from belarus_measures.cli import main

FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
SHIPPED = _resources.descriptor()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into the descriptor, skipping the long lists of publishers and enumeration values."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("sources", "enum", "enumDescriptions", "description", "keywords"):
                out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:4]):
            out += _paths(value, (*prefix, i))
    return out


PATHS = _paths(SHIPPED)


def _apply(descriptor: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(descriptor)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    if action == "delete":
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


@pytest.mark.slow
@FUZZ
@given(st.sampled_from(PATHS), st.sampled_from(["delete", "replace"]), json_values)
def test_a_broken_descriptor_is_reported_not_raised(package_copy: Path, path: tuple[Any, ...], action: str,
                                                    value: Any) -> None:
    broken = _apply(SHIPPED, path, action, value)
    (package_copy / "datapackage.json").write_text(json.dumps(broken), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", str(package_copy)])
    assert status in (0, 1, 2), status
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if status == 2:
        assert err.getvalue().count("\n") == 1, err.getvalue()
    assert all(len(line) < 5_000 for line in out.getvalue().splitlines())


@FUZZ
@given(json_values)
def test_any_json_document_as_descriptor(package_copy: Path, value: Any) -> None:
    (package_copy / "datapackage.json").write_text(json.dumps(value), encoding="utf-8")
    found = _validate.report(package_copy)
    assert found.failures and all("datapackage.json" in f for f in found.failures), found.failures
