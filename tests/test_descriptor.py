"""The descriptor: valid for the official validator, current, and carrying the contract."""

from __future__ import annotations

import json
import subprocess
import sys

import frictionless
import jsonschema
import pytest

from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from conftest import ROOT, SHARED

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))
from generators import json_schemas as _json_schemas  # noqa: E402  (build-only code, not in the wheel)


def test_official_frictionless_validator_accepts_the_package() -> None:
    report = frictionless.validate(str(ROOT / "datapackage" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_official_validator_rejects_a_changed_file(package_copy) -> None:
    path = package_copy / "data" / "actors.csv"
    path.write_bytes(path.read_bytes() + b"zz-extra,Extra,other,,\n")
    report = frictionless.validate(str(package_copy / "datapackage.json"))
    assert not report.valid


def test_every_generated_file_is_current() -> None:
    """The CSVs' canonical form and bookkeeping, schemas/, docs/, contract/, models.py, _integrity.py, the timeline."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_staleness_check_can_fail(tmp_path) -> None:
    import shutil

    copy = tmp_path / "repo"
    for part in ("belarus_measures", "datapackage", "schemas", "docs", "contract"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "CHANGELOG.md", copy / "CHANGELOG.md")
    csv_path = copy / "datapackage" / "data" / "actors.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"United States", b"United States of America", 1))
    models = copy / "belarus_measures" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "# an edit by hand\n", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in copy.rglob("*") if p.is_file()}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--check", "--root", str(copy)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    stale = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("stale: ")}
    # actors.csv itself stays canonical; what is derived from it is stale, and the hand edit of models.py.
    assert stale == {"datapackage/datapackage.json", "belarus_measures/_integrity.py", "belarus_measures/models.py",
                     "docs/timeline.png"}, result.stdout
    assert {p: p.stat().st_mtime_ns for p in copy.rglob("*") if p.is_file()} == before, "--check wrote a file"


def test_the_old_build_command_is_an_alias() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_datapackage.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (SHARED / "tools" / "check_contract_files.py").exists(), reason="../shared not present")
def test_descriptor_carries_every_table_column_and_value_of_the_contract() -> None:
    tool = SHARED / "tools" / "check_contract_files.py"
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_every_resource_has_keys_and_provenance() -> None:
    descriptor = _resources.descriptor()
    assert descriptor["licenses"] and descriptor["sources"] and descriptor["created"]
    for res in descriptor["resources"]:
        assert res["schema"]["primaryKey"], res["name"]
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0


@pytest.mark.parametrize("name", _schema.list_resources())
def test_json_schema_is_valid_and_accepts_every_shipped_row(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    frame = _io.cached_table(name)
    for record in json.loads(frame.to_json(orient="records", date_format="iso")):
        for key, value in record.items():
            if isinstance(value, str) and _schema.table(name).field(key).type == "date":
                record[key] = value[:10]
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, (record, errors[0].message)


def test_json_schema_rejects_a_bad_record() -> None:
    schema = _json_schemas.record_schema(_schema.table("votes"))
    validator = jsonschema.Draft202012Validator(schema)
    record = {"measure_id": "Not A Slug", "actor_id": "eu-parliament", "date": "2020-09-17", "method": "shout",
              "votes_for": -1, "votes_against": None, "abstentions": None, "result": "passed"}
    messages = " ".join(e.message for e in validator.iter_errors(record))
    assert "Not A Slug" in messages and "shout" in messages and "-1" in messages


def test_every_enumeration_value_is_explained() -> None:
    from belarus_measures.store import schema as _schema

    for table in _schema.shipped_tables().values():
        for field in table.fields:
            if field.enum is not None:
                assert [v for v, _ in field.enum_descriptions] == list(field.enum), (table.name, field.name)
                assert all(meaning.strip() for _, meaning in field.enum_descriptions)


def test_the_data_dictionary_lists_every_column_and_value() -> None:
    from belarus_measures.store import schema as _schema

    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for table in _schema.shipped_tables().values():
        assert f"## {table.name}" in text
        for field in table.fields:
            assert f"| `{field.name}` | {field.type} |" in text
            for value, meaning in field.enum_descriptions:
                assert f"- `{value}`: {meaning}" in text


def test_purposes_are_the_measure_types_that_are_not_forms() -> None:
    """purpose repeats measure_type's values by design; this keeps the two lists from drifting apart."""
    m = _schema.table("measures")
    types, forms = m.field("measure_type").enum or (), m.field("measure_type").group("form")
    purposes = m.field("purpose").enum or ()
    assert forms and purposes
    assert set(purposes) <= set(types) - set(forms), set(purposes) - (set(types) - set(forms))
