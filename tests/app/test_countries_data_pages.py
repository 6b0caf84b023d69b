"""AppTest: every place's profile renders in both languages; the data page renders."""

import pytest

from tests.conftest import places_to_sweep


def test_every_place_profile_renders(open_link, bundled):
    for place in places_to_sweep(list(bundled.place_codes)):
        at = open_link("pages/countries.py", country=place)
        assert not at.exception, place
        assert any(m.value == "**Can I cancel online?**" for m in at.markdown), place


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_profile_in_both_languages(open_link, lang):
    at = open_link("pages/countries.py", place="NC", lang=lang)
    assert at.header[0].value == ("新喀里多尼亚" if lang == "zh" else "New Caledonia")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_data_page(open_link, bundled, lang):
    at = open_link("pages/data.py", lang=lang)
    coverage = at.dataframe[0].value
    assert coverage["plans"].sum() >= len(bundled.plans)
    assert at.title[0].value == ("数据说明" if lang == "zh" else "About the data")
