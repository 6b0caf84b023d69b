"""Hostile, mangled and stale links: generated query strings sent to every page (hypothesis).

Each page gets HOSTILE_EXAMPLES_PER_PAGE generated links through AppTest (7 pages × 150 = 1,050 by
default; set SIMATLAS_HOSTILE_EXAMPLES to change it). Every page must render without an exception or
its error boundary firing, and every dropped value must be named in the notice.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from simatlas import url_state
from simatlas.i18n import t
from simatlas.loader import load_dataset
from simatlas.text import escape_markdown
from tests.app.conftest import APP
from ui.shell import dynamic_choices

EXAMPLES = int(os.environ.get("SIMATLAS_HOSTILE_EXAMPLES", "150"))
PAGES = ["plans", "countries", "trip", "fees", "renewal", "cancellation", "data"]
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


def named_in_notice(at, dropped) -> bool:
    notice = " ".join(w.value for w in at.warning)
    return escape_markdown(dropped.name) in notice


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_generated_links_never_break_a_page(page, query):
    # A browser cannot put NUL bytes or unprintable names in an address: those are not links.
    link = {
        key: [item for item in items if "\x00" not in item] or [""]
        for key, items in query.items()
        if key.isprintable() and "\x00" not in key
    }
    at = AppTest.from_file(APP, default_timeout=60)
    if page != "plans":
        at.run()
        at.switch_page(f"pages/{page}.py")
    for key, items in link.items():
        at.query_params[key] = items
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if e.value in (t("error.page", "en"), t("error.page", "zh"))]
    parsed = url_state.parse_query(link, url_state.page_params(page), dynamic_choices(DATASET))
    for dropped in parsed.dropped:
        assert named_in_notice(at, dropped), (dropped, [w.value for w in at.warning])
