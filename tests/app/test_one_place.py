"""One place concept: the shared Places filter is the Countries page's only place selection.

One place chosen opens its profile, none or several show the overview; the sidebar, the link and the
page agree, and older `?place=` links open the same view (rewritten to `?country=`).
"""

from simatlas import url_state
from simatlas.i18n import t
from ui.shell import widget_key

PLACES = widget_key("country")


def profile_headers(at) -> list[str]:
    """The main area's level-2 headings but the overview's own ("Comparison"): a profile's place."""
    overview = {t("countries.table", lang) for lang in ("en", "zh")}
    return [header.value for header in at.main.header if header.value not in overview]


def places_box(at):
    return at.multiselect(key=PLACES)


def test_an_older_place_link_opens_the_profile_with_the_place_in_the_sidebar_and_the_link(open_link):
    at = open_link("pages/countries.py", place="NC")
    assert profile_headers(at)[0] == "New Caledonia"  # the profile
    assert places_box(at).value == ["NC"]  # the sidebar says which place, not "all places"
    assert at.query_params.get("country") in (["NC"], "NC") and "place" not in at.query_params
    assert not at.warning  # an older name is not a bad link: no "ignored" notice


def test_one_place_in_the_shared_filter_opens_its_profile_and_several_show_the_overview(open_link):
    at = open_link("pages/countries.py", country="HK")
    assert profile_headers(at)[0] == "Hong Kong SAR China"
    places_box(at).set_value(["HK", "NC"]).run()
    assert not profile_headers(at)  # no profile: the overview of the two places
    assert set(at.dataframe[-1].value["place"]) == {"Hong Kong SAR China", "New Caledonia"}
    picker = at.selectbox(key="countries.open_place")
    assert picker.options == ["Choose a place", "Hong Kong SAR China", "New Caledonia"]  # the chosen ones


def test_the_page_s_picker_and_back_button_drive_the_shared_filter(open_link, bundled):
    at = open_link("pages/countries.py")
    assert places_box(at).value == [] and not profile_headers(at)
    at.selectbox(key="countries.open_place").set_value("NC").run()
    assert profile_headers(at)[0] == "New Caledonia"
    assert places_box(at).value == ["NC"]
    assert at.query_params.get("country") in (["NC"], "NC")
    back = next(b for b in at.button if b.label == t("countries.every_place", "en"))
    back.click().run()
    assert places_box(at).value == [] and not profile_headers(at)
    assert len(at.dataframe[-1].value) == len(bundled.place_codes)  # every place again
    assert at.selectbox(key="countries.open_place").value is None  # one-shot: it keeps no state


def test_a_place_with_operators_but_no_plan_can_be_chosen_everywhere(open_link, bundled):
    no_plans = sorted(set(bundled.place_codes) - set(bundled.positions_by_place))
    assert no_plans, "the bundled data has places with operators' rules and no plan"
    place = no_plans[0]
    assert place in places_box(open_link()).options or any(
        place in option for option in places_box(open_link()).options)
    profile = open_link("pages/countries.py", country=place)
    assert profile_headers(profile), "its profile opens"
    plans_page = open_link(country=place)
    assert not plans_page.warning  # a valid choice, not an ignored value
    assert plans_page.info  # "no plans match" with hints, not an error


def test_older_name_moves_to_the_shared_parameter_in_links_and_the_api():
    params = url_state.page_params("countries")
    choices = {"place": ["NC"], "country": ["HK", "NC"]}
    moved = url_state.parse_query({"place": ["nc"], "country": ["HK"]}, params, choices)
    assert moved.values["country"] == ("NC",) and moved.values["place"] is None and not moved.dropped
    assert url_state.serialise(moved.values, params) == {"country": ["NC"]}
    bad = url_state.parse_query({"place": ["ZZ"], "country": ["HK"]}, params, choices)
    assert bad.values["country"] == ("HK",)  # an unknown place changes nothing and is reported
    assert [d.reason for d in bad.dropped] == ["unknown_choice"]
