"""Charts by place at world shape (≈220 places): the top places drawn, the rest counted in a caption."""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest

from simatlas import charts
from simatlas.i18n import t_count


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from bench.synthetic import write_world

    folder = write_world(tmp_path_factory.mktemp("world") / "data", scale=0.02)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIMATLAS_DATA_DIR", str(folder))
        yield folder


def _places_drawn(at) -> list[set[str]]:
    """For each chart by place on the page, the place keys it sends to the browser."""
    drawn = []
    for element in at.get("vega_lite_chart"):
        if json.loads(element.proto.spec).get("encoding", {}).get("y", {}).get("field") != "place":
            continue
        keys: set[str] = set()
        for dataset in element.proto.datasets:
            keys |= set(pa.ipc.open_stream(dataset.data.data).read_all().column("place_key").to_pylist())
        drawn.append(keys)
    return drawn


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", ["cancellation", "countries", "plans"])
def test_a_chart_by_place_draws_the_top_places_and_captions_the_rest(world, open_link, page, lang):
    at = open_link(page, lang=lang)
    drawn = _places_drawn(at)
    assert drawn and all(len(keys) == charts.CHART_PLACE_LIMIT for keys in drawn), page
    captions = [caption.value for caption in at.caption]
    counts = [int(match.group()) for text in captions for match in [re.search(r"\d+", text)]
              if match and text == t_count("chart.more_places", lang, int(match.group()))]
    assert len(counts) == len(drawn), captions  # one "…and N more places" under each chart by place
    # the places not drawn: ≈220 places in the world shape, all but the drawn ones (fewer on the
    # cancellation page, where only places with an operator rule count)
    assert all(count > 150 for count in counts), counts
