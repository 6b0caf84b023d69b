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
    yield request.param, context
    context.close()


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


def open_drawn(context, url: str):
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)
    page.goto(url)
    wait_for_app(page)
    page.wait_for_load_state("networkidle")
    wait_until_drawn(page)
    return page


def blocking_nodes(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in BLOCKING and not node["excused"]:
                lines.append(f"{violation['id']} ({impact}): {' >> '.join(node['target'])}\n"
                             f"    {violation['help']} — {violation['helpUrl']}\n    {node['html'][:160]}")
    return lines


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("view", VIEWS)
def test_no_serious_axe_violation(screen, server, axe, view, lang):
    name, context = screen
    url = with_language(view, lang)
    page = open_drawn(context, server + url)
    try:
        page.add_script_tag(content=axe)
        excused = [{"rule": e.rule, "selector": e.selector} for e in STREAMLIT_OWN]
        violations = page.evaluate(_RUN_AXE, {"tags": WCAG_TAGS, "excused": excused})
    finally:
        page.close()
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{artifact_name(name, url)}.json").write_text(
        json.dumps({"url": url, "screen": name, "violations": violations}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    failures = blocking_nodes(violations)
    assert not failures, f"{name} {url}: {len(failures)} serious or critical axe violation(s):\n" + \
        "\n".join(failures)

