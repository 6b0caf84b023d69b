from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simatlas.i18n import t

# The script every session of the server runs (serve/router.py): with app.py itself as the main
# script, AppTest (which resets Streamlit's pages-directory mode on every run) would run a page file
# without the router.
APP = str(Path(__file__).resolve().parents[2] / "serve" / "router.py")


def page_script(page: str) -> str:
    """A page file as AppTest.switch_page wants it: relative to the main script's folder (serve/)."""
    return "../" + (page if page.startswith("pages/") else f"pages/{page}.py")


def fold(at: AppTest, key: str, opened: bool = True) -> AppTest:
    """Open (or close) the fold `key` (ui.shell.lazy_fold) as a reader's tap does, and run: closed,
    a fold's inputs are not built."""
    at.session_state[key] = opened
    return at.run()


@pytest.fixture
def open_link():
    """Open the app as a shared link would: query parameters set before the first run."""

    def run(page: str | None = None, unfold: tuple[str, ...] = (), **query) -> AppTest:
        """`unfold`: the keys of folds (ui.shell.lazy_fold) to open, as a reader's tap would: closed,
        a fold's inputs are not built."""
        at = AppTest.from_file(APP, default_timeout=60)
        if page:  # AppTest can only switch pages after a first run: open the link on that page
            at.run()
            at.switch_page(page_script(page))
        for name, value in query.items():
            at.query_params[name] = value
        for key in unfold:
            at.session_state[key] = True
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        page_failed = t("error.page", "en"), t("error.page", "zh")
        assert not [e.value for e in at.error if e.value in page_failed], "the page's error boundary fired"
        return at

    return run
