"""Who can use a plan, what it needs, how old its price is: each rule pinned, table-driven."""

from __future__ import annotations

import datetime as dt
from typing import cast

import numpy as np
import pandas as pd
import pytest

from simatlas import costs, fees, places, suitability
from simatlas.loader import load_dataset
from tests.factories import OPERATORS, write_dataset

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("source_date", "lang", "expected"),
    [
        ("2019-10-02", "en", "as of Oct 2, 2019 · may be outdated"),
        ("2026-03-15", "en", "as of Mar 15, 2026"),
        ("2025-06-01", "en", "as of Jun 1, 2025"),  # 548 days before TODAY: still fresh
        ("2025-05-31", "en", "as of May 31, 2025 · may be outdated"),  # 549 days: stale
        ("2025-06", "en", "as of Jun 2025"),  # a month: counted from its first day, 548 days
        ("2025-05", "en", "as of May 2025 · may be outdated"),
        ("2025", "en", "as of 2025 · may be outdated"),  # a year: from 1 Jan 2025, 699 days
        ("", "en", "undated source · may be outdated"),
        (None, "en", "undated source · may be outdated"),
        ("2019-10-02", "zh", "价格截至 2019年10月2日 · 可能已过时"),
        ("2019-10", "zh", "价格截至 2019年10月 · 可能已过时"),
        ("", "zh", "来源未注明日期 · 可能已过时"),
    ],
)
def test_price_age_label(source_date, lang, expected):
    assert suitability.price_age_label(source_date, lang, TODAY) == expected


@pytest.mark.parametrize(
    ("audience", "who", "expected"),
    [
        ("tourist", "visitor", "visitors"),
        ("any", "visitor", "anyone"),
        ("resident", "visitor", "residents only ⚠ not for visitors"),
        ("resident", "resident", "residents only"),
        ("tourist", "resident", "visitors"),
        (None, "visitor", "unknown"),
    ],
)
def test_audience_label_marks_what_the_reader_cannot_buy(audience, who, expected):
    assert suitability.audience_label(audience, who, "en") == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("base_plan; operator_sim; time_window",
         "a base plan (add-on), the operator's own SIM, and set days or hours only"),
        ("none", "nothing else"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_requirements_label(cell, expected):
    assert suitability.requirements_label(cell, "en") == expected


def _plan(plan_id: str, price: str, **cells: str) -> dict[str, str]:
    return {"plan_id": plan_id, "operator_id": "hk-alpha", "countries": "HK", "name": plan_id,
            "price": price, "data_gb": "10", "validity_days": "7", "audience": "tourist",
            "requires": "none", "source_date": "2026-10-01", "sim_fee": "0", **cells}


PLANS = [
    _plan("fresh", "20"),
    _plan("resident-cheap", "1", audience="resident"),
    _plan("add-on-cheap", "2", requires="base_plan; operator_sim; time_window"),
    _plan("id-cheap", "3", requires="local_id; min_term"),
    _plan("sunday-cheap", "4", requires="time_window"),
    _plan("stale-cheap", "5", source_date="2019-10-02"),
    _plan("undated-cheap", "6", source_date=""),
    _plan("unknown-audience", "7", audience=""),
    _plan("needs-own-sim", "15", requires="operator_sim"),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(write_dataset(tmp_path_factory.mktemp("fit"), operators=OPERATORS, plans=PLANS))


def _trip(**options) -> costs.Trip:
    return costs.Trip(("HK",), days=7, total_gb=5, **options)


def test_a_visitor_is_never_recommended_what_they_cannot_buy_or_use(data):
    answer = costs.plan_trip(data, _trip(), "EUR", "en")
    ranked = list(answer.options["plan_id"])
    assert not {"resident-cheap", "add-on-cheap", "id-cheap", "sunday-cheap"} & set(ranked)
    # Fresh and known audience first (cheapest first among them), unknown audience next, stale last.
    assert ranked == ["needs-own-sim", "fresh", "unknown-audience", "stale-cheap", "undated-cheap"]
    assert answer.left_out == suitability.LeftOut(not_for_reader=1, add_ons=1, conditions=2)


def test_the_toggle_brings_back_conditional_plans_but_never_an_add_on(data):
    answer = costs.plan_trip(data, _trip(include_conditional=True), "EUR", "en")
    ranked = list(answer.options["plan_id"])
    assert ranked[:2] == ["id-cheap", "sunday-cheap"]
    assert "add-on-cheap" not in ranked and "resident-cheap" not in ranked
    assert answer.left_out.conditions == 0 and answer.left_out.add_ons == 1


def test_a_resident_may_buy_resident_plans_and_meet_an_id_rule(data):
    ranked = list(costs.plan_trip(data, _trip(who="resident"), "EUR", "en").options["plan_id"])
    assert ranked[:2] == ["resident-cheap", "id-cheap"]
    assert "add-on-cheap" not in ranked and "sunday-cheap" not in ranked


def test_a_pack_on_the_operators_own_sim_is_at_least_its_price(data):
    options = costs.plan_trip(data, _trip(), "EUR", "en").options.set_index("plan_id")
    assert options.loc["needs-own-sim", "at_least"]
    assert options.loc["needs-own-sim", "total_text"] == "at least €15.00"
    assumptions = cast(str, options.loc["needs-own-sim", "assumptions"])  # the stubs: any scalar
    assert "the operator's SIM, bought separately" in assumptions


def test_the_price_age_and_conditions_travel_with_every_option(data):
    options = costs.plan_trip(data, _trip(), "EUR", "en").options.set_index("plan_id")
    assert options.loc["stale-cheap", "stale"] and not options.loc["fresh", "stale"]
    assert options.loc["fresh", "requires"] == "nothing else"
    assert options.loc["unknown-audience", "audience"] == "unknown"


def test_left_out_line_names_each_reason(data):
    left_out = suitability.LeftOut(not_for_reader=1, add_ons=1, conditions=2)
    line = suitability.left_out_text(left_out, "visitor", False, "en")
    assert line == ("Left out of this answer: residents-only plans (1), add-ons that need a base plan (1), "
                    "and plans that need a local ID or address, a contract or a set day (2).")
    assert suitability.left_out_text(suitability.LeftOut(), "visitor", False, "en") == ""


@pytest.mark.parametrize(
    ("stale", "unknown_audience", "totals", "expected"),
    [
        ([True, False], [False, False], [1.0, 9.0], [1, 0]),  # fresh beats a cheaper stale price
        ([False, False], [True, False], [1.0, 9.0], [1, 0]),  # known audience beats unknown
        ([False, False], [False, False], [np.nan, 9.0], [1, 0]),  # a known total beats an unknown
        ([False, False], [False, False], [5.0, 3.0], [1, 0]),  # then the cheapest
    ],
)
def test_recommendation_order(stale, unknown_audience, totals, expected):
    order = suitability.recommendation_order(np.array(stale), np.array(unknown_audience), np.array(totals),
                                             np.arange(len(totals)))
    assert list(order) == expected


def test_best_options_of_a_place_follow_the_same_rules(data):
    best = places.best_options(data, "HK")
    assert best.short is not None
    assert best.short["plan_id"] == "needs-own-sim"
    assert best.left_out.not_for_reader == 1 and best.left_out.add_ons == 1


def test_overview_cheapest_is_a_plan_a_visitor_can_buy_with_its_age(data):
    table = places.overview(data, "EUR", "en").set_index("code")
    # Costed for a week's trip (the planner's default): the pack needs the operator's SIM, bought apart.
    assert table.loc["HK", "cheapest"] == "needs-own-sim · at least €15.00 · as of Oct 1, 2026"


def test_a_quote_is_costed_like_a_plan_and_ranked_among_them(data):
    quote = costs.Quote(label="Airport eSIM", price=12.0, currency="EUR", data_gb=10, days=7, sim="esim")
    options = costs.plan_trip(data, _trip(quote=quote), "EUR", "en").options
    assert list(options["plan_id"][:2]) == [costs.Quote.PLAN_ID, "needs-own-sim"]
    row = options.iloc[0]
    assert row["plan"] == "Airport eSIM" and row["total"] == 12.0
    assert row["total_text"] == "€12.00"  # every field given: the reader's own price is the whole price
    assert row["assumptions"] == ""
    longer = costs.plan_trip(data, costs.Trip(("HK",), days=15, total_gb=5, quote=quote), "EUR", "en")
    assert longer.options.set_index("plan_id").loc[costs.Quote.PLAN_ID, "total"] == 36.0  # 3 × 7-day


def test_a_quote_without_days_or_data_says_what_it_assumed(data):
    quote = costs.Quote(label="Kiosk", price=30.0, currency="USD")
    row = costs.plan_trip(data, _trip(quote=quote), "EUR", "en").options.set_index("plan_id").loc[
        costs.Quote.PLAN_ID]
    assert row["total"] == 20.0  # 30 USD at 1.5 per EUR
    assert "days not given" in row["assumptions"] and "GB not given" in row["assumptions"]


def test_quote_from_link_values():
    assert costs.quote_from_values({"q_price": None, "q_label": "x"}) is None
    quote = costs.quote_from_values({"q_price": 9.5, "q_label": None, "cur": "HKD", "q_days": 7})
    assert quote == costs.Quote(label="", price=9.5, currency="HKD", days=7)


def test_an_unknown_price_is_never_a_first_payment(tmp_path):
    plans = [_plan("priced", "10"), _plan("unpriced", "", monthly_admin_fee="18", billing="postpaid")]
    data = load_dataset(write_dataset(tmp_path / "d", plans=plans))
    breakdown = fees.fee_breakdown(data, data.plans, "EUR", "en").set_index("plan_id")
    # Not "just the admin fee". (pandas-stubs: isna's scalar overload lacks Period, Interval and numpy.bool,
    # all in the type it gives a cell, frame.loc[row, column]; at run time isna takes any value.)
    assert pd.isna(breakdown.loc["unpriced", "first_total"])  # type: ignore[arg-type]
    assert breakdown.loc["priced", "first_total"] == 10.0
    drawn = fees.cost_makeup(breakdown.reset_index(), "en")["plan"]
    assert drawn.str.contains("priced").any() and not drawn.str.contains("unpriced").any()
