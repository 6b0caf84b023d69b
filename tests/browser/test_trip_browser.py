"""Changing the trip length in a real browser changes both the ranking and the address bar."""

from tests.browser.conftest import screenshot, wait_for_app


def first_option(page) -> str:
    return page.locator("[data-testid=glide-cell-1-0]").first.inner_text()


def test_trip_length_changes_ranking_and_url(page, server):
    page.goto(f"{server}/trip?country=HK&days=1&gb=0.5&cur=HKD")
    wait_for_app(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for()
    one_day = first_option(page)
    days = page.get_by_role("spinbutton", name="Trip length (days)")
    days.fill("60")
    days.press("Enter")
    page.wait_for_function("() => location.search.includes('days=60')", timeout=15_000)
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('h4')?.innerText.includes('60 days')", timeout=15_000
    )
    assert first_option(page) != one_day
    screenshot(page, "trip-hk")
