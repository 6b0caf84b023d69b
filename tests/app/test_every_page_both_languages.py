"""Every page renders in both languages, with its title from the text catalogue."""

import pytest

from simatlas.i18n import t

TITLES = {
    "plans": "plans.title", "countries": "nav.countries_title", "trip": "trip.title", "fees": "fees.title",
    "renewal": "renew.title", "cancellation": "cancel.title", "data": "data.title",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(TITLES))
def test_page_renders_in_language(open_link, page, lang):
    at = open_link(None if page == "plans" else f"pages/{page}.py", lang=lang, country=["HK"])
    assert at.title[0].value == t(TITLES[page], lang)
    sidebar_labels = [widget.label for widget in at.sidebar.multiselect]
    assert t("sidebar.country", lang) in sidebar_labels


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(TITLES))
def test_every_table_says_unknown_in_words_never_none(open_link, page, lang):
    # An empty cell would read "None" (as in "no deposit"); every table names it as unknown.
    at = open_link(None if page == "plans" else f"pages/{page}.py", lang=lang, country=["HK"], place="HK")
    for table in at.dataframe:
        assert table.proto.placeholder == t("value.unknown", lang)
    assert at.dataframe or page in ("renewal", "cancellation")
