"""Every page is complete at the shape of a real eSIM price table (≈220 places, ≈40 sellers, most plans
regional): no exception, no error box, its charts drawn and the share box at the end. At that shape the
About-the-data page once never reached its charts or share box, and the Countries page's first open
showed no chart (per-place loops over every plan: a minute before the first chart)."""

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import write_world
from simatlas import registry
from simatlas.i18n import t
from tests.app.conftest import APP, fold, page_script
from tests.app.share import shared_links

# Every place and seller of the world shape, with 9,000 of its 60,000 plans: AppTest runs the pages
# in-process, and `make bench` measures the full size.
SCALE = 0.15
PAGES = tuple(registry.PAGES)  # plans first
CHARTS_AT_LEAST = {"countries": 1, "data": 2}  # the charts found missing at world shape
# Altair refuses to inline more than 5,000 rows: a chart's data must stay bounded, whatever the places.
MAX_CHART_ROWS = 5_000


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory):
    return write_world(tmp_path_factory.mktemp("world"), seed=11, scale=SCALE)


@pytest.fixture
def world_app(world_dir, data_dir_env):
    data_dir_env(world_dir)
    assert os.environ["SIMATLAS_DATA_DIR"] == str(world_dir)
    return AppTest.from_file(APP, default_timeout=180)


def _chart_rows(chart) -> int:
    """Rows a chart ships to the browser: its inline values and its Arrow datasets."""
    import pyarrow as pa

    proto = chart.proto
    payloads = [proto.data.data] if proto.data.data else []
    payloads += [dataset.data.data for dataset in proto.datasets]
    inline = len(json.loads(proto.spec).get("data", {}).get("values", []))
    shipped: int = inline + sum(pa.ipc.open_stream(payload).read_all().num_rows for payload in payloads)
    return shipped


def _assert_complete(at: AppTest, page: str) -> None:
    assert not at.exception, (page, [error.value for error in at.exception])
    failed = t("error.page", "en"), t("error.page", "zh")
    assert not [error.value for error in at.error if error.value in failed], f"{page}: error boundary fired"
    assert at.title, page
    # The share box is the last thing a page draws (ui.shell.finish_page): drawn = the page finished.
    shared = shared_links(at.sidebar.html)
    assert shared and shared[-1].startswith("http"), (page, shared)
    charts = at.get("vega_lite_chart")
    assert len(charts) >= CHARTS_AT_LEAST.get(page, 0), (page, len(charts))
    for chart in charts:
        assert _chart_rows(chart) <= MAX_CHART_ROWS, page


def test_every_page_is_complete_at_world_shape(world_app):
    # One session through every page: the world dataset is loaded once (the caches are cleared
    # between tests), and each page's first open is the one that failed.
    at = world_app
    at.run()
    _assert_complete(at, "plans")
    for page in PAGES[1:]:
        at.switch_page(page_script(page))
        at.run()
        _assert_complete(at, page)
    # A shared link to a place every seller's regional plans cover, in Chinese: the profile on top,
    # the overview under it once the reader opens the comparison.
    at.switch_page(page_script("countries"))
    at.query_params["place"] = "JP"
    at.query_params["lang"] = "zh"
    fold(at, "countries.compare")
    _assert_complete(at, "countries")
    assert [header.value for header in at.header][:1] == ["日本"]
