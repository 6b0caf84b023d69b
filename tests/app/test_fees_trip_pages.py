"""AppTest: a trip link opens the planned result; the fees page renders with its chart."""

import pytest

from simatlas import costs


def test_trip_link_opens_the_planned_result(open_link, bundled):
    at = open_link("pages/trip.py", country=["HK"], days="10", gb="8", cur="HKD", unfold=("controls.trip",))
    assert at.number_input(key="w.trip.days").value == 10
    expected = costs.trip_options(bundled, costs.Trip(("HK",), 10, 8.0), "HKD", "en")
    table = at.dataframe[0].value
    assert list(table["plan"]) == list(expected["plan"].head(300))
    assert at.markdown[0].value.startswith(f"## {len(expected)} options for 10 days and 8 GB")


def test_trip_widget_change_updates_the_link(open_link):
    at = open_link("pages/trip.py", country=["HK"], unfold=("controls.trip",))
    at.number_input(key="w.trip.days").set_value(21).run()
    assert dict(at.query_params) == {"country": "HK", "days": "21"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fees_page(open_link, lang):
    at = open_link("pages/fees.py", country=["HK"], lang=lang)
    assert len(at.dataframe[0].value) > 0
    assert at.title[0].value == ("真实费用" if lang == "zh" else "What it really costs")
