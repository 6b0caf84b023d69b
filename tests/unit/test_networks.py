"""The network list (data/networks.csv): rebuilt from the vendored list by written rules, never typed."""

from __future__ import annotations

import json

from simatlas import datapackage, networks
from simatlas.loader import DEFAULT_DATA_DIR


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {"type": "National", "countryName": "Peru", "countryCode": "PE", "mcc": "716",
                               "mnc": "10", "brand": "Claro", "operator": "América Móvil Perú",
                               "status": "Operational", "bands": "LTE 700", "notes": None}
    return {**base, **fields}


def test_the_committed_file_is_rebuilt_byte_for_byte_from_the_vendored_list():
    records = json.loads(networks.REGISTRY_FILE.read_text(encoding="utf-8"))
    assert networks.render_csv(records) == (DEFAULT_DATA_DIR / networks.FILE).read_text(encoding="utf-8")


def test_only_operational_national_networks_are_kept():
    rows = networks.rows_from_registry([
        record(), record(mnc="06", status="Not operational"), record(mnc="07", status="Unknown"),
        record(mnc="15", type="International"), record(mnc="17", type="Test"),
    ])
    assert [(row["mcc"], row["mnc"]) for row in rows] == [("716", "10")]


def test_a_network_of_several_places_gets_a_row_in_each_and_unknown_places_none():
    rows = networks.rows_from_registry([
        record(countryCode="BL/GF/GP/MF/MQ", mcc="340", mnc="01", brand="Orange"),
        record(countryCode="GE-AB", mcc="289", mnc="67"),
    ])
    assert [row["country"] for row in rows] == ["BL", "GF", "GP", "MF", "MQ"]


def test_a_network_listed_twice_keeps_its_first_listing_and_names_are_copied_as_listed():
    rows = networks.rows_from_registry([
        record(countryCode="GF", mcc="340", mnc="01", brand="Orange", operator=None, notes="first"),
        record(countryCode="GF", mcc="340", mnc="01", brand="Other", operator="Other SA", notes="second"),
    ])
    assert len(rows) == 1
    assert (rows[0]["brand"], rows[0]["operator"], rows[0]["note_en"]) == ("Orange", "", "first")


def test_every_row_says_where_it_comes_from_how_old_and_how_sure():
    row = networks.rows_from_registry([record(mcc="546", mnc="01", countryCode="NC")])[0]
    assert row["source_url"] == networks.REGION_PAGES["5"]  # the Oceania page, by the code's first digit
    assert (row["seen_on"], row["source_date"], row["confidence"]) == (
        networks.SEEN_ON, networks.SOURCE_DATE, "low")
    # the list's own cells for the network, as its table row states them
    assert (row["source_quote"], row["source_lang"]) == (
        "546 … 01 … Claro … América Móvil Perú … Operational … LTE 700", "en")


def test_the_bundled_list_covers_the_world(bundled):
    counts = networks.counts_by_place(bundled)
    assert len(counts) >= 200
    listed = networks.networks_in(bundled, "PE")
    assert {"Movistar", "Claro", "Bitel", "Entel"} <= set(listed["brand"])
    assert (listed["mnc"] == "06").any()  # codes keep their leading zeros


def test_the_network_list_carries_its_own_licence_in_the_package():
    resources = {resource["name"]: resource for resource in datapackage.descriptor()["resources"]}
    assert resources["networks"]["licenses"] == [datapackage.NETWORKS_LICENCE]
    assert resources["plans"]["licenses"] == [datapackage.DATA_LICENCE]
    assert "Wikipedia" in resources["networks"]["sources"][0]["title"]
