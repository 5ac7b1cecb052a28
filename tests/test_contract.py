"""The contract guard: no release breaks the previous one's tables, columns, types or values without a major bump."""

from __future__ import annotations

import copy
import json
import sys

import pytest

import belarus_measures as bm
from belarus_measures.store import resources as _resources
from conftest import ROOT

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))
from generators import contract as _contract  # noqa: E402  (build-only code, not in the wheel)

CONTRACT = ROOT / "contract"


def snapshots() -> list[dict[str, object]]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in CONTRACT.glob("*.json")]
    return sorted(found, key=lambda s: tuple(int(x) for x in str(s["version"]).split(".")))


def test_the_current_release_has_its_snapshot() -> None:
    current = json.loads((CONTRACT / f"{bm.__version__}.json").read_text(encoding="utf-8"))
    assert current == _contract.snapshot(_resources.descriptor())


def test_no_release_breaks_the_previous_one_without_a_major_bump() -> None:
    found = snapshots()
    assert len(found) >= 2
    for old, new in zip(found, found[1:], strict=False):
        broken = _contract.breaks(old, new)
        old_major, new_major = (int(str(s["version"]).split(".")[0]) for s in (old, new))
        assert not broken or new_major > old_major, (old["version"], new["version"], broken)


@pytest.mark.parametrize("edit", ["drop column", "drop table", "retype", "drop value", "rekey"])
def test_each_kind_of_break_is_detected(edit: str) -> None:
    old = _contract.snapshot(_resources.descriptor())
    new = copy.deepcopy(old)
    tables = new["tables"]
    if edit == "drop column":
        del tables["measures"]["columns"]["summary"]
    elif edit == "drop table":
        del tables["votes"]
    elif edit == "retype":
        tables["votes"]["columns"]["votes_for"]["type"] = "string"
    elif edit == "drop value":
        tables["measures"]["columns"]["measure_type"]["enum"].remove("sporting")
    else:
        tables["actors"]["primaryKey"] = ["name"]
    assert _contract.breaks(old, new)


def test_additions_are_not_breaks() -> None:
    old = _contract.snapshot(_resources.descriptor())
    new = copy.deepcopy(old)
    new["tables"]["measures"]["columns"]["extra"] = {"type": "string"}
    new["tables"]["measures"]["columns"]["measure_type"]["enum"].append("new_kind")
    new["tables"]["new_table"] = {"primaryKey": "id", "columns": {"id": {"type": "string"}}}
    assert _contract.breaks(old, new) == []
