"""Hostile, mangled and stale links: generated query strings sent to every page (hypothesis).

Each page gets SIMATLAS_HOSTILE_EXAMPLES generated links: 30 in `make test` (enough to prove the
wiring from link to page on every page; the parser itself is fuzzed with thousands of links in
tests/unit/test_url_fuzz.py), 1,000 in `make test-full` (7 pages × 1,000 = 7,000). Every page must
render without an exception or its error boundary firing, and every dropped value must be named in
the notice with its own line.

One AppTest session per page receives its links one after another, as a visitor pasting links into
an open tab would: the app treats an address it did not write itself as a newly opened link and
sets every widget of the page from it (unmentioned ones back to their defaults), so each example
is judged on its own link. This keeps a run to one script execution per link instead of three.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from simatlas import registry, url_state
from simatlas.i18n import t
from simatlas.loader import load_dataset
from simatlas.text import escape_markdown
from tests.app.conftest import APP, page_script
from ui.shell import LAST_QUERY_KEY, dynamic_choices, notice_text

EXAMPLES = int(os.environ.get("SIMATLAS_HOSTILE_EXAMPLES", "30"))
FRESH_EXAMPLES = max(2, EXAMPLES // 40)  # each needs a new session: three script runs instead of one
PAGES = list(registry.PAGES)  # every page the app has
KNOWN_NAMES = sorted({p.name for params in url_state.PAGE_PARAMS.values() for p in params}
                     | {p.name for p in url_state.GLOBAL_PARAMS})
NASTY = [
    "<script>alert(1)</script>", "'; DROP TABLE plans;--", "javascript:alert(1)", "[x](javascript:1)",
    "NaN", "nan", "inf", "-inf", "-1", "1e309", "9" * 400, "0x10", "", " ", "HK\x00", "💥", "香港",
    "../../etc/passwd", "%00", "true", "false", "esim", "HK", "NC", "XPF", "zh", "price",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
queries = st.dictionaries(
    keys=st.one_of(st.sampled_from(KNOWN_NAMES), st.text(min_size=1, max_size=20)),
    values=st.lists(values, min_size=1, max_size=4),
    max_size=6,
)
DATASET = load_dataset()
SESSIONS: dict[str, AppTest] = {}


def session_on(page: str) -> AppTest:
    """The page's open session (created on first use)."""
    if page not in SESSIONS:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if page != "plans":
            at.switch_page(page_script(page))
        SESSIONS[page] = at
    return SESSIONS[page]


def named_in_notice(at, dropped) -> bool:
    """The notice has the dropped value's own line (name, value and reason), as the reader sees it."""
    notice = " ".join(w.value for w in at.warning)
    return escape_markdown(notice_text(dropped, "en")) in notice or escape_markdown(
        notice_text(dropped, "zh")) in notice


def as_link(query: dict[str, list[str]]) -> dict[str, list[str]]:
    """A browser cannot put NUL bytes or unprintable names in an address: those are not links."""
    return {
        key: [item for item in items if "\x00" not in item] or [""]
        for key, items in query.items()
        if key.isprintable() and "\x00" not in key
    }


def open_in(at: AppTest, page: str, link: dict[str, list[str]]) -> None:
    at.query_params.clear()
    at.query_params.update(link)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if e.value in (t("error.page", "en"), t("error.page", "zh"))]
    params = url_state.page_params(page)
    parsed = url_state.parse_query(link, params, dynamic_choices(DATASET))
    for dropped in parsed.dropped:
        assert named_in_notice(at, dropped), (dropped, [w.value for w in at.warning])
    # Independently of the parser: a name the page does not take is always reported.
    names = {param.name for param in params}
    notice = " ".join(w.value for w in at.warning)
    for key in link:
        if key not in names:
            assert escape_markdown(url_state.clip(key)) in notice, (key, notice)


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_generated_links_never_break_a_page(page, query):
    open_in(session_on(page), page, as_link(query))


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=FRESH_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(query=queries)
def test_generated_links_as_the_first_request_of_a_session(page, query):
    # The same property on the other path: the link is the first thing a new session sees.
    at = AppTest.from_file(APP, default_timeout=60)
    if page != "plans":  # AppTest can only switch pages after a first run
        at.run()
        at.switch_page(page_script(page))
        at.session_state[LAST_QUERY_KEY] = None  # as if the link had opened this session
    open_in(at, page, as_link(query))
