"""AppTest: every place's profile renders in both languages; the data page renders."""

import pytest

from tests.conftest import places_to_sweep


def test_every_place_profile_renders(open_link, bundled):
    for place in places_to_sweep(list(bundled.place_codes)):
        at = open_link("pages/countries.py", country=place)
        assert not at.exception, place
        assert any(m.value.startswith("**Can I cancel online?**  \n") for m in at.markdown), place


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_profile_in_both_languages(open_link, lang):
    at = open_link("pages/countries.py", place="NC", lang=lang)
    assert at.header[0].value == ("新喀里多尼亚" if lang == "zh" else "New Caledonia")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_data_page(open_link, bundled, lang):
    at = open_link("pages/data.py", lang=lang)
    coverage = at.dataframe[0].value
    assert coverage["plans"].sum() >= len(bundled.plans)
    assert at.title[0].value == ("数据说明" if lang == "zh" else "About the data")


def test_the_overview_maps_what_the_data_holds(open_link, bundled):
    """The world map: boundaries by address (served by the app, cached by the browser), the statuses
    in the page, the places too small for it named."""
    import json

    import pyarrow as pa

    from simatlas import charts, places
    from simatlas.i18n import t

    at = open_link("pages/countries.py", lang="zh")
    maps = [chart for chart in at.get("vega_lite_chart") if charts.MAP_URL in chart.proto.spec]
    assert len(maps) == 1
    spec = json.loads(maps[0].proto.spec)
    assert '"format": {"feature": "countries", "type": "topojson"}' in json.dumps(spec, sort_keys=True) \
        or "topojson" in maps[0].proto.spec
    shipped = pa.ipc.open_stream(maps[0].proto.datasets[0].data.data).read_all().to_pandas()
    expected = places.map_frame(bundled, "visitor", "zh")
    assert sorted(shipped["numeric"]) == sorted(expected["numeric"])
    assert len(maps[0].proto.spec) < 20_000  # the boundaries are fetched, not carried
    off = places.off_the_map(bundled, "zh")
    assert any(t("map.note", "zh") in caption.value and off[0] in caption.value for caption in at.caption)
