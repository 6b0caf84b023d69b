"""Markup in data renders as inert text, and the page talks to no host but the app's own."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import start_server, stop_server, wait_for_app, wait_until_drawn
from tests.factories import FX, write_dataset

PAYLOAD = "window.__pwned = (window.__pwned || 0) + 1"
HOSTILE = {
    "html": f'<img src=x onerror="{PAYLOAD}">',
    "script": f"<script>{PAYLOAD}</script>",
    "markdown_link": f"[click me](javascript:{PAYLOAD})",
    "markdown": "**bold** _it_ # heading",
}
OPERATORS = [
    {"operator_id": "hk-evil", "name": HOSTILE["html"], "country": "HK", "kind": "mno",
     "brands": HOSTILE["script"], "note_en": HOSTILE["markdown_link"]},
]
PLANS = [
    {"plan_id": "hk-evil-1", "operator_id": "hk-evil", "countries": "HK", "name": HOSTILE["script"],
     "sim_type": "physical", "billing": "prepaid", "unlimited": "no", "price": "10", "currency": "HKD",
     "data_gb": "1", "validity_days": "7", "note_en": HOSTILE["markdown"]},
    {"plan_id": "hk-evil-2", "operator_id": "hk-evil", "countries": "HK", "name": HOSTILE["markdown_link"],
     "sim_type": "esim", "billing": "prepaid", "unlimited": "no", "price": "20", "currency": "HKD",
     "data_gb": "5", "validity_days": "30"},
]
CANCEL = [{"operator_id": "hk-evil", "product": "prepaid", "cancel_website": "yes",
           "conflict_url": "https://example.org/other", "note_en": HOSTILE["html"] + HOSTILE["markdown_link"],
           "documents": "id_document"}]
RENEW = [{"operator_id": "hk-evil", "product": "prepaid", "balance_code": HOSTILE["script"],
          "balance_ussd": "yes"}]
COUNTRIES = [{"country": "HK", "id_required": "yes", "local_currency": "HKD",
              "id_rule_en": HOSTILE["html"] + HOSTILE["markdown_link"]}]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = write_dataset(tmp_path_factory.mktemp("hostile") / "data", operators=OPERATORS, plans=PLANS,
                           cancellation=CANCEL, renewal=RENEW, countries=COUNTRIES, fx=FX)
    process, base = start_server(folder)
    yield base
    stop_server(process)


LINKS = [
    "/?country=HK&operator=hk-evil",
    "/countries?place=HK",
    "/cancellation?country=HK&operator=hk-evil",
    "/renewal?country=HK&operator=hk-evil",
    "/fees?country=HK",
    "/trip?country=HK",
]


@pytest.mark.parametrize("link", LINKS)
def test_markup_in_data_stays_inert(page, hostile_server, link):
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(hostile_server + link)
    wait_for_app(page)
    page.wait_for_timeout(1500)  # give any injected handler the chance to fire
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img[onerror]").count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join(' ')")
    assert "__pwned" not in scripts


def test_plan_names_show_as_literal_text(page, hostile_server):
    page.goto(hostile_server + "/?country=HK&operator=hk-evil")
    wait_for_app(page)
    heading = page.locator("[data-testid=stMain] h2").first.inner_text()
    # The operator is shown by its first brand (hostile too): as the text it is, never run.
    assert "<script>window.__pwned =" in heading
    assert page.evaluate("() => window.__pwned") is None


def test_every_request_stays_on_the_app_host(page, server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for link in ["/", "/countries?place=NC", "/trip?country=HK", "/fees", "/renewal", "/cancellation",
                 "/data"]:
        page.goto(server + link)
        wait_for_app(page)
        page.wait_for_timeout(500)
    own = urlsplit(server).netloc
    foreign = [url for url in requests
               if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own]
    assert requests and foreign == []


# Every page and the views that draw the most (charts, a timeline, a profile, the quote form).
POLICY_VIEWS = ["/", "/countries?country=HK", "/trip?country=HK&q_price=10&q_cur=HKD",
                "/trip?leg=HK:5&leg=MO:3", "/fees", "/renewal?country=HK", "/cancellation", "/data"]
COLLECT_VIOLATIONS = """() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
        (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
}"""


def test_the_app_works_under_its_content_security_policy(browser, server):
    """serve/headers.py: every response carries the security headers, and Streamlit's frontend — its
    scripts, styles, charts (Vega) and websocket — works under the policy: no violation is reported
    on any page, and the charts draw."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="en-US")
    context.add_init_script(COLLECT_VIOLATIONS.removeprefix("() => {").removesuffix("}"))
    page = context.new_page()
    page.set_default_timeout(60_000)
    first = page.goto(server + "/")
    headers = first.headers if first else {}
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    for view in POLICY_VIEWS:
        page.goto(server + view)
        wait_for_app(page)
        wait_until_drawn(page)
        assert page.evaluate("() => window.__violations") == [], view
    page.goto(server + "/trip?leg=HK:5&leg=MO:3")
    wait_for_app(page)
    page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for()
    assert not page.locator("[data-testid=stException]").count()
    context.close()
