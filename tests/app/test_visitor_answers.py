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
    assert list(table["plan"])[:2] == ["Airport eSIM", "Tourism Card (from 1 Jan 2024)"]
    assert table["total_text"].iloc[0] == "US$20.00"  # every field of the quote given: not "at least"
    texts = _texts(at)
    assert "### Airport eSIM (Your quote): US$20.00" in texts  # the answer comes first


def test_quote_typed_into_the_page_goes_into_the_link(open_link):
    at = open_link("pages/trip.py", country=["HK"], unfold=("quote.trip",))
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
    residents_only = set(bundled.plans.query("countries == 'KR' and audience == 'resident'")["name"])
    assert residents_only  # KT's and SKT's plans for foreigners living in Korea
    at = open_link("pages/trip.py", country=["KR"], days="30", gb="5")
    assert not residents_only & set(at.dataframe[0].value["plan"])
    assert "residents-only plans (2)" in _texts(at)  # what was left out, and why
    resident = open_link("pages/trip.py", country=["KR"], days="30", gb="5", who="resident")
    assert residents_only <= set(resident.dataframe[0].value["plan"])


def test_nc_cancellation_says_no_rule_recorded_not_clear_your_filters(open_link):
    at = open_link("pages/cancellation.py", country=["NC"], lang="zh")
    texts = _texts(at)
    assert t("policy.empty", "zh") not in texts
    assert "暂无 Helia by OPT-NC 的规则记录" in texts
    assert t("facts.title", "zh") in texts and t("find_out.title", "zh") in texts
    assert "helia.nc" in texts


def test_filters_the_reader_set_are_named_when_nothing_matches(open_link):
    at = open_link("pages/cancellation.py", country=["NC"], product=["esim"])
    assert t("policy.empty", "en") in _texts(at)


def test_nc_profile_shows_the_visitor_card_and_where_to_ask(open_link):
    at = open_link("pages/countries.py", place="NC", unfold=("countries.compare",))
    texts = _texts(at)
    # OPT's own page: the Tourism Card, 5 000 F for 3 months, with its date and its own words.
    assert "Tourism Card (from 1 Jan 2024) (Helia by OPT-NC): at least US$46.87 in all" in texts
    assert "as of Oct 4, 2023" in texts
    assert "The source says (French): «" in texts and "5 000 F TTC" in texts
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert "Plan a 7-day trip here →" in links and "Plan a 30-day trip here →" in links
    overview = at.dataframe[-1].value.set_index("place")
    assert overview.loc["New Caledonia", "online_cancel"] == "no rule recorded (1 operator)"


def test_plans_table_marks_residents_only_and_shows_price_age(open_link):
    at = open_link(country=["KR"])
    table = at.dataframe[0].value.set_index("plan")
    marked = suitability.audience_label("resident", "visitor", "en")
    assert table.loc["5G 웰컴 5", "audience"] == marked == "residents only ⚠ not for visitors"
    assert table.loc["5G 웰컴 5", "price_age"] == "as of May 2024 · may be outdated"  # the month it states
    nc = open_link(country=["NC"]).dataframe[0].value.set_index("plan")
    assert nc.loc["Forfait M 5 heures", "audience"] == "unknown"  # the page does not say who may subscribe
    assert nc.loc["Forfait M 5 heures", "price_age"] == "as of Nov 15, 2019 · may be outdated"


def test_one_place_concept_country_or_place_opens_the_same_profile(open_link):
    by_country = open_link("pages/countries.py", country=["NC"])
    by_place = open_link("pages/countries.py", place="NC")
    def profile(at) -> list[str]:
        return [h.value for h in at.main.header if h.value != t("countries.table", "en")]

    assert profile(by_country) == profile(by_place) == ["New Caledonia"]
    overview = open_link("pages/countries.py", country=["NC", "HK"])
    assert profile(overview) == []  # two places: the comparison, no single profile
