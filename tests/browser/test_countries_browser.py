"""A place link opens its profile, and its links lead into pages filtered to that place; the About page
draws every section."""

from simatlas.i18n import t
from tests.browser.conftest import screenshot, wait_for_app


def test_place_link_and_follow_into_plans(page, server, bundled):
    page.goto(f"{server}/countries?place=NC&cur=XPF")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    main.get_by_text("Can I cancel online?").wait_for(timeout=30_000)  # the profile is drawn in steps
    assert "New Caledonia" in main.locator("h2").first.inner_text()
    page.wait_for_timeout(1500)  # let the sidebar and charts finish drawing
    screenshot(page, "countries-nc")
    main.get_by_role("link", name="Plans", exact=True).click()
    page.wait_for_url("**/?*country=NC*", timeout=15_000)
    wait_for_app(page)
    assert "cur=XPF" in page.url
    nc_plans = bundled.coverage.query("country == 'NC'")["plan_id"].nunique()
    assert page.locator("[data-testid=stMain] h2").first.inner_text().startswith(f"{nc_plans} plan")


def test_the_data_page_draws_every_section_its_tables_and_charts(page, server):
    page.goto(f"{server}/data?lang=zh")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    for key in ("data.coverage", "data.layers", "data.fx", "data.sources", "data.report"):
        main.get_by_role("heading", name=t(key, "zh")).wait_for(timeout=20_000)
    # Both charts drawn by Vega (an svg or canvas with a size), every table drawn by the grid.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] :is(svg, canvas)')]
                   .filter(c => c.getBoundingClientRect().width > 0).length >= 2""", timeout=30_000)
    assert main.locator("[data-testid=stDataFrame]").count() >= 5  # coverage, layers, …, rates, sources
    assert main.locator("[data-testid=stException]").count() == 0
    screenshot(page, "data-zh")
