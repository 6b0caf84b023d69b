"""Every place can be chosen (issue #22): a place the data knows nothing about opens on every page,
in both languages, and says that nothing is recorded rather than guessing or dropping the link; a place
known only from the list of network codes shows those networks as what they are."""

import pytest

from simatlas import networks, registry
from simatlas.i18n import country_name, format_source_date, t
from simatlas.loader import NOT_PLACES, world_places

NOTHING_HERE = "PE"  # Peru: a real place with no plan, operator or rule in the bundled data
NOTHING_AT_ALL = "AQ"  # Antarctica: not even a listed network


def test_every_place_on_earth_is_choosable_and_only_places(bundled):
    world = set(world_places())
    assert len(world) >= 240 and {"PE", "KE", "IS", "MN", "XK", "NC", "HK", "MO", "PF"} <= world
    assert not world & NOT_PLACES
    assert set(bundled.choosable_places) == world | set(bundled.place_codes)
    assert NOTHING_HERE not in bundled.place_codes  # the tests below would prove nothing otherwise
    assert NOTHING_AT_ALL not in bundled.place_codes and NOTHING_AT_ALL in world
    assert NOTHING_AT_ALL not in networks.counts_by_place(bundled)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(registry.PAGES))
def test_a_place_with_nothing_recorded_opens_on_every_page(open_link, page, lang):
    at = open_link(f"pages/{page}.py", country=NOTHING_HERE, lang=lang)
    # not dropped with an "unknown place" notice: a place
    assert not [w.value for w in at.warning if NOTHING_HERE in w.value], [w.value for w in at.warning]
    assert at.query_params.get("country") in ([NOTHING_HERE], NOTHING_HERE)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_its_profile_says_nothing_is_recorded_and_what_to_do_instead(open_link, lang):
    at = open_link("pages/countries.py", country=NOTHING_AT_ALL, lang=lang)
    name = country_name(NOTHING_AT_ALL, lang)
    assert [info.value for info in at.info] == [t("profile.nothing", lang, place=name)]
    assert any(t("profile.nothing_find", lang)[:20] in md.value for md in at.markdown)
    # No answer made from nothing: no best option, no operator table, no questions answered.
    assert not [h for h in at.subheader if h.value in (t("profile.best", lang), t("profile.operators", lang),
                                                      t("profile.networks", lang))]
    assert not at.dataframe  # no table of nothing (the overview's has no row for it either)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_place_known_only_by_its_networks_lists_them_with_what_the_list_is(open_link, bundled, lang):
    at = open_link("pages/countries.py", country=NOTHING_HERE, lang=lang)
    name = country_name(NOTHING_HERE, lang)
    assert [info.value for info in at.info] == [t("profile.nothing_networks", lang, place=name)]
    assert [h.value for h in at.subheader] == [t("profile.networks", lang)]  # no best option, no questions
    listed = at.dataframe[0].value
    assert list(listed["code"]) == list(networks.shown_networks(bundled, NOTHING_HERE)["code"])
    assert {"Movistar", "Claro", "Bitel"} <= set(listed["brand"])
    # the list's name, date and caveat beside it, and its source page
    caveat = t("profile.networks_caveat", lang, list=t("networks.list", lang),
               date=format_source_date(networks.SOURCE_DATE, lang))
    assert any(caveat in caption.value.replace("\\", "") and "wikipedia.org" in caption.value
               for caption in at.caption)


def test_a_profile_with_curated_operators_lists_the_networks_too(open_link):
    at = open_link("pages/countries.py", country="HK")
    assert t("profile.networks", "en") in [h.value for h in at.subheader]
    codes = [set(frame.value.get("code", [])) for frame in at.dataframe]
    assert any({"454-00", "454-06"} <= found for found in codes)


def test_the_overview_names_the_chosen_places_with_nothing_recorded(open_link):
    at = open_link("pages/countries.py", country=["HK", NOTHING_HERE, NOTHING_AT_ALL])
    assert any(country_name(NOTHING_AT_ALL, "en") in caption.value for caption in at.caption)
    # Peru has its networks listed: a row of the table, not "nothing recorded"
    assert not any(country_name(NOTHING_HERE, "en") in caption.value for caption in at.caption)
    assert country_name(NOTHING_HERE, "en") in list(at.dataframe[0].value["place"])


def test_the_overview_never_says_no_visitor_can_buy_where_no_plan_is_recorded(bundled):
    from simatlas import places

    table = places.overview(bundled, "USD", "en", ("PE", "HK"), "visitor").set_index("code")
    assert table.at["PE", "cheapest"] == t("places.no_plans", "en")
    assert table.at["HK", "cheapest"] != t("places.no_plans", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_about_page_shows_each_layer_with_its_coverage_date_and_licence(open_link, bundled, lang):
    at = open_link("pages/data.py", lang=lang)
    assert t("data.layers", lang) in [header.value for header in at.header]
    layers = next(frame.value for frame in at.dataframe if "licence" in frame.value.columns)
    by_layer = layers.set_index("layer")
    networks_row = by_layer.loc[t("data.layer.networks", lang)]
    assert networks_row["places"] == len(networks.counts_by_place(bundled)) >= 200
    assert networks_row["licence"] == "CC-BY-SA-4.0"
    assert networks_row["confidence"] == t("confidence.low", lang)
    assert by_layer.loc[t("data.layer.curated", lang), "licence"] == "CC-BY-4.0"


def test_a_place_with_codes_in_two_regions_cites_both_pages(open_link):
    at = open_link("pages/countries.py", country="AS")  # American Samoa: codes in regions 5xx and 3xx
    cited = [caption.value for caption in at.caption if "wikipedia.org" in caption.value]
    pages = (networks.REGION_PAGES["5"], networks.REGION_PAGES["3"])
    assert cited and all(page in cited[0] for page in pages)
