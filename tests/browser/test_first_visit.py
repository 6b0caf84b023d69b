"""A first visit, timed the way bench/breakdown.py times it (the breakdown's own page script): its
figures are there to read, and the code a page fetches after its first message stays what the page
draws. Times are never asserted; which files arrive is.
"""

import pytest

from bench.breakdown import QUIET_MS, READ, SETTLED, WATCH, summary

# Streamlit's syntax highlighter (1.5 MB): the share box was st.code and fetched it on every page.
# Only a correction's diff (drawn after a reader asks for it) may bring it in.
NOT_ON_A_FIRST_VISIT = ("StreamlitSyntaxHighlighter.",)
VIEWS = ("/?country=HK", "/countries?country=NC", "/trip?country=HK&days=7", "/countries")


@pytest.mark.browser
def test_a_first_visit_is_measured_and_fetches_only_what_it_draws(browser, server):
    for view in VIEWS:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        context.add_init_script(WATCH)
        try:
            page = context.new_page()
            page.goto(server + view)
            page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=60_000, polling=50)
            sample = page.evaluate(READ)
        finally:
            context.close()
        late = [chunk["name"] for chunk in sample["late"]]
        assert late, f"{view}: no code fetched after the first message: the watch saw nothing"
        assert not [name for name in late if name.startswith(NOT_ON_A_FIRST_VISIT)], (view, late)
        figures = summary([sample])
        first, last, settled = figures["first msg"], figures["last msg"], figures["settled"]
        assert first is not None and last is not None and settled is not None, (view, figures)  # all timed
        assert first < last <= settled, (view, figures)
        if view != "/countries?country=NC":  # a profile folds its comparison (map and chart) away
            assert figures["charts drawn after"] is not None, (view, figures)
        if view.startswith("/?"):
            assert figures["grid drawn after"] is not None, figures  # and the Plans page its table
