"""AppTest: a trip through several places (issue #23) — from a link, typed in the page, shared and
reopened, with bad stops; the page says what simatlas.legs computes."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pyarrow as pa
import pytest

from simatlas import legs, url_state
from simatlas.i18n import t
from simatlas.text import escape_markdown
from tests.app.conftest import fold
from tests.app.share import shared_link

THREE = ["HK:5", "MO:3", "CN:4"]


def expected(dataset, lang: str, **query) -> legs.LegsAnswer:
    raw = {name: value if isinstance(value, list) else [value] for name, value in query.items()}
    parsed = url_state.parse_query(raw, url_state.page_params("trip"), url_state.dynamic_choices(dataset))
    return legs.answer(dataset, legs.MultiTrip.from_values(parsed.values))


def texts(at) -> list[str]:
    return [element.value for element in at.markdown]


def share_link(at) -> str:
    return shared_link(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_three_stops_from_a_link(open_link, bundled, lang):
    at = open_link("pages/trip.py", leg=THREE, cur="USD", lang=lang)
    found = expected(bundled, lang, leg=THREE, cur="USD")
    said = legs.notes(bundled, found, "USD", lang)
    shown = texts(at)
    # the sentence heading names the route; the cheapest total leads, in its own heading
    assert shown[0].startswith("## ") and "→" in shown[0]
    assert t("legs.best", lang) in shown[1]
    total = legs.option_total_text(found.best, "USD", 1.0 * bundled.fx_rates.set_index("currency")
                                   .loc["USD", "per_eur"], lang)
    assert escape_markdown(total) in shown[2] and shown[2].startswith("### ")
    # one line per stop-run of the best combination, a stop with no option named in it
    rows = legs.answer_rows(bundled, found, "USD", lang)
    best = rows[rows["option"] == "best"]
    segment_lines = [text for text in shown if text.startswith("**") and " · " in text and " — " in text]
    assert len(segment_lines) == len(best)
    for line, plan in zip(segment_lines, best["plan"], strict=True):
        assert (escape_markdown(plan) in line) if isinstance(plan, str) else \
            escape_markdown(t("legs.missing", lang)) in line
    # both alternatives, as the core words them; every missing stop a warning
    alternatives = next(text for text in shown if text.startswith("- "))
    assert alternatives == "\n".join(f"- {escape_markdown(line)}" for line in said.alternatives)
    warnings = [element.value for element in at.warning]
    assert all(escape_markdown(line) in warnings for line in said.missing)
    # the timeline: the stops and the three options' rows
    timelines = []
    for chart in at.get("vega_lite_chart"):
        table = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all()
        if "track" in table.column_names:
            timelines.append(list(dict.fromkeys(table.column("track").to_pylist())))
    assert timelines == [[t("legs.stops", lang), *(t(f"legs.option.{option}", lang)
                                                  for option in found.by_option())]]
    # the stop editor shows the link's stops
    assert [box.value for box in at.selectbox if str(box.key).startswith("trip.stop.")] == ["HK", "MO", "CN"]
    assert parse_qs(urlsplit(share_link(at)).query)["leg"] == THREE


def test_bad_stops_are_named_and_the_rest_of_the_trip_answers(open_link, bundled):
    at = open_link("pages/trip.py", leg=["HK:5", "XX:2", "MO:0", "nonsense", "MO:3"])
    notice = at.warning[0].value
    for value in ("XX\\:2", "MO\\:0", "nonsense"):
        assert value in notice, notice
    assert "PLACE:DAYS" in notice.replace("\\", "")
    assert "Hong Kong" in texts(at)[0] and "Macao" in texts(at)[0]
    assert parse_qs(urlsplit(share_link(at)).query)["leg"] == ["HK:5", "MO:3"]


def test_stops_typed_in_the_page_shared_and_reopened(open_link, bundled):
    at = open_link("pages/trip.py", country=["HK"], days="5")
    start = next(button for button in at.button if button.label == t("legs.start", "en"))
    start.click().run()
    places = [box for box in at.selectbox if box.label.startswith("Stop ")]
    assert next(box.value for box in places) == "HK"
    places[1].set_value("MO").run()
    next(box for box in at.number_input if box.label == "Days" and box.value == 3).set_value(2).run()
    next(button for button in at.button if button.label == t("legs.add", "en")).click().run()
    next(box for box in at.selectbox if box.label == "Stop 3").set_value("HK").run()
    link = share_link(at)
    assert parse_qs(urlsplit(link).query)["leg"] == ["HK:5", "MO:2", "HK:3"]
    assert not at.exception
    # reopened from the shared link, the same view
    again = open_link("pages/trip.py", **parse_qs(urlsplit(link).query))
    assert texts(again)[:3] == texts(at)[:3]
    assert share_link(again) == link
    # removing stops down to one is the one-place planner for that stop
    next(button for button in at.button if button.label == "Remove stop 1").click().run()
    next(button for button in at.button if button.label == "Remove stop 1").click().run()
    assert parse_qs(urlsplit(share_link(at)).query) == {"country": ["HK"], "days": ["3"]}
    # the reader opens the trip's controls: the stop's days
    assert fold(at, "controls.trip").number_input(key="w.trip.days").value == 3


def test_a_regional_quote_covers_the_places_it_names(open_link, bundled):
    query = {"leg": ["HK:5", "MO:3"], "q_price": "60", "q_cur": "HKD", "q_gb": "10", "q_days": "10",
             "cur": "HKD"}
    everywhere = open_link("pages/trip.py", **query)
    assert "Your quote" in texts(everywhere)[3] and "HK\\$60\\.00 for 8 days" in texts(everywhere)[2]
    assert everywhere.multiselect(key="w.trip.q_countries").value == []
    hong_kong = open_link("pages/trip.py", **query, q_countries=["HK"])
    found = expected(bundled, "en", **query, q_countries=["HK"])
    assert next(segment.places for segment in found.best.segments) == ("HK",)
    lines = [text for text in texts(hong_kong) if text.startswith("**Day")]
    assert "Your quote" in lines[0] and "Your quote" not in lines[1]
