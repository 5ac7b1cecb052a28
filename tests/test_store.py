"""One store per data package: bm.load(path) opens any package with the module's accessors."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import threading
from pathlib import Path

import pandas as pd
import pytest

import belarus_measures as bm
from belarus_measures.accessors import SHIPPED_STORE
from conftest import ROOT
from test_issue11_regressions import rehash


@pytest.fixture(scope="module")
def release_0_2_0(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data package of release 0.2.0, taken from the git history."""
    found = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%H", "--grep=^Release 0.2.0"],
                           capture_output=True, text=True, check=False).stdout.split()
    if not found:
        pytest.skip("no git history of the 0.2.0 release here (an sdist, a shallow clone)")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", found[0], "datapackage"],
                             capture_output=True, check=True).stdout
    into = tmp_path_factory.mktemp("r020")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "datapackage"


def test_the_module_functions_are_the_shipped_store() -> None:
    assert bm.measures.__self__ is SHIPPED_STORE  # type: ignore[attr-defined]
    assert bm.in_force.__self__ is SHIPPED_STORE  # type: ignore[attr-defined]


def test_release_0_2_0_loads_with_its_own_tables_and_validates(release_0_2_0: Path) -> None:
    old = bm.load(release_0_2_0)
    assert json.loads((release_0_2_0 / "datapackage.json").read_text(encoding="utf-8"))["version"] == "0.2.0"
    # 0.2.0 had no list_entries table and no name_romanised column: the store says what it has.
    assert "list_entries" not in old.list_resources() and "list_entries" in bm.list_resources()
    assert "name_romanised" not in old.targets().columns
    assert len(old.measures()) == 384
    assert old.measure("eu-2020-09-17-ep-resolution").votes[0].votes_for == 574
    eu = old.measures(jurisdiction="EU", start="2020-10-01", end="2020-10-31")
    assert "eu-2020-10-02-designations" in set(eu.measure_id)
    old.validate()
    assert "romanised_names" in old.report().not_applicable


def test_a_loaded_store_answers_in_force_from_its_own_rows(package_copy: Path) -> None:
    measures = package_copy / "data" / "measures.csv"
    text = measures.read_text(encoding="utf-8")
    rows = text.splitlines()
    header = rows[0].split(",")
    keep = [rows[0]] + [r for r in rows[1:] if not r.startswith("eu-2020-11-06-designations,")]
    measures.write_text("\n".join(keep) + "\n", encoding="utf-8")
    rehash(package_copy)
    store = bm.load(package_copy)
    assert "measure_id" in header
    ids = set(store.in_force("2020-11-10", binding=True).measure_id)
    assert "eu-2020-11-06-designations" not in ids
    assert "eu-2020-11-06-designations" in set(bm.in_force("2020-11-10", binding=True).measure_id)


def test_a_tampered_file_is_refused_by_a_loaded_store(package_copy: Path) -> None:
    votes = package_copy / "data" / "votes.csv"
    votes.write_text(votes.read_text(encoding="utf-8").replace(",574,", ",575,", 1), encoding="utf-8")
    store = bm.load(package_copy)
    with pytest.raises(ValueError, match=r"data/votes\.csv"):
        store.votes()
    assert len(store.measures()) == len(bm.measures())  # the other tables still load


def test_a_new_column_and_enumeration_value_are_read_through_the_descriptor(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    actors = next(r for r in descriptor["resources"] if r["name"] == "actors")
    actors["schema"]["fields"].append({"name": "founded", "type": "date", "description": "When it was founded."})
    kind = next(f for f in actors["schema"]["fields"] if f["name"] == "actor_type")
    kind["constraints"]["enum"].append("court")
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    csv_path = package_copy / "data" / "actors.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    body = [line + "," for line in lines[1:]]
    body[0] = body[0][:-1] + ",1958-03-19"
    csv_path.write_text("\n".join([lines[0] + ",founded", *body]) + "\n", encoding="utf-8")
    rehash(package_copy)
    store = bm.load(package_copy)
    a = store.actors()
    assert a.founded.dtype == "datetime64[ns]" and a.founded.iloc[0] == pd.Timestamp("1958-03-19")
    assert "court" in list(a.actor_type.cat.categories)
    store.validate()


@pytest.mark.parametrize("bad", [None, 42, b"datapackage.json", ["x"]])
def test_load_refuses_what_is_not_a_path(bad: object) -> None:
    with pytest.raises(TypeError, match="path"):
        bm.load(bad)  # type: ignore[arg-type]


def test_load_names_a_folder_without_a_descriptor(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no datapackage.json"):
        bm.load(tmp_path)


def test_load_names_a_descriptor_it_cannot_use(package_copy: Path) -> None:
    (package_copy / "datapackage.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="must be a JSON object"):
        bm.load(package_copy)


def test_stores_keep_their_own_tables(package_copy: Path) -> None:
    store = bm.load(package_copy)
    first = store.measures()
    first.loc[0, "title"] = "changed by the caller"
    assert store.measures().loc[0, "title"] != "changed by the caller"
    shutil.rmtree(package_copy / "data")
    assert len(store.measures()) == len(first)  # parsed once, kept
    store.clear()
    with pytest.raises(OSError):
        store.measures()
    assert len(bm.measures()) == len(first)  # the shipped store is another store


def test_threads_share_one_parse_per_store(package_copy: Path) -> None:
    store = bm.load(package_copy)
    results: list[int] = []

    def work() -> None:
        results.append(len(store.in_force("2021-07-01")))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] > 0


def test_schema_check_reads_patterns_that_arrow_cannot_compile():
    """A descriptor may use look-arounds (Python re, not RE2): the pattern check still judges every value."""
    import pandas as pd

    from belarus_measures.store import frame_schema, schema

    tables = schema.parse_descriptor({"resources": [{"name": "t", "path": "t.csv", "schema": {
        "fields": [{"name": "code", "type": "string", "constraints": {"pattern": "^(?!x)[a-z]+$"}}]}}]})
    frame = pd.DataFrame({"code": pd.Series(["ab", "xb", None, "a1"], dtype="string")})
    found = list(frame_schema.check_frame(tables["t"], frame))
    assert [where for where, _ in found] == ["line 3", "line 5"]
    assert "'xb'" in found[0][1] and "'a1'" in found[1][1]


def test_schema_check_flags_a_trailing_newline_in_an_id():
    """Python's $ matches before a final newline; the check must not let 'abc\\n' pass as a slug."""
    import pandas as pd

    from belarus_measures.store import frame_schema, schema

    tables = schema.parse_descriptor({"resources": [{"name": "t", "path": "t.csv", "schema": {
        "fields": [{"name": "code", "type": "string", "constraints": {"pattern": "^[a-z]+$"}}]}}]})
    frame = pd.DataFrame({"code": pd.Series(["abc\n", "abc"], dtype="string")})
    assert [where for where, _ in frame_schema.check_frame(tables["t"], frame)] == ["line 2"]
