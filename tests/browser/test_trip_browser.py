"""Changing the trip length in a real browser changes both the ranking and the address bar."""

from tests.browser.conftest import screenshot, wait_for_app


def first_rows(page) -> list[str]:
    """Plan and total of the first three options (plan is column 1, total column 2)."""
    cells = [f"[data-testid=glide-cell-{column}-{row}]" for row in range(3) for column in (1, 2)]
    return [page.locator(cell).first.inner_text() for cell in cells]


def test_trip_length_changes_ranking_and_url(page, server):
    page.goto(f"{server}/trip?country=HK&days=1&gb=0.5&cur=HKD")
    wait_for_app(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for()
    one_day = first_rows(page)
    days = page.get_by_role("spinbutton", name="Trip length (days)")
    days.fill("60")
    days.press("Enter")
    page.wait_for_function("() => location.search.includes('days=60')", timeout=15_000)
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('h4')?.innerText.includes('60 days')", timeout=15_000
    )
    # The grid redraws after the heading: wait for the first total to change, then compare.
    page.wait_for_function(
        "before => document.querySelector('[data-testid=glide-cell-2-0]')?.innerText !== before",
        arg=one_day[1], timeout=15_000,
    )
    assert first_rows(page) != one_day  # totals (and usually the order) change with the length
    screenshot(page, "trip-hk")
