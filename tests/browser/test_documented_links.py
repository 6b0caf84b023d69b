"""Every link the README documents opens its own page, with no "Page not found" dialog, on a fresh
server, while the machine is busy.

The dialog came and went with load when Streamlit ran in its `pages/` directory mode (a deep link's
page file was looked up before the router ran); serve/router.py removes that mode. This test keeps
it removed: the links are read from the README (so a documented link cannot escape it), the first
one is the fresh server's first request, and two busy loops hold both cores meanwhile.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from simatlas.i18n import t
from tests.browser.conftest import ROOT, start_server, stop_server, wait_for_app

# Any text Streamlit's "page not found" notice shows, in English or Chinese, and the main-page
# fallback it runs: watched from the first byte, so a dialog that opens and closes still counts.
WATCH_DIALOGS = """
window.__notFound = [];
new MutationObserver(() => {
    const text = document.body ? document.body.innerText : '';
    if (/Page not found|Running the app's main page/i.test(text)) window.__notFound.push(location.href);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
TITLES = {"plans": "plans.title", "countries": "nav.countries_title", "trip": "trip.title",
          "fees": "fees.title", "renewal": "renew.title", "cancellation": "cancel.title",
          "data": "data.title"}
VIEWPORTS = [({"width": 1280, "height": 900}, "en"), ({"width": 390, "height": 844}, "zh")]


def documented_links() -> list[str]:
    """The Pages table's paths and every example address in the README, as paths with queries."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = re.findall(r"^\| [^|]+ \| `(/[a-z]*)`", readme, flags=re.MULTILINE)
    examples = re.findall(r"http://localhost:8501(/[^`\s)]*)", readme)
    links = list(dict.fromkeys(["/plans", *paths, *examples]))  # `plans` is the Plans page's url path
    assert len(links) >= 8, links  # the README's table lists every page
    return links


@pytest.fixture
def busy_machine():
    """Both cores busy for the test's duration (bounded: the loops end on their own after 120 s)."""
    loops = [subprocess.Popen([sys.executable, "-c",
                               "import time\nend = time.time() + 120\nwhile time.time() < end: pass"])
             for _ in range(2)]
    yield
    for loop in loops:
        loop.kill()
        loop.wait()


def test_documented_links_open_their_page_on_a_fresh_busy_server(browser, busy_machine):
    process, base = start_server()  # fresh: the first link below is this server's first page request
    try:
        for index, link in enumerate(documented_links()):
            viewport, lang = VIEWPORTS[index % len(VIEWPORTS)]
            context = browser.new_context(viewport=viewport, locale="zh-CN" if lang == "zh" else "en-US")
            context.add_init_script(WATCH_DIALOGS)
            page = context.new_page()
            page.set_default_timeout(60_000)
            separator = "&" if "?" in link else "?"
            page.goto(f"{base}{link}{separator}lang={lang}")
            wait_for_app(page, timeout=60_000)
            page.wait_for_timeout(500)  # the dialog, when it came, came right after the first paint
            seen = page.evaluate("window.__notFound")
            assert seen == [], f"{link}: 'Page not found' shown at {seen}"
            assert page.locator("[data-testid=stException]").count() == 0, link
            # The link opened its own page, in the link's language, not the main page in its place.
            title_key = TITLES[link.split("?")[0].strip("/") or "plans"]
            assert page.locator("h1").first.inner_text().strip() == t(title_key, lang), link
            context.close()
    finally:
        stop_server(process)
