"""Markup in every text field of the data, rendered on every page: none of it may be interpreted.

Built from the schema (every column of kind "text" in every file gets the payload), so a new text
column is covered the day it is added. A renderer that forgets to escape data-derived text shows the
payload unescaped in a Markdown element's source, and this test names the page and the element.
"""

import pytest
from streamlit.testing.v1 import AppTest

from simatlas import schema
from tests.app.conftest import APP, page_script
from tests.app.share import shared_link
from tests.factories import COUNTRIES, FX, OPERATORS, PLANS, write_dataset

PAYLOAD = "**BOLD** <b>TAG</b> [LINK](javascript:alert(1)) `CODE` # HEAD :red[RED]"
# What each piece looks like when it was interpreted (or passed on raw) rather than escaped.
RAW_MARKUP = ("**BOLD", "<b>", "](javascript", "`CODE`", ":red[")


def _with_payload(rows: list[dict[str, str]], file: str) -> list[dict[str, str]]:
    text_columns = [spec.name for spec in schema.FILES[file] if spec.kind == "text"]
    # A text the schema wants sourced (an operator's Chinese name) gets its source, or the data is
    # rejected before any page draws it.
    sources = {source: "https://example.org/source" for (sourced_file, column), source
               in schema.SOURCED_BY.items() if sourced_file == file and column in text_columns}
    sources |= {seen: "2026-12-01" for (dated_file, column), seen
                in schema.DATED_BY.items() if dated_file == file and column in text_columns}
    return [{**row, **{column: f"{PAYLOAD} {column}" for column in text_columns}, **sources} for row in rows]


@pytest.fixture(scope="module")
def marked_up_data(tmp_path_factory, monkeypatch_module):
    folder = write_dataset(
        tmp_path_factory.mktemp("markup") / "data",
        operators=_with_payload(OPERATORS, "operators.csv"),
        plans=_with_payload([{**plan, "requires": "none", "audience": "tourist"} for plan in PLANS],
                            "plans.csv"),
        renewal=_with_payload([{"operator_id": "hk-alpha", "product": "prepaid", "topup_app": "yes"}],
                              "renewal.csv"),
        cancellation=_with_payload([{"operator_id": "hk-alpha", "product": "prepaid", "cancel_app": "yes",
                                     "conflict_url": "https://example.org/x"}], "cancellation.csv"),
        countries=_with_payload(COUNTRIES, "countries.csv"),
        fx=_with_payload(FX, "fx_rates.csv"),
    )
    monkeypatch_module.setenv("SIMATLAS_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


LINKS = [
    ("plans", {"country": ["HK"]}),
    ("countries", {"place": "HK"}),
    ("countries", {"place": "NC"}),
    ("trip", {"country": ["HK"], "q_label": PAYLOAD[:60], "q_price": "5"}),
    ("trip", {"country": ["NC"]}),
    ("fees", {"country": ["HK"]}),
    ("renewal", {"country": ["HK"], "operator": "hk-alpha"}),
    ("renewal", {"country": ["NC"]}),
    ("cancellation", {"country": ["HK"], "operator": "hk-alpha"}),
    ("cancellation", {"country": ["NC"]}),
    ("data", {}),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("page", "query"), LINKS)
def test_no_text_from_the_data_is_interpreted_as_markup(marked_up_data, page, query, lang):
    import streamlit as st

    st.cache_resource.clear()  # the dataset is cached per data folder: start from this one
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page != "plans":
        at.switch_page(page_script(page))
    for name, value in {**query, "lang": lang}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = 0
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
                 "subheader"):
        for element in getattr(at, kind):
            source = str(element.value)
            shown += "BOLD" in source
            leaked = [markup for markup in RAW_MARKUP if markup in source]
            assert not leaked, f"{page}: a {kind} renders data as markup {leaked}: {source[:300]}"
    for element in at.html:  # raw HTML (the share box, the language script) holds no reader or data text
        assert "<b>" not in element.value and "TAG</b>" not in element.value, element.value[:300]
    if query.get("q_label"):  # the reader's own words reach the share box's link, encoded
        assert "%3Cb%3ETAG%3C%2Fb%3E" in shared_link(at).replace("+", " ")
    if page not in ("fees", "data", "plans"):  # pages that write data text into Markdown at all
        assert shown, f"{page}: no data text reached a Markdown element: the test would prove nothing"
