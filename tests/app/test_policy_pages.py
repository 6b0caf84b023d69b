"""AppTest: the cancellation and renewal pages render for every place, in both languages, and a
link with `country` and `operator` opens that operator's card."""

import pytest

from simatlas.i18n import t
from tests.conftest import places_to_sweep

PAGES = ["pages/cancellation.py", "pages/renewal.py"]


def places(bundled):
    return sorted(bundled.coverage["country"].unique())


@pytest.mark.parametrize("page", PAGES)
def test_every_place_renders(open_link, bundled, page):
    for place in places_to_sweep(places(bundled)):
        at = open_link(page, country=[place])
        assert not at.exception, (page, place)
        assert at.multiselect(key="w.country").value == [place]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_link, page, lang):
    at = open_link(page, lang=lang)
    key = "renew.title" if "renewal" in page else "cancel.title"
    assert at.title[0].value == t(key, lang)


@pytest.mark.parametrize(("page", "table"), [(PAGES[0], "cancellation"), (PAGES[1], "renewal")])
def test_link_opens_the_operator_card(open_link, bundled, page, table):
    rows = getattr(bundled, table).merge(bundled.operators, on="operator_id")
    row = rows[rows["country"] == "HK"].iloc[0]
    at = open_link(page, country=["HK"], operator=row["operator_id"])
    card = " ".join(m.value for m in at.markdown)
    assert "Step by step" in card
    host = row["source_url_x"].split("/")[2].removeprefix("www.").replace(".", "\\.")
    assert host in card  # the card cites its source
    assert dict(at.query_params)["operator"] == row["operator_id"]


def test_stale_operator_in_a_link_is_named(open_link):
    at = open_link(PAGES[0], country=["HK"], operator="hk-gone")
    assert "hk\\-gone" in at.warning[0].value  # Markdown-escaped, shown as hk-gone
    assert "operator" not in dict(at.query_params)
