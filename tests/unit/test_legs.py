"""A trip through several places (simatlas.legs): hand-computed cases, the link's `leg` values, and the
dynamic programme against a brute force over every segmentation and plan choice (hypothesis)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from simatlas import costs, legs, url_state
from simatlas.legs import Leg, MultiTrip
from simatlas.loader import load_dataset
from tests.factories import write_dataset

# Dated relative to today: a price this old is fresh whenever the test runs.
FRESH = (dt.date.today() - dt.timedelta(days=30)).isoformat()
STALE = "2019-01"

OPERATORS = [
    {"operator_id": "hk-a", "name": "Alpha HK", "country": "HK", "kind": "mno"},
    {"operator_id": "mo-a", "name": "Alpha MO", "country": "MO", "kind": "mno"},
    {"operator_id": "jp-a", "name": "Alpha JP", "country": "JP", "kind": "mno"},
    {"operator_id": "seller", "name": "Seller", "country": "", "kind": "esim_seller"},
]
CANCEL = [{"operator_id": operator["operator_id"], "product": product, "fee": "0", "currency": "EUR"}
          for operator in OPERATORS for product in ("prepaid", "esim")]
FX = [{"currency": "EUR", "per_eur": "1", "as_of": "2026-11-01", "kind": "market"},
      {"currency": "HKD", "per_eur": "8", "as_of": "2026-11-01", "kind": "market"},
      {"currency": "USD", "per_eur": "1.25", "as_of": "2026-11-01", "kind": "market"}]
BASE = {"billing": "prepaid", "unlimited": "no", "currency": "EUR", "sim_fee": "0", "renewable": "yes",
        "audience": "tourist", "requires": "none", "sim_type": "physical", "seen_on": FRESH,
        "source_date": FRESH}
PLANS = [
    # 10 EUR a week in each place (Hong Kong's priced in HKD: costs convert through the EUR pivot)
    {**BASE, "plan_id": "hk-week", "operator_id": "hk-a", "countries": "HK", "name": "HK week",
     "price": "80", "currency": "HKD", "data_gb": "10", "validity_days": "7"},
    {**BASE, "plan_id": "mo-week", "operator_id": "mo-a", "countries": "MO", "name": "MO week",
     "price": "10", "data_gb": "10", "validity_days": "7"},
    # a regional eSIM for both, two weeks
    {**BASE, "plan_id": "seller-asia", "operator_id": "seller", "countries": "HK; MO", "name": "Asia",
     "sim_type": "esim", "price": "18.75", "currency": "USD", "data_gb": "10", "validity_days": "14"},
    # cheaper, but not for a visitor / an add-on / needs a local ID
    {**BASE, "plan_id": "hk-resident", "operator_id": "hk-a", "countries": "HK", "name": "Resident",
     "audience": "resident", "price": "1", "data_gb": "10", "validity_days": "7"},
    {**BASE, "plan_id": "hk-addon", "operator_id": "hk-a", "countries": "HK", "name": "Add-on",
     "requires": "base_plan", "price": "0.5", "data_gb": "10", "validity_days": "7"},
    {**BASE, "plan_id": "hk-id", "operator_id": "hk-a", "countries": "HK", "name": "ID card",
     "requires": "local_id", "price": "2", "data_gb": "10", "validity_days": "7"},
]


def dataset(folder: Path, plans=PLANS, cancellation=CANCEL):
    return load_dataset(write_dataset(folder, operators=OPERATORS, plans=plans, cancellation=cancellation,
                                      fx=FX, countries=[]))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    # Loaded once: nothing here changes a dataset (its memo is filled, never read back changed).
    return dataset(tmp_path_factory.mktemp("legs") / "d")


def trip(*stops: tuple[str, int], **needs) -> MultiTrip:
    return MultiTrip(tuple(Leg(place, days) for place, days in stops), **needs)


def chosen(plan: legs.LegPlan) -> list[tuple[int, int, str]]:
    return [(segment.first_leg, segment.last_leg, segment.plan_id) for segment in plan.segments]


def test_a_regional_card_for_hong_kong_and_macau_beats_two_local_cards(data):
    journey = trip(("HK", 5), ("MO", 4), total_gb=2)
    best = legs.plan_legs(data, journey)
    assert chosen(best) == [(0, 1, "seller-asia")]
    (segment,) = best.segments
    assert (segment.places, segment.days, segment.total_eur) == (("HK", "MO"), 9, 15.0)  # 18.75 USD
    assert (best.total_eur, best.at_least, best.uncovered) == (15.0, False, ())
    assert (segment.operator_id, segment.plan_name) == ("seller", "Asia")
    local = legs.local_card_each_place(data, journey)
    assert chosen(local) == [(0, 0, "hk-week"), (1, 1, "mo-week")]
    assert local.total_eur == 20.0  # 80 HKD + 10 EUR
    whole = legs.one_plan_whole_trip(data, journey)
    assert whole is not None and chosen(whole) == [(0, 1, "seller-asia")] and whole.total_eur == 15.0


def test_back_to_the_first_place_stays_on_the_regional_card(data):
    assert chosen(legs.plan_legs(data, trip(("HK", 5), ("MO", 4), ("HK", 3), total_gb=2))) == [
        (0, 2, "seller-asia")]


def test_data_scales_with_the_days_of_each_run(data):
    # 30 GB over 10 days: 15 GB a leg; each local card twice (20 + 20), the 10-GB regional card
    # three times for the whole trip (45) or twice for one leg (30 + 20)
    best = legs.plan_legs(data, trip(("HK", 5), ("MO", 5), total_gb=30))
    assert chosen(best) == [(0, 0, "hk-week"), (1, 1, "mo-week")]
    assert best.total_eur == 40.0
    assert legs.plan_legs(data, trip(("HK", 5), ("MO", 5), gb_per_day=3)).total_eur == 40.0


def test_a_leg_with_no_option_is_named_and_the_total_is_at_least(data):
    journey = trip(("HK", 3), ("JP", 2))
    best = legs.plan_legs(data, journey)
    assert chosen(best) == [(0, 0, "hk-week")]
    assert (best.uncovered, best.uncovered_places) == ((1,), ("JP",))
    assert (best.total_eur, best.at_least) == (10.0, True)
    assert legs.one_plan_whole_trip(data, journey) is None
    assert legs.local_card_each_place(data, journey).uncovered == (1,)


def test_an_at_least_segment_makes_the_total_at_least(tmp_path):
    # Macau's operator states no cancellation fee: its card's total is a lower bound
    without_mo = [row for row in CANCEL if row["operator_id"] != "mo-a"]
    data = dataset(tmp_path / "d", cancellation=without_mo)
    best = legs.local_card_each_place(data, trip(("HK", 3), ("MO", 2)))
    assert [segment.at_least for segment in best.segments] == [False, True]
    assert best.at_least


def test_the_one_place_rules_apply_to_every_leg(data):
    journey = trip(("HK", 5), ("MO", 4), total_gb=2)
    # a visitor is never offered the resident plan, nobody an add-on on its own
    assert "hk-resident" not in {s.plan_id for s in legs.local_card_each_place(data, journey).segments}
    with_conditions = legs.plan_legs(data, trip(("HK", 5), ("MO", 4), total_gb=2, include_conditional=True))
    assert chosen(with_conditions) == [(0, 0, "hk-id"), (1, 1, "mo-week")]  # 2 + 10 < 15, never the add-on
    resident = legs.plan_legs(data, trip(("HK", 5), ("MO", 4), total_gb=2, who="resident"))
    assert chosen(resident) == [(0, 0, "hk-resident"), (1, 1, "mo-week")]
    assert resident.total_eur == 11.0
    assert resident.left_out.add_ons == 1


def test_the_readers_quote_covers_the_places_it_names(data):
    kiosk = costs.Quote("Kiosk", 12.0, "EUR", data_gb=10, days=14)
    everywhere = legs.plan_legs(data, trip(("HK", 5), ("MO", 4), total_gb=2, quote=kiosk))
    assert chosen(everywhere) == [(0, 1, costs.Quote.PLAN_ID)]
    assert everywhere.segments[0].operator_id is None and everywhere.total_eur == 12.0
    hong_kong_only = costs.Quote("Kiosk", 4.0, "EUR", data_gb=10, days=14)
    best = legs.plan_legs(data, trip(("HK", 5), ("MO", 4), total_gb=2, quote=hong_kong_only,
                                     quote_places=("HK",)))
    assert chosen(best) == [(0, 0, costs.Quote.PLAN_ID), (1, 1, "mo-week")]
    no_rate = costs.Quote("Kiosk", 1.0, "XPF")  # a currency without a rate: left out, as on one place
    assert chosen(legs.plan_legs(data, trip(("HK", 5), ("MO", 4), total_gb=2, quote=no_rate))) == [
        (0, 1, "seller-asia")]


def test_cost_decides_and_freshness_breaks_ties(tmp_path):
    def plan(plan_id: str, countries: str, price: str, source_date: str) -> dict[str, str]:
        return {**BASE, "plan_id": plan_id, "operator_id": "seller", "countries": countries, "name": plan_id,
                "price": price, "data_gb": "10", "validity_days": "14", "source_date": source_date}

    data = dataset(tmp_path / "a", plans=[
        plan("a-old-hk", "HK", "10", STALE), plan("b-new-hk", "HK", "10", FRESH),
        plan("c-new-mo", "MO", "10", FRESH), plan("a-old-both", "HK; MO", "20", STALE)])
    # equal totals (20): fresh local cards before an old regional price, fresh before old per leg
    best = legs.plan_legs(data, trip(("HK", 3), ("MO", 3)))
    assert chosen(best) == [(0, 0, "b-new-hk"), (1, 1, "c-new-mo")]
    assert not any(segment.stale for segment in best.segments)
    cheaper_old = dataset(tmp_path / "b", plans=[plan("a-old-hk", "HK", "9", STALE),
                                                 plan("b-new-hk", "HK", "10", FRESH)])
    (segment,) = legs.plan_legs(cheaper_old, trip(("HK", 3))).segments
    assert (segment.plan_id, segment.stale) == ("a-old-hk", True)  # the cost decides; the page says "old"


def test_fewer_cards_among_equal_totals(tmp_path):
    both = {**PLANS[2], "price": "25"}  # 20 EUR: the same as the two local cards
    data = dataset(tmp_path / "d", plans=[PLANS[0], PLANS[1], both])
    assert chosen(legs.plan_legs(data, trip(("HK", 3), ("MO", 3)))) == [(0, 1, "seller-asia")]


def test_no_legs(data):
    best = legs.plan_legs(data, MultiTrip(()))
    assert (best.segments, best.total_eur, best.at_least, best.uncovered) == ((), 0.0, False, ())
    assert legs.one_plan_whole_trip(data, MultiTrip(())) is None


def test_from_values_reads_the_one_place_planners_names():
    values = {"gb": 12.0, "gb_day": None, "who": "resident", "conditional": True, "q_price": 9.0,
              "q_cur": "HKD", "q_label": "Kiosk", "q_countries": ("HK", "MO"), "cur": "EUR"}
    journey = MultiTrip.from_values(values, (Leg("HK", 2),))
    assert (journey.total_gb, journey.gb_per_day, journey.who, journey.include_conditional) == (
        12.0, None, "resident", True)
    assert journey.quote == costs.Quote("Kiosk", 9.0, "HKD")
    assert journey.quote_places == ("HK", "MO")


# --- The link: leg=PLACE:DAYS ------------------------------------------------------------------------

KNOWN = ("HK", "MO", "JP")
TWELVE = [f"HK:{days}" for days in range(1, 13)]


# Each dropped value with its notice code (the reader reads notice.<code> in their language).
@pytest.mark.parametrize(("values", "expected", "reasons"), [
    (["HK:5"], [("HK", 5)], []),
    (["hk:5"], [("HK", 5)], []),
    ([" HK : 5 "], [("HK", 5)], []),
    (["HK:3", "MO:2", "HK:1"], [("HK", 3), ("MO", 2), ("HK", 1)], []),  # travel order, places again
    (["HK:365"], [("HK", 365)], []),
    ([""], [], []),  # an empty value: no leg, nothing to say
    (["XX:5"], [], [("XX:5", "unknown_choice")]),
    (["HK"], [], [("HK", "malformed")]),
    (["HK:"], [], [("HK:", "malformed")]),
    (["HKG:5"], [], [("HKG:5", "malformed")]),
    (["HK:5:1"], [], [("HK:5:1", "malformed")]),
    ([":5"], [], [(":5", "malformed")]),
    (["HK:0"], [], [("HK:0", "out_of_range")]),
    (["HK:366"], [], [("HK:366", "out_of_range")]),
    (["HK:-2"], [], [("HK:-2", "out_of_range")]),
    (["HK:2.5"], [], [("HK:2.5", "not_a_number")]),
    (["HK:two"], [], [("HK:two", "not_a_number")]),
    (["HK:nan"], [], [("HK:nan", "not_a_number")]),
    (["XX:5", "MO:2"], [("MO", 2)], [("XX:5", "unknown_choice")]),  # the rest of the trip still applies
    ([*TWELVE, "MO:3", "JP:1"], [("HK", days) for days in range(1, 13)],
     [("14 legs", "too_many")]),
    ([*TWELVE[:11], "XX:1", "MO:3"], [*(("HK", days) for days in range(1, 12)), ("MO", 3)],
     [("XX:1", "unknown_choice")]),  # a dropped value is not a leg: it does not count towards 12
    (["HK:" + "1" * 300], [], [("HK:111111111111111111111111111111111111…", "too_long")]),
])
def test_parse_legs(values, expected, reasons):
    found, dropped = legs.parse_leg_values(values, KNOWN)
    assert found == tuple(Leg(place, days) for place, days in expected)
    assert [(item.value, item.reason) for item in dropped] == reasons


def test_leg_values_round_trip():
    journey = (Leg("HK", 3), Leg("MO", 2), Leg("HK", 1))
    assert legs.leg_values(journey) == ["HK:3", "MO:2", "HK:1"]
    assert legs.parse_leg_values(legs.leg_values(journey), KNOWN) == (journey, [])


def test_dropped_values_carry_the_link_notice_codes():
    _, dropped = legs.parse_leg_values(["XX:1", "HK:0", "HK:x", "HK"], KNOWN)
    assert [item.reason for item in dropped] == [
        "unknown_choice", "out_of_range", "not_a_number", "malformed"]
    assert {item.name for item in dropped} == {"leg"}


# --- The link through url_state: `leg` with every other parameter --------------------------------------

TRIP_PARAMS = url_state.page_params("trip")
CHOICES = {"country": KNOWN, "leg": KNOWN, "q_countries": KNOWN}  # the places a link may name


def test_legs_parse_with_the_trip_pages_other_parameters():
    parsed = url_state.parse_query({"leg": ["hk:5", "MO:3", "XX:2", "HK:0", "HK"], "gb": ["8"]},
                                   TRIP_PARAMS, CHOICES)
    assert parsed.values["leg"] == ("HK:5", "MO:3")
    assert parsed.values["gb"] == 8.0
    assert [(item.value, item.reason) for item in parsed.dropped] == [
        ("XX:2", "unknown_choice"), ("HK:0", "out_of_range"), ("HK", "malformed")]
    assert url_state.serialise(parsed.values, TRIP_PARAMS)["leg"] == ["HK:5", "MO:3"]
    journey = MultiTrip.from_values(parsed.values)
    assert (journey.legs, journey.total_gb) == ((Leg("HK", 5), Leg("MO", 3)), 8.0)


def test_one_leg_is_the_one_place_planners_country_and_days():
    parsed = url_state.parse_query({"leg": ["MO:4"], "country": ["HK", "JP"], "days": ["9"]},
                                   TRIP_PARAMS, CHOICES)
    assert (parsed.values["leg"], parsed.values["country"], parsed.values["days"]) == ((), ("MO",), 4)
    assert url_state.serialise(parsed.values, TRIP_PARAMS) == {"country": ["MO"], "days": ["4"]}
    # on a page without `leg`, the name is not a setting at all
    plans = url_state.parse_query({"leg": ["MO:4"]}, url_state.page_params("plans"), CHOICES)
    assert [item.reason for item in plans.dropped] == ["unknown_param"]


def test_a_stop_reads_plainly_in_a_shared_link():
    query = url_state.serialise({"leg": ("HK:5", "MO:3")}, TRIP_PARAMS)
    assert url_state.share_url("http://x", "trip", query) == "http://x/trip?leg=HK:5&leg=MO:3"


def test_the_needs_of_the_one_place_planner_apply_to_every_leg(data):
    # eSIM only: the regional eSIM is the only plan left for both places
    journey = trip(("HK", 5), ("MO", 4), total_gb=2, esim_only=True)
    assert chosen(legs.plan_legs(data, journey)) == [(0, 1, "seller-asia")]
    assert legs.local_card_each_place(data, journey).segments[0].plan_id == "seller-asia"
    values = {"leg": ("HK:5", "MO:4"), "esim": True, "hotspot": True}
    assert MultiTrip.from_values(values).needs == ("hotspot",)
    assert MultiTrip.from_values(values).esim_only


# --- The answer as rows, notes and a timeline ---------------------------------------------------------


def test_answer_rows_name_the_legs_days_and_evidence_of_every_plan_to_buy(data):
    journey = trip(("HK", 3), ("MO", 2), ("JP", 4))
    found = legs.answer(data, journey)
    rows = legs.answer_rows(data, found, "EUR", "en")
    assert list(rows.columns) == list(legs.ROW_COLUMNS)
    best = rows[rows["option"] == "best"]
    assert best[["legs", "places", "first_day", "last_day", "days"]].values.tolist() == [
        ["1;2", "HK;MO", 1, 5, 5], ["3", "JP", 6, 9, 4]]
    regional, missing = best.to_dict("records")
    assert (regional["plan_id"], regional["total"], regional["total_text"]) == ("seller-asia", 15.0, "€15.00")
    assert (regional["total_original"], regional["currency"]) == (18.75, "USD")
    assert regional["source_url"] and regional["reasoning"] == "1 × 14-day pass"
    assert pd.isna(missing["plan_id"]) and pd.isna(missing["total"])  # named, with no price
    assert set(rows["option_total"][rows["option"] == "best"]) == {15.0}
    assert bool(best["option_at_least"].iloc[0])  # Japan is left out of the total
    each = rows[rows["option"] == "each_place"]
    assert each["plan_id"].tolist()[:2] == ["hk-week", "mo-week"]
    assert "one_plan" not in set(rows["option"])  # nothing works in Japan


def test_notes_name_the_missing_stop_and_weigh_each_alternative(data):
    found = legs.answer(data, trip(("HK", 5), ("MO", 4), total_gb=2))
    said = legs.notes(data, found, "EUR", "en")
    assert said.missing == ()
    assert said.alternatives == (
        "A local card in every place: €20.00 — €5.00 more than the cheapest",
        "One plan for the whole trip: €15.00 — this is the cheapest way above")
    missing = legs.notes(data, legs.answer(data, trip(("HK", 3), ("JP", 2))), "EUR", "zh")
    assert missing.missing == (
        "日本没有适合游客 / 短期停留且有价格的方案：请输入你手上的报价，或考虑漫游。总价未包含这一站。",)
    assert missing.alternatives[1] == "全程一个套餐：我们的数据中没有在每一站都能用的套餐。"
    assert missing.lines()[0] == missing.missing[0]


def test_the_timeline_has_the_stops_then_each_options_plans_along_the_days(data):
    journey = trip(("HK", 5), ("MO", 4), ("JP", 1))
    found = legs.answer(data, journey)
    bars = legs.timeline(legs.answer_rows(data, found, "EUR", "en"), journey, "en")
    stops = bars[bars["track"] == "Stops"]
    assert stops[["start", "end", "label"]].values.tolist() == [[0, 5, "HK"], [5, 9, "MO"], [9, 10, "JP"]]
    best = bars[bars["track"] == "Cheapest"]
    assert best[["start", "end", "color_key"]].values.tolist() == [[0, 9, "seller-asia"], [9, 10, "missing"]]
    assert best["label"].tolist() == ["Seller", ""]  # one day of ten is too short a bar for words
    assert "Japan: no priced option here" in best["detail"].iloc[1]
    # a plan keeps its fill on every row: the chart keys colours by plan
    assert set(bars["color_key"]) >= {"seller-asia", "hk-week", "mo-week", "missing"}
