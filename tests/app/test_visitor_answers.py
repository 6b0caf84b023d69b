"""AppTest: the answers a visitor acts on — who can buy, what it needs, how old the price is, their quote."""

from simatlas import costs, suitability
from simatlas.i18n import t


def _texts(at) -> str:
    """Everything the page says, Markdown escapes removed (data text is escaped before rendering)."""
    parts = [e.value for group in (at.markdown, at.caption, at.info, at.warning) for e in group]
    return "\n".join(parts).replace("\\", "")


def test_trip_link_with_a_quote_costs_it_among_the_plans(open_link, bundled):
    at = open_link("pages/trip.py", country=["NC"], q_label="Airport eSIM", q_price="20", q_cur="USD",
                   q_gb="10", q_days="7")
    assert at.text_input(key="w.trip.q_label").value == "Airport eSIM"
    table = at.dataframe[0].value
    assert list(table["plan"]) == ["Airport eSIM"]  # NC has no priced plan a visitor can buy
    assert list(table["total_text"]) == ["at least US$20.00"]
    texts = _texts(at)
    assert "### Airport eSIM (Your quote): at least US$20.00" in texts  # the answer comes first
    assert "residents-only plans (3)" in texts  # what was left out, and why


def test_quote_typed_into_the_page_goes_into_the_link(open_link):
    at = open_link("pages/trip.py", country=["HK"])
    at.number_input(key="w.trip.q_price").set_value(88).run()
    at.text_input(key="w.trip.q_label").set_value("Kiosk").run()
    assert dict(at.query_params) == {"country": "HK", "q_label": "Kiosk", "q_price": "88"}
    assert "Kiosk" in list(at.dataframe[0].value["plan"])


def test_a_bad_quote_in_a_link_is_dropped_with_a_notice(open_link):
    at = open_link("pages/trip.py", country=["HK"], q_price="free", q_cur="ZZZ")
    notice = at.warning[0].value.replace("\\", "")
    assert "q_price = “free” is not a number" in notice and "q_cur = “ZZZ” is not an option" in notice
    assert "q_price" in notice and "free" in notice and "q_cur" in notice and "ZZZ" in notice
    assert costs.Quote.PLAN_ID not in " ".join(at.dataframe[0].value["plan"])


def test_hong_kong_trip_shows_the_age_of_the_best_price_and_warns_when_stale(open_link, bundled):
    at = open_link("pages/trip.py", country=["HK"], days="7", lang="zh")
    best = costs.plan_trip(bundled, costs.Trip(("HK",), 7, 5.0), "USD", "zh").options.iloc[0]
    table = at.dataframe[0].value
    assert table.iloc[0]["plan"] == best["plan"] and table.iloc[0]["price_age"] == best["price_age"]
    assert best["price_age"].startswith("价格截至") or best["price_age"].startswith("来源未注明日期")
    if best["stale"]:
        assert t("fit.stale_answer", "zh") in _texts(at)


def test_a_visitor_is_never_shown_a_resident_plan_as_best(open_link, bundled):
    at = open_link("pages/trip.py", country=["NC"], days="30", gb="10")
    assert not at.dataframe  # the only priced NC plans are resident postpaid forfaits
    assert t("trip.no_priced", "en") in _texts(at)
    resident = open_link("pages/trip.py", country=["NC"], days="30", gb="10", who="resident")
    assert set(resident.dataframe[0].value["plan"]) <= set(bundled.plans.query("countries == 'NC'")["name"])
    assert len(resident.dataframe[0].value) > 0


def test_nc_cancellation_says_no_rule_recorded_not_clear_your_filters(open_link):
    at = open_link("pages/cancellation.py", country=["NC"], lang="zh")
    texts = _texts(at)
    assert t("policy.empty", "zh") not in texts
    assert "暂无 OPT-NC 的规则记录" in texts
    assert t("facts.title", "zh") in texts and t("find_out.title", "zh") in texts
    assert "helia.nc" in texts


def test_filters_the_reader_set_are_named_when_nothing_matches(open_link):
    at = open_link("pages/cancellation.py", country=["NC"], product=["esim"])
    assert t("policy.empty", "en") in _texts(at)


def test_nc_profile_shows_the_visitor_card_and_where_to_ask(open_link):
    at = open_link("pages/countries.py", place="NC")
    texts = _texts(at)
    assert "Tourism card" in texts and "as of Oct 2023" in texts
    assert t("place.no_priced", "en") in texts
    overview = at.dataframe[-1].value.set_index("place")
    assert overview.loc["New Caledonia", "online_cancel"] == "no rule recorded (1 operator)"


def test_plans_table_marks_residents_only_and_shows_price_age(open_link):
    at = open_link(country=["NC"])
    table = at.dataframe[0].value.set_index("plan")
    marked = suitability.audience_label("resident", "visitor", "en")
    assert table.loc["Forfait M 5 heures", "audience"] == marked == "residents only ⚠ not for visitors"
    assert table.loc["Forfait M 5 heures", "price_age"] == "as of Nov 2019 · may be outdated"


def test_one_place_concept_country_or_place_opens_the_same_profile(open_link):
    by_country = open_link("pages/countries.py", country=["NC"])
    by_place = open_link("pages/countries.py", place="NC")
    def profile(at) -> list[str]:
        return [h.value for h in at.main.header]

    assert profile(by_country) == profile(by_place) == ["New Caledonia"]
    overview = open_link("pages/countries.py", country=["NC", "HK"])
    assert profile(overview) == []  # two places: the comparison, no single profile
