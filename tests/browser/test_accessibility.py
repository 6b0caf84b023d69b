"""Readable by everyone: axe-core's WCAG 2.1 A/AA rules on every page, desktop and phone, English and
Chinese, and a keyboard-only walk from the home page to a place's profile.

axe-core is installed from the npm registry by `.ci/install-axe` (run by `make test` and .ci/run) into
tests/browser/.axe/; without it these tests skip locally and fail under CI=true. A violation of impact
serious or critical fails the test; every violation, of any impact, is written to
tests/browser/artifacts/axe/ for reading. What Streamlit draws and no public setting can change is
excused narrowly (one rule on one selector, see STREAMLIT_OWN and the README's Accessibility section).
"""

from __future__ import annotations

import json
import os
import re
from typing import NamedTuple

import pytest

from simatlas.i18n import country_name, t
from tests.browser.conftest import ARTIFACTS, ROOT, wait_for_app, wait_until_drawn

AXE_VERSION = "4.14.1"  # pinned with its hash in .ci/install-axe
AXE_FILE = ROOT / "tests" / "browser" / ".axe" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# Every page, and the views inside a page that draw more (a place's profile, a quote, an operator card).
VIEWS = (
    "/",
    "/countries",
    "/countries?country=HK",
    "/trip?country=HK&days=7",
    "/trip?country=HK&days=7&q_label=MyESIM&q_price=20&q_cur=USD&q_gb=5&q_days=7",
    "/fees",
    "/renewal",
    "/renewal?operator=hk-csl",
    "/cancellation",
    "/cancellation?operator=hk-csl",
    "/data",
)
SCREENS = {
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGUAGES = ("en", "zh")


class Excused(NamedTuple):
    """One axe rule on the elements one CSS selector matches, drawn by Streamlit itself."""

    rule: str
    selector: str
    why: str


# Failures inside Streamlit that no public setting fixes (README, "Accessibility"). Each is one rule on
# one kind of element; the same rule anywhere else still fails.
STREAMLIT_OWN: tuple[Excused, ...] = ()


def axe_source() -> str:
    if not AXE_FILE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core {AXE_VERSION} is missing under CI=true: run .ci/install-axe (see .ci/run)")
        pytest.skip(f"axe-core {AXE_VERSION} is not installed: run `bash .ci/install-axe` (make test does)")
    return AXE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module", params=list(SCREENS))
def screen(request, browser):
    """One browser context per screen, shared by the views (its cache keeps Streamlit's scripts)."""
    context = browser.new_context(locale="en-US", **SCREENS[request.param])
    context.add_init_script(_WATCH_DRAWING)
    yield request.param, context
    context.close()


# Every page of the context notes when its document last changed, from its first moment: a page
# that has long been still passes its wait at once (conftest's wait_until_drawn starts watching only
# when called, a full quiet period per page, one page after the other).
_WATCH_DRAWING = """
window.__lastChange = performance.now();
new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {childList: true, subtree: true, characterData: true});
"""
_STILL_FOR = "quiet => performance.now() - window.__lastChange >= quiet"


# Runs axe on the whole document, then marks each node an excused (rule, selector) covers. A node's
# target is a CSS selector path; one inside an iframe or shadow root (a list of several) is never excused.
_RUN_AXE = """async ({tags, excused}) => {
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
    });
    return result.violations.map(violation => ({
        id: violation.id, impact: violation.impact, help: violation.help, helpUrl: violation.helpUrl,
        nodes: violation.nodes.map(node => {
            const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
            const why = excused.find(e => e.rule === violation.id && element && element.matches(e.selector));
            return {target: node.target, impact: node.impact, html: node.html.slice(0, 300),
                    summary: node.failureSummary, excused: why ? why.selector : null};
        }),
    }));
}"""


def with_language(view: str, lang: str) -> str:
    return f"{view}{'&' if '?' in view else '?'}lang={lang}"


def artifact_name(screen: str, url: str) -> str:
    return f"{screen}-{re.sub(r'[^A-Za-z0-9]+', '_', url).strip('_') or 'home'}"


def open_pages(context, urls: list[str]) -> list:
    """Open every URL in its own page at once (their servers' runs and drawing overlap), then wait
    until each has drawn: the app idle, no request in flight, nothing changed for a second."""
    pages = []
    for url in urls:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.set_default_navigation_timeout(60_000)
        page.goto(url, wait_until="commit")
        pages.append(page)
    for page in pages:
        page.wait_for_load_state("load")
        wait_for_app(page)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(_STILL_FOR, arg=1_000, polling=100)
    return pages


def axe_violations(page, axe: str) -> list[dict]:
    page.add_script_tag(content=axe)
    excused = [{"rule": e.rule, "selector": e.selector} for e in STREAMLIT_OWN]
    return page.evaluate(_RUN_AXE, {"tags": WCAG_TAGS, "excused": excused})


def blocking_nodes(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in BLOCKING and not node["excused"]:
                lines.append(f"{violation['id']} ({impact}): {' >> '.join(node['target'])}\n"
                             f"    {violation['help']} — {violation['helpUrl']}\n    {node['html'][:160]}")
    return lines


# Pages opened at once: their waits overlap, while a 2-core machine serving them is not swamped.
BATCH = 4


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_axe_violation(screen, server, axe, lang):
    name, context = screen
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    urls = [with_language(view, lang) for view in VIEWS]
    failures = []
    for first in range(0, len(urls), BATCH):
        batch = urls[first:first + BATCH]
        pages = open_pages(context, [server + url for url in batch])
        try:
            for url, page in zip(batch, pages, strict=True):
                violations = axe_violations(page, axe)
                (folder / f"{artifact_name(name, url)}.json").write_text(json.dumps(
                    {"url": url, "screen": name, "violations": violations}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
                failures += [f"{name} {url}: {line}" for line in blocking_nodes(violations)]
        finally:
            for page in pages:
                page.close()
    assert not failures, f"{len(failures)} serious or critical axe violation(s):\n" + "\n".join(failures)


# --- Keyboard only -------------------------------------------------------------------------------

# Focus is visible when the focused control looks different focused than at rest: Streamlit shows it
# on the element (a ring), on its frame (a select's border), on its row (a check box's label) or inside
# a canvas (a table's cell), so the two are compared as pixels, around the control. Transitions and
# animations are switched off in the tested page, so that each picture is final when taken.
_NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
_FOCUS_BOX = """() => {
    let node = document.activeElement;
    let box = node.getBoundingClientRect();
    while ((box.width < 8 || box.height < 8) && node.parentElement) {  // a visually hidden input
        node = node.parentElement;
        box = node.getBoundingClientRect();
    }
    const left = Math.max(0, box.left - 6), top = Math.max(0, box.top - 6);
    const right = Math.min(innerWidth, box.right + 6), bottom = Math.min(innerHeight, box.bottom + 6);
    return right - left < 1 || bottom - top < 1 ? null
        : {x: left, y: top, width: right - left, height: bottom - top};
}"""
_BLUR = "() => { window.__focused = document.activeElement; window.__focused.blur(); }"
_REFOCUS = "() => window.__focused.focus({preventScroll: true})"

_FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    return {tag: element.tagName.toLowerCase(), role: element.getAttribute('role'),
            label: element.getAttribute('aria-label'),
            text: (element.innerText || '').trim().slice(0, 80),
            labelledBy: [...(element.labels || [])].map(label => label.innerText.trim()).join(' '),
            sidebar: !!element.closest('[data-testid=stSidebar]'),
            testid: element.dataset.testid || null};
}"""

# The option a select's list has highlighted for the arrow keys (the list is virtual: only drawn ones).
_HIGHLIGHTED = """() => {
    const id = document.activeElement && document.activeElement.getAttribute('aria-activedescendant');
    const option = id && document.getElementById(id);
    return option ? option.innerText.trim() : null;
}"""


class Walk:
    """Moves focus with the keyboard alone, checking each stop shows that it has the focus.

    `current_page` names the page shown: st.page_link draws its own page's entry shaded, and its focus
    as the same shade (README, "Accessibility"), so that one entry is excused, and only it.
    """

    def __init__(self, page, current_page: str):
        self.page = page
        self.current_page = current_page
        page.add_style_tag(content=_NO_MOTION)
        self.stops: list[str] = []
        self.unseen: list[str] = []

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        focused = self.page.evaluate(_FOCUSED)
        if focused and key in ("Tab", "Shift+Tab"):
            name = focused["label"] or focused["labelledBy"] or focused["text"] or focused["tag"]
            self.stops.append(name)
            own_page_link = focused["testid"] == "stPageLink-NavLink" and focused["text"] == self.current_page
            if not own_page_link and not self.focus_shows():
                self.unseen.append(f"{focused['tag']} {name!r} ({self.page.url})")
        return focused

    def focus_shows(self) -> bool:
        box = self.page.evaluate(_FOCUS_BOX)
        if box is None:
            return False
        focused = self.page.screenshot(clip=box, animations="disabled", caret="hide")
        self.page.evaluate(_BLUR)
        resting = self.page.screenshot(clip=box, animations="disabled", caret="hide")
        self.page.evaluate(_REFOCUS)
        return focused != resting

    def tab_to(self, wanted, limit: int = 40, key: str = "Tab") -> dict:
        for _ in range(limit):
            focused = self.press(key)
            if focused and wanted(focused):
                return focused
        raise AssertionError(f"not reached with {limit} presses of {key}; the stops were: {self.stops}")


@pytest.mark.browser
def test_keyboard_alone_reaches_a_place_profile_from_the_home_page(page, server):
    page.goto(f"{server}/?lang=en")
    wait_for_app(page)
    wait_until_drawn(page)
    walk = Walk(page, current_page=t("nav.plans", "en"))

    # The page list sits right after "Skip to main content", at the top of the sidebar.
    countries = t("nav.countries", "en")
    walk.tab_to(lambda focused: focused["tag"] == "a" and focused["sidebar"] and focused["text"] == countries)
    walk.press("Enter")
    page.wait_for_url("**/countries*")
    wait_for_app(page)
    wait_until_drawn(page)
    walk.current_page = countries

    # The focus stays on the page list: back to "Skip to main content", then straight to the page's
    # content, past the sidebar's settings and filters.
    skip = walk.tab_to(lambda focused: focused["testid"] == "stSkipToContent", limit=10, key="Shift+Tab")
    assert skip["tag"] == "a"
    walk.press("Enter")
    picker = t("countries.place", "en")
    walk.tab_to(lambda focused: focused["role"] == "combobox" and picker in focused["labelledBy"] + str(
        focused["label"]), limit=10)

    hong_kong = country_name("HK", "en")
    walk.press("ArrowDown")  # opens the list
    for _ in range(60):
        if page.evaluate(_HIGHLIGHTED) == hong_kong:
            break
        walk.press("ArrowDown")
    assert page.evaluate(_HIGHLIGHTED) == hong_kong, "Hong Kong is not among the picker's options"
    walk.press("Enter")

    page.wait_for_url("**/countries?*country=HK*")
    main = page.locator("[data-testid=stMain]")
    main.locator("h2", has_text=hong_kong).wait_for()
    assert not walk.unseen, f"focus not visible on: {walk.unseen}"
