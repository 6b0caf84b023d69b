"""At the shape of a real eSIM price table (≈220 places, ≈40 sellers, most plans regional), a real
browser draws the About-the-data page's two charts and share box, and the Countries page's chart on its
first open — the parts that were missing at that shape — with no traceback and no "Page not found"."""

import pytest

from bench.synthetic import write_world
from tests.browser.conftest import screenshot, start_server, stop_server, wait_for_app

SCALE = 0.15  # every place and seller of the world shape, 9,000 of its 60,000 plans (bench: full size)
SLOW = 120_000  # ms: the first request of a fresh server loads and validates the data


@pytest.fixture(scope="module")
def world_server(tmp_path_factory):
    process, base = start_server(write_world(tmp_path_factory.mktemp("world"), seed=5, scale=SCALE))
    yield base
    stop_server(process)


def _assert_drawn(page, charts: int, name: str) -> None:
    main = page.locator("[data-testid=stMain]")
    # Vega draws after the script run ends: wait for the charts themselves, not only the run.
    selector = "[data-testid=stMain] .vega-embed canvas, [data-testid=stMain] .vega-embed svg"
    page.wait_for_function(f"() => document.querySelectorAll('{selector}').length >= {charts}", timeout=SLOW)
    assert main.locator(".vega-embed canvas, .vega-embed svg").count() >= charts, name
    share = page.locator("[data-testid=stSidebar] .simatlas-share textarea").last
    share.wait_for(timeout=SLOW)
    assert share.input_value().startswith("http"), name
    assert page.locator("[data-testid=stException]").count() == 0, name
    assert "Page not found" not in page.locator("body").inner_text(), name
    screenshot(page, f"world-{name}")


def test_data_and_countries_pages_are_complete_at_world_shape(page, world_server):
    page.goto(f"{world_server}/data")
    wait_for_app(page, timeout=SLOW)
    _assert_drawn(page, 2, "data")
    # A fresh tab on the Countries page: its first open must draw the price-per-GB chart.
    page.goto(f"{world_server}/countries")
    wait_for_app(page, timeout=SLOW)
    _assert_drawn(page, 1, "countries")
