"""The descriptor drives everything: a new column or enumeration value is a descriptor edit plus the build.

A copy of the checkout gets a new enumeration value and a new nullable column in its
descriptor, and nothing else; ``scripts/build.py --root COPY`` must then bring every generated
file along (the CSV file, the bookkeeping, the JSON Schema, the data dictionary, the contract,
the Pandera models, the checksum), and the result must validate and load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import belarus_measures as bm
from belarus_measures.checks.validate import report
from belarus_measures.store import files as _files
from conftest import ROOT

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))
from generators import contract as _contract  # noqa: E402  (build-only code, not in the wheel)

BUILD = ROOT / "scripts" / "build.py"
NEW_VALUE = "embargo"
NEW_COLUMN = {"name": "editor_note", "type": "string", "description": "A remark of the editors, if any."}


def checkout_copy(into: Path) -> Path:
    """What the build reads and writes: the package, the data, the generated folders, the CHANGELOG."""
    copy = into / "repo"
    for part in ("belarus_measures", "datapackage", "schemas", "docs", "contract"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "CHANGELOG.md", copy / "CHANGELOG.md")
    return copy


def build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True)


def edit_descriptor(copy: Path) -> None:
    path = copy / "datapackage" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    measures = next(r for r in descriptor["resources"] if r["name"] == "measures")
    kind = next(f for f in measures["schema"]["fields"] if f["name"] == "measure_type")
    kind["constraints"]["enum"].append(NEW_VALUE)
    kind["enumDescriptions"][NEW_VALUE] = "A ban on trade in arms or other goods."
    measures["schema"]["fields"].append(dict(NEW_COLUMN))
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkout copy whose descriptor gained a value and a column, then built."""
    copy = checkout_copy(tmp_path_factory.mktemp("extended"))
    edit_descriptor(copy)
    result = build("--root", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


def test_the_build_adds_the_new_column_to_the_file(extended: Path) -> None:
    rows = _files.read_rows((extended / "datapackage" / "data" / "measures.csv").read_bytes())
    before = _files.read_rows((ROOT / "datapackage" / "data" / "measures.csv").read_bytes())
    assert rows[0] == [*before[0], NEW_COLUMN["name"]]
    assert [r[:-1] for r in rows[1:]] == before[1:]
    assert all(r[-1] == "" for r in rows[1:])


def test_every_generated_file_follows_the_descriptor(extended: Path) -> None:
    name = NEW_COLUMN["name"]
    schema = json.loads((extended / "schemas" / "measures.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"][name]["type"] == ["string", "null"]
    assert NEW_VALUE in schema["properties"]["measure_type"]["enum"]
    dictionary = (extended / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert f"| `{name}` | string | — | {NEW_COLUMN['description']} |" in dictionary
    assert f"- `{NEW_VALUE}`: A ban on trade" in dictionary
    contract = json.loads((extended / "contract" / f"{bm.__version__}.json").read_text(encoding="utf-8"))
    assert contract["tables"]["measures"]["columns"][name] == {"type": "string"}
    assert NEW_VALUE in contract["tables"]["measures"]["columns"]["measure_type"]["enum"]
    models = (extended / "belarus_measures" / "models.py").read_text(encoding="utf-8")
    assert f"    {name}: Series[pd.StringDtype] = pa.Field(\n        nullable=True," in models
    assert f'"{NEW_VALUE}"' in models
    descriptor = (extended / "datapackage" / "datapackage.json").read_bytes()
    measures = next(r for r in json.loads(descriptor)["resources"] if r["name"] == "measures")
    assert measures["fields"] == len(before_fields()) + 1
    assert _files.sha256(descriptor) in (extended / "belarus_measures" / "_integrity.py").read_text(encoding="utf-8")


def before_fields() -> list[str]:
    return _files.read_rows((ROOT / "datapackage" / "data" / "measures.csv").read_bytes())[0]


def test_an_addition_is_not_a_break_of_the_contract(extended: Path) -> None:
    old = json.loads((ROOT / "contract" / f"{bm.__version__}.json").read_text(encoding="utf-8"))
    new = json.loads((extended / "contract" / f"{bm.__version__}.json").read_text(encoding="utf-8"))
    assert old != new and _contract.breaks(old, new) == []


def test_the_extended_package_validates(extended: Path) -> None:
    found = report(extended / "datapackage")
    assert found.failures == []


def test_the_extended_package_loads(extended: Path) -> None:
    if not hasattr(bm, "load"):
        pytest.skip("belarus_measures.load() is not there yet; validating is all this checkout can do")
    store = bm.load(extended / "datapackage")
    measures = store.measures()
    assert list(measures.columns) == [*before_fields(), NEW_COLUMN["name"]]
    assert measures[NEW_COLUMN["name"]].isna().all()
    assert NEW_VALUE in list(measures.measure_type.cat.categories)


def test_one_measure_of_the_extended_package(extended: Path) -> None:
    store = bm.load(extended / "datapackage")
    m = store.measure("eu-2020-09-17-ep-resolution")
    assert m.measure_id == "eu-2020-09-17-ep-resolution"
    assert (NEW_COLUMN["name"], None) in m.other  # a column the record does not know is kept, by name


def test_the_generated_models_type_the_extended_data(extended: Path) -> None:
    """In the built checkout itself, the shipped data is the extended one and the models describe it."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import belarus_measures as bm\n"
        "from belarus_measures.models import MeasuresModel\n"
        "assert bm.__file__.startswith(sys.argv[1]), bm.__file__\n"
        "frame = MeasuresModel.validate(bm.measures())\n"
        "print(frame.columns[-1], sorted(MeasuresModel.to_schema().columns['measure_type'].dtype.type.categories))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(extended)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(NEW_COLUMN["name"]) and f"'{NEW_VALUE}'" in result.stdout


def test_a_second_build_changes_nothing(extended: Path) -> None:
    assert build("--check", "--root", str(extended)).returncode == 0
    again = build("--root", str(extended))
    assert again.returncode == 0 and again.stdout.startswith("nothing to do"), again.stdout


def test_a_column_the_descriptor_does_not_have_is_refused(tmp_path: Path) -> None:
    copy = checkout_copy(tmp_path)
    path = copy / "datapackage" / "data" / "votes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",surplus", *(line + "," for line in lines[1:])]) + "\n", encoding="utf-8")
    result = build("--root", str(copy))
    assert result.returncode != 0 and "surplus" in result.stderr
    assert path.read_text(encoding="utf-8").startswith(lines[0] + ",surplus"), "a refused build wrote"


def test_a_folder_that_is_not_a_checkout_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    result = build("--check", "--root", str(tmp_path))
    assert result.returncode != 0 and "CHANGELOG.md" in result.stderr


def test_the_build_only_code_is_not_in_the_package() -> None:
    package = ROOT / "belarus_measures"
    for gone in ("_dictionary.py", "_jsonschema.py", "_contract.py"):
        assert not (package / gone).exists(), gone
    from belarus_measures.reports import coverage

    assert not hasattr(coverage, "coverage_markdown")
    for module in package.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "import generators" not in text and "from generators" not in text, module
