"""A place link opens its profile, and its links lead into pages filtered to that place; the About page
draws every section."""

from urllib.parse import parse_qs, urlsplit

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


# A point inside one of the map's large countries, in page pixels: the largest shapes narrower than
# 40 % of the map (Antarctica and Russia, which crosses the date line, are wider), probed with the SVG's
# own geometry (isPointInFill), so the test knows no projection.
INSIDE_A_LARGE_COUNTRY = """(svg) => {
  const width = svg.getBoundingClientRect().width;
  const shapes = [...svg.querySelectorAll('.mark-shape path')]
    .map(path => [path, path.getBoundingClientRect()])
    .filter(([, box]) => box.width < width * 0.4)
    .sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height);
  for (const [path] of shapes.slice(0, 5)) {
    const box = path.getBBox(), toPage = path.getScreenCTM();
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
      const point = new DOMPoint(box.x + box.width * i / 10, box.y + box.height * j / 10);
      if (path.isPointInFill(point)) { const at = point.matrixTransform(toPage); return [at.x, at.y]; }
    }
  }
  return null;
}"""


def test_a_tap_on_the_world_map_opens_that_places_profile(page, server):
    page.goto(f"{server}/countries")
    wait_for_app(page)
    drawn = page.locator("[data-testid=stMain] [data-testid=stVegaLiteChart] svg").first
    page.wait_for_function("svg => svg.querySelectorAll('.mark-shape path').length > 100",
                           arg=drawn.element_handle(), timeout=30_000)  # the boundaries, fetched
    point = drawn.evaluate(INSIDE_A_LARGE_COUNTRY)
    assert point is not None
    page.mouse.click(*point)
    page.wait_for_url("**/countries?*country=*", timeout=30_000)
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    # One place in the link, its name as the profile's heading, the comparison folded under it.
    assert len(parse_qs(urlsplit(page.url).query)["country"]) == 1
    main.locator("h2").first.wait_for(timeout=30_000)
    assert main.get_by_role("button", name=t("countries.every_place", "en")).count() == 1
    assert main.get_by_text(t("countries.compare", "en")).count() == 1
    screenshot(page, "countries-map-tap")
