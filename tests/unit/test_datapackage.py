"""data/datapackage.json: generated from the schema, committed, and valid for Frictionless itself."""

import json
import shutil
from pathlib import Path

import pytest

from simatlas import datapackage, schema
from simatlas.__main__ import main

DATA = Path(__file__).resolve().parents[2] / "data"


def test_committed_descriptor_is_the_generated_one():
    committed = (DATA / datapackage.FILE_NAME).read_text(encoding="utf-8")
    assert committed == datapackage.render(), "run: python -m simatlas datapackage"


def test_command_writes_the_descriptor(tmp_path, capsys):
    assert main(["datapackage", "--data", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8")) == datapackage.descriptor()
    assert "datapackage.json" in capsys.readouterr().out


def _resource(name: str) -> dict:
    return next(r for r in datapackage.descriptor()["resources"] if r["name"] == name)


def _field(resource: str, name: str) -> dict:
    return next(f for f in _resource(resource)["schema"]["fields"] if f["name"] == name)


def test_every_file_of_the_schema_is_a_resource():
    assert [r["path"] for r in datapackage.descriptor()["resources"]] == list(schema.FILES)


@pytest.mark.parametrize(
    ("resource", "field", "expected"),
    [
        ("plans", "price", {"type": "number", "constraints": {"minimum": 0}}),
        ("plans", "validity_days", {"type": "integer", "constraints": {"minimum": 1, "maximum": 3660}}),
        ("plans", "hotspot", {"type": "string", "constraints": {"enum": ["yes", "no"]}}),
        ("plans", "billing", {"type": "string", "constraints": {"enum": ["prepaid", "postpaid"]}}),
        ("plans", "source_date", {"type": "string", "constraints": {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}}),
        ("plans", "source_quote", {"type": "string", "constraints": {"maxLength": 500}}),
        ("plans", "seen_on", {"type": "date", "constraints": {"required": True}}),
        ("operators", "operator_id", {"type": "string", "constraints": {
            "required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}}),
        ("countries", "country", {"type": "string", "constraints": {
            "required": True, "unique": True, "pattern": "[A-Z]{2}"}}),
        ("fx_rates", "currency", {"type": "string", "constraints": {
            "required": True, "unique": True, "pattern": "[A-Z]{3}"}}),
    ],
)
def test_field_types_and_constraints(resource, field, expected):
    described = _field(resource, field)
    assert {key: described[key] for key in expected} == expected


def test_keys_and_references():
    assert _resource("operators")["schema"]["primaryKey"] == ["operator_id"]
    assert _resource("plans")["schema"]["primaryKey"] == ["plan_id"]
    assert _resource("renewal")["schema"]["primaryKey"] == ["operator_id", "product"]
    assert _resource("countries")["schema"]["primaryKey"] == ["country"]
    assert _resource("fx_rates")["schema"]["primaryKey"] == ["currency"]
    self_reference = {"fields": ["host_operator_id"],
                      "reference": {"resource": "", "fields": ["operator_id"]}}
    assert _resource("operators")["schema"]["foreignKeys"] == [self_reference]
    assert _resource("price_history")["schema"]["foreignKeys"] == [
        {"fields": ["plan_id"], "reference": {"resource": "plans", "fields": ["plan_id"]}}
    ]
    assert all(r["schema"]["missingValues"] == [""] for r in datapackage.descriptor()["resources"])


def test_package_names_its_licence_and_sources():
    package = datapackage.descriptor()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["name"] == "sim-atlas" and package["title"] and package["sources"]


@pytest.mark.parametrize(
    ("cell", "ok"),
    [("base_plan", True), ("local_id; min_term", True), ("none", True), ("base_plan;;none ", True),
     ("passport", False), ("base_plan, none", False)],
)
def test_list_pattern_reads_cells_as_the_loader_does(cell, ok):
    import re

    pattern = _field("plans", "requires")["constraints"]["pattern"]
    assert bool(re.fullmatch(pattern, cell)) is ok


frictionless = pytest.importorskip("frictionless")


def _validate(folder: Path):
    return frictionless.Package(str(folder / "datapackage.json")).validate()


def test_frictionless_accepts_the_bundled_data():
    report = _validate(DATA)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def _copy_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("README.md"))
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        ("operators.csv", ",mno,", ",telco,", "constraint-error"),  # not an allowed kind
        ("plans.csv", "\nnc-opt-forfait-m-5h,nc-opt,", "\nnc-opt-forfait-m-5h,nc-gone,", "foreign-key"),
        ("price_history.csv", "\nnc-opt-forfait-m-5h,", "\nnc-gone-plan,", "foreign-key"),
    ],
)
def test_frictionless_rejects_a_broken_copy(tmp_path, file, old, new, error):
    report = _validate(_copy_with(tmp_path, file, old, new))
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}
