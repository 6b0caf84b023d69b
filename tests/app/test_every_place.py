"""Every place can be chosen (issue #22): a place the data knows nothing about opens on every page,
in both languages, and says that nothing is recorded rather than guessing or dropping the link."""

import pytest

from simatlas import registry
from simatlas.i18n import country_name, t
from simatlas.loader import NOT_PLACES, world_places

NOTHING_HERE = "PE"  # Peru: a real place with no plan, operator or rule in the bundled data


def test_every_place_on_earth_is_choosable_and_only_places(bundled):
    world = set(world_places())
    assert len(world) >= 240 and {"PE", "KE", "IS", "MN", "XK", "NC", "HK", "MO", "PF"} <= world
    assert not world & NOT_PLACES
    assert set(bundled.choosable_places) == world | set(bundled.place_codes)
    assert NOTHING_HERE not in bundled.place_codes  # the tests below would prove nothing otherwise


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(registry.PAGES))
def test_a_place_with_nothing_recorded_opens_on_every_page(open_link, page, lang):
    at = open_link(f"pages/{page}.py", country=NOTHING_HERE, lang=lang)
    # not dropped with an "unknown place" notice: a place
    assert not [w.value for w in at.warning if NOTHING_HERE in w.value], [w.value for w in at.warning]
    assert at.query_params.get("country") in ([NOTHING_HERE], NOTHING_HERE)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_its_profile_says_nothing_is_recorded_and_what_to_do_instead(open_link, lang):
    at = open_link("pages/countries.py", country=NOTHING_HERE, lang=lang)
    name = country_name(NOTHING_HERE, lang)
    assert [info.value for info in at.info] == [t("profile.nothing", lang, place=name)]
    assert any(t("profile.nothing_find", lang)[:20] in md.value for md in at.markdown)
    # No answer made from nothing: no best option, no operator table, no questions answered.
    assert not [h for h in at.subheader if h.value in (t("profile.best", lang), t("profile.operators", lang))]
    assert not at.dataframe  # no table of nothing (the overview's has no row for it either)


def test_the_overview_names_the_chosen_places_with_nothing_recorded(open_link):
    at = open_link("pages/countries.py", country=["HK", NOTHING_HERE, "KE"])
    names = [country_name(code, "en") for code in ("KE", NOTHING_HERE)]
    assert any(all(name in caption.value for name in names) for caption in at.caption)
