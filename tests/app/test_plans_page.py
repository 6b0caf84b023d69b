"""AppTest: the Plans page renders, opens shared links, names what it drops, syncs the URL."""

from simatlas import suitability
from tests.app.conftest import fold
from tests.app.share import shared_link
from tests.factories import write_dataset

FILTERS = ("controls.plans",)  # the fold that holds the page's filters (ui.shell.page_controls)


def sentence(at):
    return next(m.value for m in at.markdown if m.value.startswith("## "))


def test_default_view_lists_every_plan(open_link, bundled):
    at = open_link()
    table = at.dataframe[0].value
    assert len(table) == min(len(bundled.plans), 300)
    assert f"{len(bundled.plans)} plans in all places" in sentence(at)
    assert dict(at.query_params) == {}


def test_a_link_opens_the_filtered_view(open_link, bundled):
    at = open_link(country=["HK"], sort="price", cur="HKD", unfold=FILTERS)
    assert at.multiselect(key="w.country").value == ["HK"]
    assert at.selectbox(key="w.plans.sort").value == "price"
    assert at.selectbox(key="w.cur").value == "HKD"
    hk_plans = set(bundled.coverage.query("country == 'HK'")["plan_id"])
    table = at.dataframe[0].value
    assert len(table) == len(hk_plans)
    assert set(table["places"].str.contains("HK")) == {True}
    # What a visitor can buy first, then unknown audience, then what they cannot; cheapest first in each.
    tiers = suitability.reader_tiers(bundled, "visitor")
    names = bundled.plans.set_index("name")
    for tier in (0, 1, 2):
        in_tier = table[[tiers[names.index.get_loc(name)] == tier for name in table["plan"]]]
        shown = in_tier["price_display"].dropna()
        assert list(shown) == sorted(shown)
    order = [tiers[names.index.get_loc(name)] for name in table["plan"]]
    assert order == sorted(order)


def test_invalid_values_are_dropped_with_a_notice_and_the_rest_applies(open_link):
    at = open_link(country=["HK", "XX"], max_price="abc", sim="nano", utm="x", unfold=FILTERS)
    notice = at.warning[0].value
    for fragment in ("XX", "abc", "nano", "utm"):
        assert fragment in notice
    assert at.multiselect(key="w.country").value == ["HK"]
    assert at.number_input(key="w.plans.max_price").value is None
    assert dict(at.query_params) == {"country": "HK"}  # the address is cleaned to what applies


def test_a_second_link_in_the_same_tab_replaces_the_whole_view(open_link):
    # Pasting another link into an open tab: every filter comes from the new link, and the ones it
    # does not mention go back to their defaults (the hostile-link fuzzing relies on this too).
    at = open_link(country=["HK"], sim="esim", hotspot="true", sort="price", nonsense="1", unfold=FILTERS)
    at.query_params.clear()
    at.query_params.update({"min_gb": "5"})
    at.run()
    assert at.multiselect(key="w.country").value == []
    assert at.selectbox(key="w.plans.sim").value == "any"
    assert at.checkbox(key="w.plans.hotspot").value is False
    assert at.number_input(key="w.plans.min_gb").value == 5
    assert not at.warning  # the first link's notice belongs to the first link
    assert dict(at.query_params) == {"min_gb": "5"}


def test_changing_a_widget_updates_the_link(open_link):
    at = open_link(country=["NC"], unfold=FILTERS)
    at.selectbox(key="w.plans.sim").set_value("physical").run()
    assert dict(at.query_params) == {"country": "NC", "sim": "physical"}
    assert "country=NC&sim=physical" in shared_link(at)  # the share box shows the same link


def test_empty_result_says_how_to_widen(open_link):
    at = open_link(country=["HK"], min_days="3000")
    assert not at.dataframe
    assert "lower the minimum validity" in at.info[0].value


def test_chinese_page(open_link):
    at = open_link(lang="zh", country=["NC"])
    assert at.title[0].value == "流量卡与 eSIM 套餐对比"
    assert "新喀里多尼亚" in sentence(at)


def test_broken_data_shows_a_message_not_a_traceback(open_link, tmp_path, data_dir_env):
    folder = write_dataset(tmp_path / "data")
    (folder / "plans.csv").write_text("plan_id\nx\n", encoding="utf-8")
    data_dir_env(folder)
    at = open_link()
    assert "could not be loaded" in at.error[0].value
    assert at.code[0].value.startswith("plans.csv, line 1 (header), column 'operator_id': missing column")


def test_the_plan_open_in_details_lives_in_the_link(open_link, bundled):
    """Choosing a plan in "Plan details" puts it in the link; the link reopens it; the first plan
    shown needs no parameter; a plan not in the view says so and opens the first."""
    at = open_link(country=["HK"], sort="price")
    table = at.dataframe[0].value
    second = bundled.plans.set_index("name").loc[table["plan"].iloc[1], "plan_id"]
    at.selectbox(key="w.plans.plan").select(second).run()
    assert dict(at.query_params)["plan"] == second
    reopened = open_link(country=["HK"], sort="price", plan=second)
    assert reopened.selectbox(key="w.plans.plan").value == second
    first = open_link(country=["HK"], sort="price")
    assert first.selectbox(key="w.plans.plan").value is None and "plan" not in dict(first.query_params)
    picker = first.selectbox(key="w.plans.plan")
    assert picker.placeholder == picker.format_func(None)  # it names the plan whose details it shows
    gone = open_link(country=["HK"], plan="no-such-plan")
    assert any("no-such-plan" in caption.value for caption in gone.caption)
    assert not gone.exception


def test_prices_without_a_rate_are_drawn_as_sold(open_link, bundled):
    """Taiwan's plans are priced in TWD, which has no dated rate: the table shows NT$ and the chart
    draws them in TWD, saying so; the cross-place per-GB chart says why it leaves them out (#25)."""
    from simatlas.i18n import t

    assert "TWD" not in set(bundled.fx_rates["currency"])  # the premise of this test
    at = open_link(country=["TW"])
    captions = [caption.value for caption in at.caption]
    assert t("chart.as_sold", "en", own="TWD", currency="USD") in captions
    assert t("chart.no_rate_to_compare", "en", own="TWD", currency="USD") in captions
    assert t("chart.no_data", "en") not in captions
    drawn = [chart for chart in at.get("vega_lite_chart") if "TWD" in chart.proto.spec]
    assert drawn, "the scatter is drawn in TWD"


def test_closed_filters_are_not_built_yet_hold_the_links_values(open_link, bundled):
    """The filters' fold is built only when opened (ui.shell.lazy_fold): closed, its inputs are not
    drawn, the link's values still filter the view, and a value changed in the open fold outlives
    closing it (persist_state) — in the view, the link and the fold's one-line summary."""
    in_hong_kong = bundled.coverage.query("country == 'HK'")["plan_id"]
    hong_kong = bundled.plans[bundled.plans["plan_id"].isin(in_hong_kong)]
    at = open_link(country=["HK"], billing="postpaid")
    assert not [box for box in at.selectbox if box.key == "w.plans.billing"]
    assert not [box for box in at.multiselect if box.key == "page.places"]
    assert len(at.dataframe[0].value) == (hong_kong["billing"] == "postpaid").sum()
    assert dict(at.query_params) == {"country": "HK", "billing": "postpaid"}
    assert "Hong Kong SAR China · 1 filter set" in [caption.value for caption in at.caption]
    fold(at, "controls.plans")  # the reader opens the fold
    assert at.selectbox(key="w.plans.billing").value == "postpaid"
    at.selectbox(key="w.plans.billing").set_value("prepaid").run()
    fold(at, "controls.plans", opened=False)  # and closes it again
    assert not [box for box in at.selectbox if box.key == "w.plans.billing"]
    assert dict(at.query_params) == {"country": "HK", "billing": "prepaid"}
    assert len(at.dataframe[0].value) == (hong_kong["billing"] == "prepaid").sum()
    assert fold(at, "controls.plans").selectbox(key="w.plans.billing").value == "prepaid"
