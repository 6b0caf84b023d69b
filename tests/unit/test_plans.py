import io

import pandas as pd
import pytest

from simatlas import plans, suitability
from simatlas.describe import describe_plans, widening_hints
from simatlas.loader import load_dataset
from simatlas.plans import PlanFilter, filter_plans, match_positions
from tests.factories import FX, write_dataset


def ids(frame):
    return list(frame["plan_id"])


@pytest.mark.parametrize(
    ("plan_filter", "expected"),
    [
        (PlanFilter(sort="price"), ["hk-a-small", "seller-asia", "nc-month", "hk-a-big"]),
        (PlanFilter(countries=("NC",), sort="price"), ["seller-asia", "nc-month"]),
        (PlanFilter(countries=("HK",), sort="price"), ["hk-a-small", "seller-asia", "hk-a-big"]),
        (PlanFilter(operators=("hk-alpha",), sort="price"), ["hk-a-small", "hk-a-big"]),
        (PlanFilter(sim="esim"), ["seller-asia"]),
        (PlanFilter(billing="postpaid"), []),
        # unlimited meets any minimum; 1 GB does not meet 5 GB
        (PlanFilter(min_gb=5, sort="price"), ["seller-asia", "nc-month", "hk-a-big"]),
        # unknown validity does not meet a minimum validity
        (PlanFilter(min_days=7, sort="price"), ["hk-a-small", "nc-month", "hk-a-big"]),
        # yes-only toggles keep a sourced yes, never an unknown
        (PlanFilter(needs=("hotspot",)), ["hk-a-small"]),
        (PlanFilter(needs=("five_g",)), ["hk-a-big"]),
        (PlanFilter(needs=("local_number",)), []),
        # max price is in the display currency: 15 USD at 1.5/EUR = 10 EUR
        (PlanFilter(max_price=10, currency="EUR", sort="price"), ["hk-a-small", "seller-asia"]),
        (PlanFilter(max_price=15, currency="USD", sort="price"), ["hk-a-small", "seller-asia"]),
        (PlanFilter(max_price=14.9, currency="USD", sort="price"), []),
    ],
)
def test_filters(tiny, plan_filter, expected):
    assert sorted(ids(filter_plans(tiny, plan_filter))) == sorted(expected)
    if plan_filter.sort == "price":
        assert ids(filter_plans(tiny, plan_filter)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # per GB: 10/1=10, 30/20=1.5, 20/10=2 EUR; unlimited has no per-GB price: last
        ("price_per_gb", ["hk-a-big", "nc-month", "hk-a-small", "seller-asia"]),
        ("data", ["seller-asia", "hk-a-big", "nc-month", "hk-a-small"]),
        ("validity", ["nc-month", "hk-a-big", "hk-a-small", "seller-asia"]),
        ("price_per_day", ["nc-month", "hk-a-big", "hk-a-small", "seller-asia"]),
    ],
)
def test_sort_keeps_unknown_last(tiny, sort, expected):
    assert ids(filter_plans(tiny, PlanFilter(sort=sort))) == expected


def test_display_currency_conversion(tiny):
    matched = filter_plans(tiny, PlanFilter(currency="XPF")).set_index("plan_id")
    assert matched.loc["hk-a-small", "price_display"] == pytest.approx(10 * 119.331742)
    assert matched.loc["nc-month", "price_display"] == pytest.approx(2386.63)
    # pandas-stubs: isna's scalar overload lacks Period, Interval and numpy.bool, all in the type it gives a
    # cell (frame.loc[row, column]); at run time isna takes any value.
    assert pd.isna(matched.loc["seller-asia", "price_per_gb_display"])  # type: ignore[arg-type]


def test_table_is_bounded_and_labels_unknown(tiny):
    matched = filter_plans(tiny, PlanFilter())
    table = plans.table_frame(matched, tiny, "en", limit=2)
    assert len(table) == 2
    full = plans.table_frame(matched, tiny, "en").set_index("plan")
    assert full.loc["Asia", "data"] == "unlimited (5 GB fair use)"
    assert full.loc["Asia", "sim"] == "eSIM"


def test_download_has_exactly_the_filtered_rows(tiny):
    matched = filter_plans(tiny, PlanFilter(countries=("HK",), sort="price"))
    rows = pd.read_csv(io.BytesIO(plans.download_csv(matched, "EUR")), encoding="utf-8-sig")
    assert list(rows["plan_id"]) == ["hk-a-small", "seller-asia", "hk-a-big"]
    assert set(rows["display_currency"]) == {"EUR"}


def test_chart_points_send_only_encoded_columns(tiny):
    points = plans.chart_points(filter_plans(tiny, PlanFilter()), tiny)
    assert list(points.columns) == ["plan", "operator", "operator_id", "place", "data_gb", "price", "days"]
    assert points.set_index("plan").loc["Asia", "data_gb"] == 5  # unlimited drawn at its cap


def test_price_per_gb_by_country_is_aggregated(tiny):
    summary = plans.price_per_gb_by_country(tiny, match_positions(tiny, PlanFilter()), "USD", (), "en")
    assert len(summary) == 4  # 2 places × (median, cheapest)
    hk = summary[summary["place"] == "Hong Kong SAR China"].set_index("measure")["value"]
    # HK per GB: 10 and 1.5 EUR (the unlimited plan has none), shown in USD at 1.5 per EUR
    assert hk["cheapest"] == pytest.approx(2.25)
    assert hk["median"] == pytest.approx(8.62, abs=0.01)


@pytest.mark.parametrize(
    ("plan_filter", "count", "lang", "sentence"),
    [
        (PlanFilter(), 4, "en", "4 plans in all places, price per GB, cheapest first."),
        (PlanFilter(sim="esim", countries=("HK",), max_price=100, currency="HKD"), 12, "en",
         "12 eSIM plans in Hong Kong SAR China under HK$100.00, price per GB, cheapest first."),
        (PlanFilter(countries=("NC", "HK"), min_gb=5, sort="price"), 1, "en",
         "1 plan in New Caledonia and Hong Kong SAR China with at least 5 GB, price, cheapest first."),
        (PlanFilter(sim="esim", countries=("NC",)), 3, "zh",
         "新喀里多尼亚的eSIM 套餐共 3 个，按每 GB 单价从低到高。"),
    ],
)
def test_description_is_generated_from_the_filter(plan_filter, count, lang, sentence):
    assert describe_plans(plan_filter, count, lang, {}) == sentence


def test_widening_hints_name_only_active_filters():
    assert widening_hints(PlanFilter(), "en") == ""
    assert widening_hints(PlanFilter(sim="esim", max_price=5), "en") == (
        "allow any SIM type; raise or clear the maximum price"
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from bench.synthetic import write_synthetic
    from simatlas.loader import load_dataset

    return load_dataset(write_synthetic(tmp_path_factory.mktemp("synthetic"), 3000))


@pytest.mark.parametrize("sort", sorted(plans.SORT_COLUMNS))
def test_a_view_order_from_the_shared_sort_matches_sorting_the_rows_themselves(synthetic, sort):
    # The order of every plan is computed once per dataset; a filtered view picks its rows from it.
    place = synthetic.coverage["country"].iloc[0]
    for plan_filter in (PlanFilter(sort=sort), PlanFilter(countries=(place,), sort=sort, needs=("hotspot",))):
        positions = match_positions(synthetic, plan_filter)
        candidates = plans.plans_in_countries(synthetic, plan_filter.countries)
        if "hotspot" in plan_filter.needs:
            candidates = candidates[candidates["hotspot"] == "yes"]
        column, ascending = plans.SORT_COLUMNS[sort]
        key = (candidates["data_gb"].where(candidates["unlimited"] != "yes", float("inf"))
               if column == "data_rank" else candidates[column]).astype(float)
        # What a visitor can buy first, then unknown audience, then what they cannot; then the key.
        tier = pd.Series(suitability.reader_tiers(synthetic, "visitor"), index=synthetic.plans.index)
        expected = candidates.assign(key=key if ascending else -key, tier=tier[candidates.index]).sort_values(
            ["tier", "key", "price_eur", "plan_rank"], na_position="last", kind="stable")
        assert list(synthetic.plans["plan_id"].to_numpy()[positions]) == list(expected["plan_id"])


def test_the_plans_view_is_the_page_s_pieces_and_each_caller_gets_its_own_copy(bundled):
    plan_filter = PlanFilter.from_values({"country": ("HK",), "sort": "price"})
    matched = match_positions(bundled, plan_filter)
    shown = plans.rows(bundled, matched[: plans.TABLE_ROW_LIMIT], "EUR")
    view = plans.plans_view(bundled, plan_filter, "EUR", "en")
    assert view.count == len(matched) > 0
    pd.testing.assert_frame_equal(view.table, plans.table_frame(shown, bundled, "en", sort="price",
                                                                currency="EUR"))
    per_gb = plans.price_per_gb_by_country(bundled, matched, "EUR", ("HK",), "en")
    pd.testing.assert_frame_equal(view.per_gb, per_gb)
    view.table.iloc[0, 0] = "changed by one page run"
    del view.shown[view.shown.columns[0]]  # a change in place, as a page might make
    again = plans.plans_view(bundled, plan_filter, "EUR", "en")
    assert again.table.iloc[0, 0] != "changed by one page run"
    assert list(again.shown.columns) == list(shown.columns)
    in_dollars = plans.plans_view(bundled, plan_filter, "HKD", "en")  # another view, not the cached one
    assert in_dollars.per_gb["value"].iloc[0] != again.per_gb["value"].iloc[0]


def test_a_plan_is_found_by_id_without_a_scan(bundled):
    from simatlas import history

    plan_id = bundled.plans["plan_id"].iloc[7]
    assert history.plan_position(bundled, plan_id) == 7
    assert history.plan_position(bundled, "no-such-plan") is None
    assert history.price_history(bundled, plan_id)["current"].iloc[-1]


def test_the_table_leads_with_the_answer_and_the_sort_key(tmp_path):
    """Plan, place, price (as sold and converted), the sort key, how old the price is, who can buy."""
    data = load_dataset(write_dataset(tmp_path / "d"))
    for sort, key in plans.SORT_TABLE_COLUMNS.items():
        shown = plans.rows(data, match_positions(data, PlanFilter(sort=sort)), "USD")
        table = plans.table_frame(shown, data, "en", sort=sort, currency="USD")
        assert list(table.columns[:3]) == ["plan", "places", "price"]
        assert key in list(table.columns[3:5]), (sort, list(table.columns))
        assert {"price_age", "audience"} <= set(table.columns[:7])


def test_a_price_without_a_rate_is_shown_in_its_own_currency(tmp_path):
    no_xpf = [rate for rate in FX if rate["currency"] != "XPF"]
    data = load_dataset(write_dataset(tmp_path / "d", fx=no_xpf))
    shown = plans.rows(data, match_positions(data, PlanFilter(countries=("NC",))), "USD")
    table = plans.table_frame(shown, data, "en", currency="USD").set_index("plan")
    assert table.loc["Month", "price"] == "CFPF\xa02,387 (no USD rate recorded)"
    assert pd.isna(table.loc["Month", "price_display"])  # type: ignore[arg-type]  # stubs: see above
