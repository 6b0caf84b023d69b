"""In a real browser: "Suggest a correction" on a renewal card, from the form to the diff, and a
source that is not a web page turned down in words."""

import pytest

from simatlas.i18n import column_name
from tests.browser.conftest import screenshot, wait_for_app

NEW_SOURCE = "https://www.hkcsl.com/en/prepaid-terms"


def _open_form(page, server):
    page.goto(f"{server}/renewal?country=HK&operator=hk-csl")
    wait_for_app(page)
    expanders = page.locator("[data-testid=stMain] [data-testid=stExpander]")
    card = expanders.filter(has_text="Suggest a correction")
    card.first.get_by_text("Suggest a correction").click()
    card.first.locator("[data-testid=stForm]").wait_for()
    return card.first


def _fill(page, card, fact: str, value: str, source: str) -> None:
    # The fact is chosen above the form (the value's input follows it): a choice, a list or text.
    card.get_by_role("combobox").first.click()
    # the option names the fact as a reader knows it ("Grace period (days) (now: …)"), not its column
    page.get_by_role("option", name=column_name(fact, "en")).first.click()
    wait_for_app(page)
    form = card.locator("[data-testid=stForm]")
    form.get_by_role("textbox", name="New value", exact=True).fill(value)
    form.get_by_role("textbox", name="Source address (http or https)").fill(source)
    form.get_by_role("textbox", name="The source's own date (optional)").fill("2026-11-20")
    # A correction brings the source's own words: the row's facts rest on them.
    form.get_by_role("textbox", name="The source's own words that state the new value").fill(
        "Top up online or at any 7-Eleven; 30 days after expiry to recharge.")
    form.get_by_role("textbox", name="Language of those words").fill("en")
    form.get_by_role("button", name="Check the correction").click()
    wait_for_app(page)


@pytest.mark.browser
def test_a_correction_on_a_renewal_card_ends_in_a_diff(page, server):
    card = _open_form(page, server)
    _fill(page, card, "grace_days", "30", NEW_SOURCE)
    code = card.locator("[data-testid=stCode]").first
    code.wait_for()
    diff = code.inner_text()
    assert "+hk-csl,prepaid," in diff and NEW_SOURCE in diff and ",30," in diff
    assert card.get_by_role("button", name="Download the patch").is_visible()
    screenshot(page, "correction-renewal-hk")


@pytest.mark.browser
def test_a_javascript_source_is_turned_down(page, server):
    card = _open_form(page, server)
    _fill(page, card, "grace_days", "30", "javascript:alert(1)")
    error = card.locator("[data-testid=stAlertContentError]").first
    error.wait_for()
    text = error.inner_text()
    assert "cannot be proposed" in text and "a web page's address" in text and "javascript:alert(1)" in text
    assert card.locator("[data-testid=stCode]").count() == 0
