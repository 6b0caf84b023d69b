"""Changing the trip length in a real browser changes both the ranking and the address bar."""

from tests.browser.conftest import open_controls, screenshot, wait_for_app


def first_rows(page) -> list[str]:
    """Plan and total of the first three options (plan is column 0, total column 1)."""
    cells = [f"[data-testid=glide-cell-{column}-{row}]" for row in range(3) for column in (0, 1)]
    return [page.locator(cell).first.inner_text() for cell in cells]


def test_trip_length_changes_ranking_and_url(page, server):
    page.goto(f"{server}/trip?country=HK&days=1&gb=0.5&cur=HKD")
    wait_for_app(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for()
    one_day = first_rows(page)
    open_controls(page)
    days = page.get_by_role("spinbutton", name="Trip length (days)")
    days.fill("60")
    days.press("Enter")
    page.wait_for_function("() => location.search.includes('days=60')", timeout=15_000)
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMain] h2')?.innerText.includes('60 days')",
        timeout=15_000
    )
    # The grid redraws after the heading: wait for the first total to change, then compare.
    page.wait_for_function(
        "before => document.querySelector('[data-testid=glide-cell-1-0]')?.innerText !== before",
        arg=one_day[1], timeout=15_000,
    )
    assert first_rows(page) != one_day  # totals (and usually the order) change with the length
    screenshot(page, "trip-hk")


def test_a_quote_typed_in_the_browser_is_costed_and_kept_in_the_link(page, server):
    """New Caledonia's one priced visitor card is OPT's Tourism Card, priced in 2023: the quote in
    hand (today's price) is compared with it and, fresher, ranks first."""
    page.goto(f"{server}/trip?country=NC&days=10")
    wait_for_app(page)
    card = page.get_by_text("Tourism Card (from 1 Jan 2024) (Helia by OPT-NC)", exact=False)
    assert card.first.is_visible()
    page.get_by_text("Already have a quote? Compare it here").click()
    page.get_by_label("Name").fill("Kiosk eSIM")
    page.get_by_label("Name").press("Enter")
    page.wait_for_function("() => location.search.includes('q_label=Kiosk')", timeout=15_000)
    wait_for_app(page)
    price = page.get_by_role("spinbutton", name="Price")
    price.fill("25")
    price.press("Enter")
    page.wait_for_function("() => location.search.includes('q_price=25')", timeout=15_000)
    wait_for_app(page)
    # The table was there before the quote: wait for the answer that names it, then read the grid.
    page.get_by_text("Kiosk eSIM (Your quote): at least US$25.00").wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=glide-cell-0-0]')?.innerText === 'Kiosk eSIM'",
        timeout=15_000)
    # The link reopens the same answer in a new tab.
    again = page.context.new_page()
    again.goto(page.url)
    wait_for_app(again)
    assert again.get_by_text("Kiosk eSIM (Your quote): at least US$25.00").is_visible()
    screenshot(page, "trip-nc-quote")


def test_a_trip_through_three_places_from_a_link_typed_and_reopened(browser, server):
    """Issue #23 in a real browser, on a 390-px phone: a three-stop link shows the cheapest
    combination, the alternatives and the timeline with no sidebar needed; a stop typed in the page
    goes into the address; the address reopens the same answer; a bad stop is named."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server}/trip?leg=HK:5&leg=MO:3&leg=CN:4&leg=XX:1&cur=HKD")
    wait_for_app(page)
    heading = page.locator("[data-testid=stMain] h2").first
    assert "→" in heading.inner_text() and "12 days in all" in heading.inner_text()
    page.get_by_text("Cheapest way to cover every day").wait_for()
    assert page.get_by_text("A local card in every place:", exact=False).first.is_visible()
    assert page.get_by_text("No priced option for a visitor in China", exact=False).first.is_visible()
    assert page.get_by_text("XX:1", exact=False).first.is_visible()  # the dropped stop, named
    page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for()
    # the answer is on the first screens of a phone: above the stops editor
    answer_top = heading.bounding_box()["y"]
    editor_top = page.get_by_text("Stops, in travel order").bounding_box()["y"]
    assert answer_top < editor_top
    screenshot(page, "trip-legs-phone")
    # a stop added in the page goes into the address
    page.get_by_role("button", name="Add a stop").click()
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('leg').length === 4",
                           timeout=15_000)
    wait_for_app(page)
    added = new_url = page.url
    assert "leg=HK:5" in added.replace("%3A", ":")
    # the address reopens the same answer
    again = context.new_page()
    again.goto(new_url)
    wait_for_app(again)
    again.get_by_text("Cheapest way to cover every day").wait_for()
    assert again.locator("[data-testid=stMain] h2").first.inner_text() == \
        page.locator("[data-testid=stMain] h2").first.inner_text()
    context.close()
