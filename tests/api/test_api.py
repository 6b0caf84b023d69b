"""`/api/<page>.{csv,json}`: the page's rows for the page's link, in full, with provenance; dropped
values reported; ETag / 304; unknown URLs are a 404, never a 500."""

from __future__ import annotations

import io
import json
from typing import cast

import pandas as pd
import pytest

from bench.synthetic import write_synthetic
from simatlas import api, api_rows, costs, fees, legs, places, plans, policies, url_state
from tests.api.client import app_for, request
from tests.api.conftest import loaded_state
from ui import shell

# (page, query): links a reader would share, each page with its own parameters and a few shared ones.
LINKS = [
    ("plans", {}),
    ("plans", {"country": ["HK"], "sim": ["esim"], "sort": ["price"], "cur": ["HKD"]}),
    ("plans", {"country": ["HK", "NC"], "max_price": ["100"], "hotspot": ["true"]}),
    ("trip", {}),
    ("trip", {"country": ["NC"], "days": ["10"], "gb": ["3"]}),
    ("trip", {"country": ["HK"], "q_price": ["20"], "q_label": ["Airport kiosk"], "q_cur": ["HKD"]}),
    ("fees", {"country": ["HK"]}),
    ("fees", {"sort": ["price"], "billing": ["postpaid"], "lang": ["zh"]}),
    ("renewal", {}),
    ("renewal", {"country": ["HK"], "kind": ["mno"]}),
    ("cancellation", {"country": ["NC"], "online": ["true"]}),
    ("cancellation", {"product": ["esim"]}),
    ("countries", {}),
    ("countries", {"country": ["HK", "NC"], "cur": ["EUR"], "who": ["resident"]}),
]


def core_ids(dataset, page: str, query: dict) -> list[str]:
    """The rows the page's own core function gives for the same link, as ids, in order."""
    parsed = url_state.parse_query(query, url_state.page_params(page), url_state.dynamic_choices(dataset))
    values = parsed.values
    lang = str(values["lang"] or "en")
    if page == "plans":
        return list(plans.filter_plans(dataset, plans.PlanFilter.from_values(values))["plan_id"])
    if page == "trip":
        options = costs.plan_trip(dataset, costs.Trip.from_values(values), str(values["cur"]), lang).options
        return list(options["plan_id"])
    if page == "fees":
        fee_query = fees.FeeQuery.from_values(values)
        breakdown = fees.fee_breakdown(dataset, plans.filter_plans(dataset, fee_query.plan_filter),
                                        str(values["cur"]), lang, fee_query.plan_filter.who)
        return list(fees.in_fee_order(breakdown, fee_query.sort)["plan_id"])
    if page in ("renewal", "cancellation"):
        rows = policies.policy_rows(dataset, page, policies.PolicyQuery.from_values(values).policy_filter)
        return list(rows["operator_id"] + "/" + rows["product"])
    place_query = places.PlaceQuery.from_values(values)
    table = places.overview(dataset, str(values["cur"]), lang, place_query.countries, place_query.who,
                            every_place=True)
    return list(table["code"])


def ids_of(frame: pd.DataFrame, page: str) -> list[str]:
    if page in ("renewal", "cancellation"):
        return list(frame["operator_id"] + "/" + frame["product"])
    return [str(value) for value in frame["code" if page == "countries" else "plan_id"]]


@pytest.mark.parametrize(("page", "query"), LINKS)
def test_json_has_the_pages_rows_in_full_with_provenance(bundled_app, bundled_state, page, query):
    answer = request(bundled_app, f"/api/{page}.json", query)
    assert answer.status == 200, answer.body[:300]
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    frame = pd.DataFrame(body["rows"], columns=body["columns"])
    expected = core_ids(bundled_state.dataset, page, query)
    assert ids_of(frame, page) == expected and body["count"] == len(expected)
    assert set(api_rows.PROVENANCE) <= set(body["columns"])
    assert body["page"] == page and body["version"] == bundled_state.dataset.version
    assert body["dropped"] == []
    params = url_state.page_params(page)
    choices = url_state.dynamic_choices(bundled_state.dataset)
    assert body["query"] == url_state.serialise(url_state.parse_query(query, params, choices).values, params)


@pytest.mark.parametrize(("page", "query"), LINKS)
def test_csv_has_the_same_rows_as_json(bundled_app, page, query):
    csv_answer = request(bundled_app, f"/api/{page}.csv", query)
    json_answer = request(bundled_app, f"/api/{page}.json", query).json()
    assert csv_answer.status == 200
    assert csv_answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv_answer.headers["content-disposition"] == f'attachment; filename="simatlas-{page}.csv"'
    assert csv_answer.headers[api.DROPPED_COUNT_HEADER.lower()] == "0"
    assert csv_answer.body.startswith(b"\xef\xbb\xbf")  # BOM, as the page's download
    frame = pd.read_csv(io.BytesIO(csv_answer.body), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == json_answer["columns"]
    rows = pd.DataFrame(json_answer["rows"], columns=json_answer["columns"])
    assert ids_of(frame, page) == ids_of(rows, page)


def test_the_trip_answer_carries_the_pages_sentences_and_the_sources_words(bundled_app):
    """What the page says beside the rows (left out, and why a cheaper option ranks lower) and every
    row's quote travel with the rows (issue #21, #25)."""
    body = request(bundled_app, "/api/trip.json", {"country": ["KR"], "days": ["30"], "gb": ["5"]}).json()
    assert any("residents-only plans (2)" in note for note in body["notes"]), body["notes"]
    assert {"source_quote", "source_lang", "derived"} <= set(body["columns"])
    rows = pd.DataFrame(body["rows"], columns=body["columns"])
    assert rows["source_quote"].notna().all()
    nc = request(bundled_app, "/api/trip.json", {"country": ["NC"], "days": ["10"]}).json()
    rows = pd.DataFrame(nc["rows"], columns=nc["columns"]).set_index("plan_id")
    card = rows.loc["nc-opt-tourism-card-2024"]
    assert (card["total_original"], card["currency"], card["source_date"]) == (5000, "XPF", "2023-10-04")
    assert "5 000 F TTC" in card["source_quote"] and card["source_lang"] == "fr"


def test_plans_csv_is_the_pages_download_byte_for_byte(bundled_app, bundled_state):
    query = {"country": ["HK"], "cur": ["HKD"], "sort": ["price"]}
    dataset = bundled_state.dataset
    plan_filter = plans.PlanFilter.from_values(url_state.parse_query(
        query, url_state.page_params("plans"), url_state.dynamic_choices(dataset)).values)
    assert plan_filter.countries == ("HK",) and plan_filter.currency == "HKD"
    expected = plans.download_csv(plans.filter_plans(dataset, plan_filter), "HKD")
    assert request(bundled_app, "/api/plans.csv", query).body == expected


def test_rows_are_not_capped_at_the_pages_table_limit(tmp_path):
    app = app_for(loaded_state(write_synthetic(tmp_path / "data", 1_000)))
    for page in ("plans", "fees"):
        body = request(app, f"/api/{page}.json").json()
        assert body["count"] == len(body["rows"]) == 1_000 > plans.TABLE_ROW_LIMIT
    trip = request(app, "/api/trip.json").json()
    assert trip["count"] > plans.TABLE_ROW_LIMIT


def test_dropped_values_are_reported_and_the_rest_applies(bundled_app):
    query = {"country": ["HK", "ZZ"], "max_price": ["abc"], "bogus": ["1"], "sort": ["price"]}
    body = request(bundled_app, "/api/plans.json", query).json()
    assert body["dropped"] == [
        {"name": "country", "value": "ZZ", "reason": "unknown_choice"},
        {"name": "max_price", "value": "abc", "reason": "not_a_number"},
        {"name": "bogus", "value": "1", "reason": "unknown_param"},
    ]
    assert body["query"] == {"country": ["HK"], "sort": ["price"]}
    answer = request(bundled_app, "/api/plans.csv", query)
    assert answer.status == 200
    assert json.loads(answer.headers["x-simatlas-dropped"]) == body["dropped"]
    assert answer.headers["x-simatlas-dropped-count"] == "3"


def test_the_dropped_header_is_ascii_and_bounded():
    dropped = [url_state.Dropped(f"k{i}", "香港\r\n" + "x" * 30, "unknown_param") for i in range(400)]
    header = api.dropped_header(dropped)
    assert header.isascii() and "\n" not in header and "\r" not in header
    assert len(header) <= api.MAX_DROPPED_HEADER_BYTES
    listed = json.loads(header)
    assert listed and listed == api.dropped_json(dropped)[: len(listed)]


def test_etag_names_the_canonical_query_and_304_answers_a_match(bundled_app):
    first = request(bundled_app, "/api/plans.json", "country=HK&sim=esim")
    assert first.headers["cache-control"] == "public, max-age=300"
    tag = first.headers["etag"]
    # The same view written differently (order, a default spelled out): the same tag.
    same = request(bundled_app, "/api/plans.json", "sim=esim&country=hk&sort=price_per_gb&cur=USD")
    assert same.headers["etag"] == tag
    assert request(bundled_app, "/api/plans.json", "country=NC").headers["etag"] != tag
    assert request(bundled_app, "/api/plans.csv", "country=HK&sim=esim").headers["etag"] != tag
    for if_none_match in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        cached = request(bundled_app, "/api/plans.json", "country=HK&sim=esim",
                         headers={"If-None-Match": if_none_match})
        assert cached.status == 304 and cached.body == b"" and cached.headers["etag"] == tag
    stale = request(bundled_app, "/api/plans.json", "country=HK&sim=esim", headers={"If-None-Match": '"old"'})
    assert stale.status == 200 and stale.body == first.body


def test_etag_changes_with_the_data_and_the_day(tiny_dir, bundled_state):
    tiny = loaded_state(tiny_dir)
    path = "/api/countries.json"
    tags = {request(app_for(state), path).headers["etag"] for state in (tiny, bundled_state)}
    assert len(tags) == 2
    query = {"country": ["HK"]}
    day1 = api.etag("v", "trip", "json", query, [], pd.Timestamp("2026-12-01").date())
    day2 = api.etag("v", "trip", "json", query, [], pd.Timestamp("2026-12-02").date())
    assert day1 != day2  # a price turns "may be outdated" with time


@pytest.mark.parametrize("path", [
    "/api/nope.json", "/api/plans.xml", "/api/plans", "/api/data.json", "/api/.json", "/api/plans.json.csv",
    "/api/PLANS.json", "/api/%00.json",
])
def test_an_unknown_api_url_is_a_404_in_json(bundled_app, path):
    answer = request(bundled_app, path)
    assert answer.status == 404
    assert answer.json()["pages"] == list(api.API_PAGES)


def test_only_get_and_head(bundled_app):
    assert request(bundled_app, "/api/plans.json", method="POST").status == 405
    head = request(bundled_app, "/api/plans.json", method="HEAD")
    assert head.status == 200 and head.headers["etag"]


@pytest.mark.parametrize(("page", "query", "fmt", "expected"), [
    ("plans", {}, "csv", "/api/plans.csv"),
    ("plans", {"country": ["HK"]}, "csv", "/api/plans.csv?country=HK"),
    ("plans", {"country": ["HK", "NC"], "sort": ["price"]}, "json",
     "/api/plans.json?country=HK&country=NC&sort=price"),
    ("trip", {"q_label": ["Kiosk & co"]}, "csv", "/api/trip.csv?q_label=Kiosk+%26+co"),
    ("countries", {"place": ["NC"]}, "json", "/api/countries.json?place=NC"),
    ("fees", {"country": []}, "csv", "/api/fees.csv"),
])
def test_download_path(page, query, fmt, expected):
    assert api.download_path(page, query, fmt) == expected


@pytest.mark.parametrize(("page", "fmt"),
                         [("data", "csv"), ("plans", "xlsx"), ("../plans", "csv"), ("", "json")])
def test_download_path_refuses_what_has_no_url(page, fmt):
    with pytest.raises(ValueError):
        api.download_path(page, {}, fmt)


def test_a_download_path_opens_the_same_view(bundled_app):
    query = {"country": ["HK"], "sim": ["esim"], "cur": ["HKD"]}
    path, _, query_string = api.download_path("plans", query, "json").partition("?")
    assert request(bundled_app, path, query_string).json()["query"] == query


def test_the_link_choices_live_once():
    assert shell.dynamic_choices is url_state.dynamic_choices


def test_a_trip_through_several_places_gives_the_pages_answer_as_rows(bundled_app, bundled_state):
    """Issue #23: every row names its legs, places and days; the totals are the page's (simatlas.legs);
    a bad stop is reported as dropped; a stop nothing covers is a row without a plan."""
    query = {"leg": ["HK:5", "MO:3", "XX:2", "CN:4"], "cur": ["HKD"]}
    body = request(bundled_app, "/api/trip.json", query).json()
    assert body["query"]["leg"] == ["HK:5", "MO:3", "CN:4"]
    assert body["dropped"] == [{"name": "leg", "value": "XX:2", "reason": "unknown_choice"}]
    rows = pd.DataFrame(body["rows"], columns=body["columns"])
    found = legs.answer(bundled_state.dataset, legs.MultiTrip.from_values(
        api_rows.parse(bundled_state.dataset, "trip", query).values))
    rate = float(bundled_state.dataset.fx_rates.set_index("currency").loc["HKD", "per_eur"])
    for option, plan in found.by_option().items():
        mine = rows[rows["option"] == option]
        assert set(mine["option_total"]) == {round(plan.total_eur * rate, 2)}
        assert mine["legs"].str.split(";").explode().astype(int).tolist() == [1, 2, 3]  # every leg once
    best = rows[rows["option"] == "best"]
    assert best["days"].sum() == 12 and best["first_day"].tolist()[0] == 1
    china = best[best["places"] == "CN"]
    assert len(china) == 1 and china["plan_id"].isna().all()
    assert any("China" in note for note in body["notes"]), body["notes"]
    assert set(api_rows.PROVENANCE) <= set(body["columns"])
    csv_answer = request(bundled_app, "/api/trip.csv", query)
    frame = pd.read_csv(io.BytesIO(csv_answer.body), encoding="utf-8-sig")
    assert frame["option_total"].tolist() == rows["option_total"].tolist()


def test_the_api_takes_every_place_and_reports_none_dropped(bundled_app):
    """Issue #22: a place with nothing recorded (Peru) is a place, not a bad value."""
    body = request(bundled_app, "/api/plans.json", {"country": ["PE"]}).json()
    assert body["dropped"] == [] and body["query"]["country"] == ["PE"] and body["rows"] == []
    trip = request(bundled_app, "/api/trip.json", {"leg": ["HK:3", "PE:4"]}).json()
    assert trip["dropped"] == []
    rows = pd.DataFrame(trip["rows"], columns=trip["columns"])
    assert not rows.empty  # the trip is answered; the stop nothing covers shows as such


def test_countries_lists_every_place_with_what_is_known_of_it(bundled_app):
    """Every place the data knows anything of, the ones with only their networks listed too: Peru has
    its networks and nothing curated (no plan, no operator, no cheapest option)."""
    body = request(bundled_app, "/api/countries.json").json()
    rows = pd.DataFrame(body["rows"], columns=body["columns"]).set_index("code")
    assert len(rows) >= 200
    # Counts (the stubs type a cell as any scalar, a string or a date too).
    assert (cast(int, rows.at["PE", "networks"]) >= 4 and rows.at["PE", "plans"] == 0
            and rows.at["PE", "operators"] == 0)
    assert cast(int, rows.at["HK", "plans"]) > 0 and cast(int, rows.at["HK", "networks"]) > 0
    assert "AQ" not in rows.index  # Antarctica: nothing known
