"""The dataset described as a Frictionless Data Package (data/datapackage.json).

The descriptor is generated from `schema.FILES`, `schema.ROW_KEYS` and `schema.FOREIGN_KEYS`, never
written by hand, so the package description and the loader cannot drift apart: a test compares the
committed file with `descriptor()`. Any Frictionless tool can then validate or load the CSV files
without this code. Unknown stays a value: an empty cell is a missing value, and a yes/no fact is a
string limited to "yes" or "no", so an empty cell is never read as "no".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from simatlas import schema
from simatlas.schema import ColumnSpec

FILE_NAME = "datapackage.json"
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The network list (networks.csv) is compiled from Wikipedia, whose text is CC BY-SA: its rows keep
# that licence and name where they come from; every other file is the project's own (CC BY 4.0).
NETWORKS_LICENCE = {
    "name": "CC-BY-SA-4.0",
    "title": "Creative Commons Attribution-ShareAlike 4.0 International",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
}
RESOURCE_LICENCES: dict[str, dict[str, str]] = {"networks.csv": NETWORKS_LICENCE}
RESOURCE_SOURCES: dict[str, list[dict[str, str]]] = {
    "networks.csv": [
        {"title": "Wikipedia contributors, Mobile Network Codes in ITU regions 2xx-7xx, as compiled in the "
                  "npm package mcc-mnc-list 1.1.11 (list of 4 April 2023)",
         "path": "https://en.wikipedia.org/wiki/Mobile_country_code"},
    ],
}
OWN_SOURCES = [{"title": "Operators' and regulators' own pages, cited row by row in source_url"}]
TYPES = {"number": "number", "integer": "integer", "date": "date"}  # every other kind is a string


def _bare(pattern: str) -> str:
    """Table Schema anchors a pattern itself (the whole cell must match), so drop ^ and $."""
    return pattern.removeprefix("^").removesuffix("$")


def _list_pattern(items: tuple[str, ...] | str) -> str:
    """A ';'-separated list of allowed items, as the loader reads it (spaces and empty items allowed)."""
    item = items if isinstance(items, str) else "(?:" + "|".join(re.escape(i) for i in items) + ")"
    return f" *(?:{item})? *(?:; *(?:{item})? *)*"


def _pattern(spec: ColumnSpec) -> str | None:
    if spec.kind in ("id", "ref"):
        return _bare(schema.ID_PATTERN)
    if spec.kind == "country":
        return _bare(schema.COUNTRY_PATTERN)
    if spec.kind == "currency":
        return _bare(schema.CURRENCY_PATTERN)
    if spec.kind == "url":
        return _bare(schema.URL_PATTERN)
    if spec.kind == "partial_date":  # Table Schema's date type wants a day: a partial one is a string
        return _bare(schema.PARTIAL_DATE_PATTERN)
    if spec.kind == "lang":
        return _bare(schema.LANG_PATTERN)
    if spec.kind == "list":
        return _list_pattern(spec.allowed)
    if spec.kind == "countries":
        # At least one code: the loader rejects a cell of separators only.
        return f" *(?:; *)*[A-Z]{{2}}{_list_pattern('[A-Z]{2}')}"
    return None


def _constraints(spec: ColumnSpec) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if spec.required:
        constraints["required"] = True
    if spec.unique:
        constraints["unique"] = True
    if spec.kind == "tri":
        constraints["enum"] = [state for state in schema.TRI_STATES if state != "unknown"]
    elif spec.kind == "enum":
        constraints["enum"] = list(spec.allowed)
    if spec.kind == "quote":
        constraints["maxLength"] = schema.QUOTE_MAX_CHARS
    pattern = _pattern(spec)
    if pattern:
        constraints["pattern"] = pattern
    # An integer column's bounds must be integers for a Table Schema validator.
    bound = int if spec.kind == "integer" else (lambda value: value)
    if spec.minimum is not None:
        constraints["minimum"] = bound(spec.minimum)
    if spec.maximum is not None:
        constraints["maximum"] = bound(spec.maximum)
    return constraints


def field_descriptor(spec: ColumnSpec) -> dict[str, Any]:
    """One column as a Table Schema field."""
    field: dict[str, Any] = {"name": spec.name, "type": TYPES.get(spec.kind, "string")}
    if spec.doc:
        field["description"] = spec.doc
    constraints = _constraints(spec)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource_name(file: str) -> str:
    return file.removesuffix(".csv")


def _foreign_keys(file: str) -> list[dict[str, Any]]:
    references = []
    for (source_file, column), (target_file, target_column) in schema.FOREIGN_KEYS.items():
        if source_file != file:
            continue
        # An empty resource name is Table Schema's way of saying "this same table".
        target = "" if target_file == file else _resource_name(target_file)
        references.append({"fields": [column], "reference": {"resource": target, "fields": [target_column]}})
    return references


def table_schema(file: str) -> dict[str, Any]:
    """The Table Schema of one CSV file."""
    described: dict[str, Any] = {
        "fields": [field_descriptor(spec) for spec in schema.FILES[file]],
        "missingValues": [""],
    }
    primary_key = schema.row_key(file)
    if primary_key:
        described["primaryKey"] = primary_key
    foreign_keys = _foreign_keys(file)
    if foreign_keys:
        described["foreignKeys"] = foreign_keys
    return described


def resource_descriptor(file: str) -> dict[str, Any]:
    """One CSV file as a tabular data resource."""
    return {
        "name": _resource_name(file),
        "path": file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(file),
        "licenses": [RESOURCE_LICENCES.get(file, DATA_LICENCE)],
        "sources": RESOURCE_SOURCES.get(file, OWN_SOURCES),
    }


def descriptor() -> dict[str, Any]:
    """The whole package: every file of `schema.FILES`, its licence and where its facts come from."""
    return {
        "profile": "tabular-data-package",
        "name": "sim-atlas",
        "title": "SIM Atlas: mobile data plans, top-up and cancellation rules, with sources",
        "description": (
            "Mobile data plans (local SIMs and travel eSIMs) with their fees, renewal and cancellation "
            "rules per operator, ID rules per place, exchange rates, earlier prices, and the mobile "
            "networks listed per place by a public list of network codes (a reference). Every row "
            "carries its source address, the date it was seen, the date the source states and a "
            "confidence; an empty cell means unknown, never no. See README.md in this folder."
        ),
        # Each resource names its own licence and sources (below); the package's are the project's.
        "licenses": [DATA_LICENCE],
        # Sources differ row by row; each row names its own, so the package names where to look.
        "sources": OWN_SOURCES,
        "resources": [resource_descriptor(file) for file in schema.FILES],
    }


def render() -> str:
    """The descriptor as the committed file holds it: stable key order, UTF-8, final newline."""
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"


def write(data_dir: Path) -> Path:
    """Write data_dir/datapackage.json and return its path."""
    path = data_dir / FILE_NAME
    path.write_text(render(), encoding="utf-8")
    return path
