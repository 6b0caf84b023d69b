"""The mobile networks of every place, from a public list of network codes (data/networks.csv).

A reference layer, never an offer: which networks hold a mobile network code (MCC-MNC) in a place,
under which brand and operator names, as the list states them. It answers "who are the operators
there?" for places where SIM Atlas has no operator's own page yet; it never says what a plan costs,
who may buy it, or that a network sells SIM cards to visitors.

The list is the npm package mcc-mnc-list (its `mcc-mnc-list.json`, compiled from Wikipedia's pages of
mobile network codes; vendored in data/registry/ with its licence, see data/registry/README.md).
`python -m simatlas networks` rewrites data/networks.csv from it by these written rules, so the CSV is
reproduced byte for byte from the vendored file (a test checks it):
- a network is kept when the list gives it the type "National" and the status "Operational";
- a network listed for several places ("BL/GF/GP/MF/MQ") gets a row in each;
- a place must be a place of SIM Atlas (an ISO 3166-1 code CLDR names): "GE-AB" is left out;
- a network listed twice for the same place and code keeps its first listing;
- brand, operator, bands and notes are copied as listed; nothing is filled in or corrected;
- the row's quote is the list's own cells for the network (the page's table row: MCC, MNC, brand,
  operator, status, bands), joined by " … " as every quote's fragments are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from simatlas import schema
from simatlas.loader import DEFAULT_DATA_DIR, Dataset, world_places
from simatlas.memo import per_dataset, per_view

FILE = "networks.csv"
REGISTRY_FILE = DEFAULT_DATA_DIR / "registry" / "mcc-mnc-list.json"
# The date this copy of the list was read, and the list's own date: the package's file is identical to
# the one its public repository last changed on 4 April 2023 (data/registry/README.md). A refresh
# changes both, with the vendored file.
SEEN_ON = "2026-12-07"
SOURCE_DATE = "2023-04-04"
# The list is compiled from one Wikipedia page per ITU region, by the code's first digit.
REGION_PAGES = {
    "2": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_2xx_(Europe)",
    "3": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_3xx_(North_America)",
    "4": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_4xx_(Asia)",
    "5": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_5xx_(Oceania)",
    "6": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_6xx_(Africa)",
    "7": "https://en.wikipedia.org/wiki/Mobile_Network_Codes_in_ITU_region_7xx_(South_America)",
}
KEPT_TYPE, KEPT_STATUS = "National", "Operational"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def rows_from_registry(records: Iterable[Mapping[str, object]]) -> list[dict[str, str]]:
    """The rows of data/networks.csv from the list's records, by the module's written rules."""
    places = set(world_places())
    rows: dict[tuple[str, str, str], dict[str, str]] = {}
    for record in records:
        if record.get("type") != KEPT_TYPE or record.get("status") != KEPT_STATUS:
            continue
        mcc, mnc = _text(record.get("mcc")), _text(record.get("mnc"))
        if not (mcc.isdigit() and mnc.isdigit()) or mcc[0] not in REGION_PAGES:
            continue
        for place in _text(record.get("countryCode")).split("/"):
            if place not in places or (place, mcc, mnc) in rows:
                continue
            cells = [mcc, mnc, *(_text(record.get(key)) for key in ("brand", "operator", "status", "bands"))]
            rows[(place, mcc, mnc)] = {
                "country": place, "mcc": mcc, "mnc": mnc,
                "brand": _text(record.get("brand")), "operator": _text(record.get("operator")),
                "bands": _text(record.get("bands")),
                "source_url": REGION_PAGES[mcc[0]], "seen_on": SEEN_ON, "source_date": SOURCE_DATE,
                "source_quote": " … ".join(cell for cell in cells if cell), "source_lang": "en",
                "confidence": "low",  # a compiled list, not the operator's or the regulator's own page
                "note_en": _text(record.get("notes")),
            }
    return [rows[key] for key in sorted(rows)]


def render_csv(records: Iterable[Mapping[str, object]]) -> str:
    """data/networks.csv as committed: the schema's columns, one row per place and code, sorted."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[spec.name for spec in schema.NETWORKS], lineterminator="\n",
                            restval="")
    writer.writeheader()
    writer.writerows(rows_from_registry(records))
    return out.getvalue()


def write(data_dir: Path, registry_file: Path = REGISTRY_FILE) -> Path:
    """Rewrite data_dir/networks.csv from the vendored list; returns its path."""
    records = json.loads(registry_file.read_text(encoding="utf-8"))
    path = data_dir / FILE
    path.write_text(render_csv(records), encoding="utf-8")
    return path


def networks_in(dataset: Dataset, place: str) -> pd.DataFrame:
    """The networks listed for `place`, in code order (empty when the list names none)."""
    table = dataset.networks
    return table[table["country"] == place]


SHOWN_COLUMNS = ("brand", "operator", "code", "bands")


@per_view()  # every visitor of a place's profile: built once per place
def shown_networks(dataset: Dataset, place: str) -> pd.DataFrame:
    """A place's listed networks as a profile shows them: brand, operator, code ("716-10"), bands;
    a name the list leaves out stays empty (shown as unknown), never filled from another row."""
    listed = networks_in(dataset, place)
    blank = listed[["brand", "operator", "bands"]].fillna("").astype(str)
    return pd.DataFrame({
        "brand": blank["brand"].replace("", None), "operator": blank["operator"].replace("", None),
        "code": (listed["mcc"].astype(str) + "-" + listed["mnc"].astype(str)),
        "bands": blank["bands"].replace("", None),
    }, columns=list(SHOWN_COLUMNS)).reset_index(drop=True)


@per_dataset
def network_only_places(dataset: Dataset) -> Sequence[str]:
    """Places the list names networks for and the curated data has nothing on, by code."""
    curated = set(dataset.place_codes)
    return sorted(place for place in counts_by_place(dataset) if place not in curated)


@per_dataset
def counts_by_place(dataset: Dataset) -> Mapping[str, int]:
    """How many networks the list names per place (places it names none for are absent)."""
    return {str(place): int(count) for place, count in dataset.networks["country"].value_counts().items()}
