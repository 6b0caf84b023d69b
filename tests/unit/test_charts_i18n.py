import json
import re

import pandas as pd
import pytest

from simatlas import charts, fees, plans, quality
from simatlas.catalogue import TEXT
from simatlas.i18n import country_name, field_name, format_money, language_for_locale, t, t_count
from simatlas.plans import PlanFilter, filter_plans, match_positions
from simatlas.text import escape_markdown


def test_price_against_data_encoding(tiny):
    points = plans.chart_points(filter_plans(tiny, PlanFilter()), tiny)
    spec = charts.price_against_data(points, "EUR", "en").to_dict()
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["x"]["field"] == "data_gb" and spec["encoding"]["x"]["type"] == "quantitative"
    assert spec["encoding"]["y"]["title"] == "Price (EUR)"
    # coloured by place code (the legend says the name), one colour per place
    assert spec["encoding"]["color"]["field"] == "series"
    assert set(spec["encoding"]["color"]["scale"]["domain"]) == set(points["place"])
    assert {tip["field"] for tip in spec["encoding"]["tooltip"]} == {"series_label", "operator", "plan",
                                                                     "data_gb", "days", "price"}
    rows = next(iter(spec["datasets"].values()))
    assert set(rows[0]) == {"plan", "operator", "operator_id", "place", "data_gb", "price", "days", "series",
                            "series_label"}


def test_price_per_gb_by_place_encoding_in_chinese(tiny):
    summary = plans.price_per_gb_by_country(tiny, match_positions(tiny, PlanFilter()), "USD", (), "zh")
    spec = charts.price_per_gb_by_place(summary, "CNY", "zh").to_dict()
    assert spec["title"] == "各地每 GB 价格"
    assert spec["encoding"]["x"]["title"] == "每 GB 价格（CNY）"
    assert spec["encoding"]["yOffset"]["field"] == "measure_key"
    rows = next(iter(spec["datasets"].values()))
    assert {row["place"] for row in rows} == {"新喀里多尼亚", "中国香港特别行政区"}


# --- issue #14: readable charts, one colour per meaning in both languages, world scale ---

def _layers(spec: dict) -> list[dict]:
    """The spec and its layers: a layered chart keeps each mark's encoding in its layer."""
    return [spec, *(layer for layer in spec.get("layer", []))]


def _colors(spec: dict) -> list[dict]:
    """Colour scales (the heatmap's ink colour is a fixed condition, not a scale)."""
    return [layer["encoding"]["color"] for layer in _layers(spec)
            if "field" in layer.get("encoding", {}).get("color", {})]


@pytest.fixture(scope="module")
def specs(_tiny_once):
    """Every chart in both languages, built once for the module's read-only checks."""
    return {lang: _chart_specs(_tiny_once, lang) for lang in ("en", "zh")}


def _chart_specs(dataset, lang: str) -> dict[str, dict]:
    """Every chart a page draws, built from the core's own feeding functions, as Vega-Lite specs."""
    from simatlas import costs, places, policies, quality, schema

    matched = filter_plans(dataset, PlanFilter())
    cancel = policies.policy_rows(dataset, "cancellation", policies.PolicyFilter())
    renew = policies.policy_rows(dataset, "renewal", policies.PolicyFilter())
    breakdown = fees.fee_breakdown(dataset, matched, "EUR", lang)
    trip = costs.Trip.from_values({"country": ["HK"], "days": 10})
    series = costs.cost_by_trip_length(dataset, trip, list(dataset.plans["plan_id"]), "EUR", lang)
    built = {
        "scatter": charts.price_against_data(plans.chart_points(matched, dataset), "EUR", lang),
        "per_gb": charts.price_per_gb_by_place(
            plans.price_per_gb_by_country(dataset, match_positions(dataset, PlanFilter()), "EUR", (), lang),
            "EUR", lang),
        "per_gb_overview": charts.price_per_gb_by_place(
            places.per_gb_chart_frame(places.overview(dataset, "EUR", lang), lang), "EUR", lang),
        "heatmap": charts.channel_heatmap(policies.channel_matrix(cancel, schema.CANCEL_COLUMNS, lang),
                                          lang, "cancel.matrix"),
        "online_cancellation": charts.online_cancellation_by_place(
            policies.online_cancellation_by_country(cancel, lang), lang),
        "survival": charts.number_survival(policies.survival_days(dataset, renew, lang), lang),
        "cost_makeup": charts.cost_makeup(fees.cost_makeup(breakdown, lang), "EUR", lang),
        "trip": charts.cost_by_trip_length(series, 10, "EUR", lang),
        "years": charts.rows_by_source_year(quality.freshness(dataset, lang), lang),
        "unknown": charts.unknown_share_by_field(quality.unknown_fields(dataset), lang),
    }
    return {name: chart.to_dict() for name, chart in built.items()}


def test_each_meaning_has_the_same_colour_in_both_languages(specs):
    english, chinese = specs["en"], specs["zh"]
    for name, spec in english.items():
        for en_color, zh_color in zip(_colors(spec), _colors(chinese[name]), strict=True):
            # keyed by codes, not words: the same domain and range whatever the language...
            assert en_color["scale"] == zh_color["scale"], name
            assert len(set(en_color["scale"]["range"])) == len(en_color["scale"]["range"]), name
            # ...and only the legend's words change (the trip chart's legend names plans: data, the
            # same words in both languages)
            if en_color["scale"]["domain"] and name != "trip":
                assert en_color["legend"]["labelExpr"] != zh_color["legend"]["labelExpr"], name


@pytest.mark.parametrize("key", ["yes", "no", "unknown"])
def test_an_answer_is_one_colour_on_every_chart(specs, key):
    colours = set()
    for name in ("heatmap", "online_cancellation"):
        scale = _colors(specs["zh"][name])[0]["scale"]
        colours.add(scale["range"][scale["domain"].index(key)])
    assert colours == {charts.STATE_COLORS[key]}
    assert charts.STATE_COLORS["unknown"] == charts.UNKNOWN_GREY == charts.SURVIVAL_COLORS["grace_unknown"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_legends_sit_below_and_are_titled_by_what_they_measure(specs, lang):
    for name, spec in specs[lang].items():
        for color in _colors(spec):
            legend = color["legend"]
            assert legend["orient"] in {"bottom", "top"}, name  # never beside the plot on a phone
            # Vega never wraps a legend: its columns (label + symbol and gaps), which start where the
            # plot starts (right of a bar chart's labels), must fit a phone's 330-px chart
            y = next(layer["encoding"]["y"] for layer in _layers(spec) if "y" in layer.get("encoding", {}))
            offset = y.get("axis", {}).get("labelLimit", 40) if y["type"] == "nominal" else 40
            assert offset + legend.get("columns", 1) * (legend["labelLimit"] + 30) <= 330, name
            assert color["title"], name
    filter_label = t("policy.online", lang)  # "Only those I can cancel online": a filter, not a measure
    titles = {color["title"] for spec in specs[lang].values() for color in _colors(spec)}
    assert filter_label not in titles


@pytest.mark.parametrize(("name", "channel"), [("online_cancellation", "x"), ("years", "y"),
                                               ("survival", "x"), ("trip", "x")])
def test_count_axes_have_whole_numbers_only(specs, name, channel):
    spec = specs["en"][name]
    axis = next(layer["encoding"][channel]["axis"] for layer in _layers(spec)
                if "axis" in layer.get("encoding", {}).get(channel, {}))
    assert axis["tickMinStep"] == 1 and axis["format"] == "d"


@pytest.mark.parametrize("name", ["per_gb", "online_cancellation", "survival", "cost_makeup", "unknown",
                                  "heatmap"])
def test_every_bar_has_its_label(specs, name):
    spec = specs["zh"][name]
    axis = next(layer["encoding"]["y"]["axis"] for layer in _layers(spec) if "y" in layer.get("encoding", {}))
    assert axis["labelOverlap"] is False  # no label hidden to make room
    assert axis["labelLimit"] >= 150  # a long name keeps at least ~20 characters before its ellipsis
    bars_per_label = 2 if spec["height"].get("for") == "offset" else 1  # median and cheapest per place
    assert spec["height"]["step"] * bars_per_label >= 20  # room for a 12-px label on every bar


def _many_places(count: int) -> list[str]:
    """`count` distinct two-letter codes, most of them real places so names come from CLDR."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b for a in letters for b in letters][:count]


def test_charts_by_place_draw_the_top_places_and_count_the_rest():
    codes = _many_places(220)
    per_gb = pd.DataFrame([
        {"place_key": code, "place": country_name(code, "en"), "measure_key": measure,
         "measure": measure, "value": float((index * 37) % 220) + (0.5 if measure == "median" else 0),
         "plans": 3}
        for index, code in enumerate(codes) for measure in ("median", "cheapest")
    ])
    top = charts.per_gb_places(per_gb)
    assert top.left_out == 220 - charts.CHART_PLACE_LIMIT
    medians = per_gb[per_gb["measure_key"] == "median"].sort_values("value")
    assert list(top.frame.drop_duplicates("place_key")["place_key"]) == list(
        medians["place_key"].head(charts.CHART_PLACE_LIMIT))  # the cheapest first
    spec = charts.price_per_gb_by_place(per_gb, "EUR", "en").to_dict()
    drawn = {row["place_key"] for row in next(iter(spec["datasets"].values()))}
    assert len(drawn) == charts.CHART_PLACE_LIMIT
    caption = charts.more_places(top.left_out, "en")
    assert str(top.left_out) in caption and "places" in caption
    assert str(top.left_out) in charts.more_places(top.left_out, "zh")
    assert charts.more_places(0, "en") == ""


def test_online_cancellation_puts_places_with_only_unknown_answers_last():
    codes = _many_places(220)
    rows = []
    for index, code in enumerate(codes):
        states = {"unknown": 2} if index % 3 == 0 else {"yes": index % 5, "no": 1, "unknown": 1}
        rows += [{"place_key": code, "place": code, "state": state, "state_label": state, "operators": n}
                 for state, n in states.items() if n]
    counts = pd.DataFrame(rows)
    top = charts.cancellation_places(counts, limit=200)
    assert top.left_out == 20
    ranked = list(top.frame.drop_duplicates("place_key")["place_key"])
    only_unknown = {code for index, code in enumerate(codes) if index % 3 == 0}
    first_unknown = next(i for i, code in enumerate(ranked) if code in only_unknown)
    assert all(code in only_unknown for code in ranked[first_unknown:])  # none known after them
    yes = counts[counts["state"] == "yes"].set_index("place_key")["operators"]
    drawn_yes = [yes.get(code, 0) for code in ranked]
    assert drawn_yes[:first_unknown] == sorted(drawn_yes[:first_unknown], reverse=True)
    spec = charts.online_cancellation_by_place(counts, "en").to_dict()
    assert spec["encoding"]["y"]["sort"] == {"field": "rank", "op": "min"}
    drawn = {row["place_key"] for row in next(iter(spec["datasets"].values()))}
    assert len(drawn) == charts.CHART_PLACE_LIMIT


def test_the_scatter_never_gives_two_places_one_colour():
    codes = _many_places(30)
    points = pd.DataFrame({
        "plan": [f"plan {i}" for i in range(300)], "operator": "op", "operator_id": "op",
        "place": [codes[i % 30] if i < 240 else codes[0] for i in range(300)],
        "data_gb": 1.0, "price": 2.0, "days": 7,
    })
    spec = charts.price_against_data(points, "EUR", "zh").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert len(set(scale["range"])) == len(scale["range"])  # every colour stands for one series
    assert scale["domain"][0] == codes[0]  # the commonest place gets the first colour
    assert scale["domain"][-1] == charts.OTHER_KEY and scale["range"][-1] == charts.OTHER_GREY
    assert len(scale["domain"]) == charts.SCATTER_SERIES_LIMIT + 1
    rows = next(iter(spec["datasets"].values()))
    assert {row["series"] for row in rows} == set(scale["domain"])
    assert {row["series_label"] for row in rows if row["series"] == charts.OTHER_KEY} >= {
        country_name(codes[29], "zh")}  # the tooltip still names the place


def test_legend_words_with_quotes_stay_inside_their_string():
    labels = {"a": "O'Brien \"Mobile\"", "b": "普通"}
    expr = charts._label_expr(labels)
    assert expr.count("datum.value ===") == 2
    assert json.dumps(labels["a"]) in expr and "'Brien" in expr  # escaped as one JSON string literal


# The catalogue-wide checks loop over every key in one test and name every failing key (one test per
# key was ~770 tests, a tenth of the unit suite's time spent in pytest's own per-test work).
def test_every_text_has_both_languages_with_the_same_placeholders():
    assert len(TEXT) > 500  # the whole catalogue is read
    missing = [key for key, entry in TEXT.items() if not (entry.get("en") and entry.get("zh"))]
    placeholders = [key for key, entry in TEXT.items() if key not in missing
                    and set(re.findall(r"{(\w+)}", entry["en"])) != set(re.findall(r"{(\w+)}", entry["zh"]))]
    assert not missing, f"without both languages: {missing}"
    assert not placeholders, f"different placeholders in the two languages: {placeholders}"


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [("NC", "zh", "新喀里多尼亚"), ("NC", "en", "New Caledonia"), ("PF", "zh", "法属波利尼西亚")],
)
def test_country_names_come_from_cldr(code, lang, name):
    assert country_name(code, lang) == name


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        (1000, "XPF", "en", "CFPF\u00a01,000"),
        (99.5, "HKD", "en", "HK$99.50"),
        (1500, "HKD", "zh", "HK$1,500.00"),
        (None, "EUR", "zh", "未知"),
        (float("nan"), "EUR", "en", "unknown"),
    ],
)
def test_money_as_each_locale_writes_it(amount, currency, lang, text):
    assert format_money(amount, currency, lang) == text


@pytest.mark.parametrize(
    ("locale", "lang"), [("zh-CN", "zh"), ("zh-TW", "zh"), ("en-GB", "en"), ("fr-FR", "en"), (None, "en")]
)
def test_language_follows_the_browser(locale, lang):
    assert language_for_locale(locale) == lang


def test_placeholders_are_filled():
    assert t_count("plans.download", "en", 3) == "Download these 3 plans (CSV)"


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "[click](javascript:alert(1))", "**bold** _x_", "![i](http://x/y.png)"],
)
def test_escape_markdown_leaves_no_active_markup(text):
    escaped = escape_markdown(text)
    assert "<script>" not in escaped and "](" not in escaped and "**" not in escaped
    assert "javascript:" not in escaped


def _enum_keys() -> list[str]:
    """Every catalogue key the code builds from a coded value (f"kind.{kind}" and the like)."""
    from simatlas import schema, suitability, url_state

    families = {
        "value": (*schema.TRI_STATES, "any"),
        "kind": schema.OPERATOR_KINDS,
        "sim": schema.SIM_TYPES,
        "billing": schema.BILLINGS,
        "product": schema.PRODUCTS,
        "confidence": schema.CONFIDENCE,
        "channel": (*schema.TOPUP_CHANNELS, *(c for c in schema.CANCEL_CHANNELS if c != "expires")),
        "refund_ends": schema.REFUND_ENDS_AT,
        "refund_paid": schema.REFUND_PAID_AS,
        "requires": schema.REQUIREMENTS,
        "fit.audience": (*schema.AUDIENCES, "unknown"),
        "fit.left_conditions": suitability.WHO,
        "who": suitability.WHO,
        "language": url_state.LANGUAGES,
        "sort": url_state.SORT_KEYS,
        "fees.sort": ("first_total", "price"),
        "notice": ("unknown_param", "unknown_choice", "not_a_number", "out_of_range", "too_many",
                   "too_long", "repeated", "malformed"),
        "plans": schema.YES_ONLY_FLAGS,
    }
    return [f"{family}.{code}" for family, codes in families.items() for code in codes]


def test_every_key_built_from_a_coded_value_exists_in_both_languages():
    keys = _enum_keys()
    assert len(keys) > 60
    missing = [key for key in keys if key not in TEXT or not (TEXT[key].get("en") and TEXT[key].get("zh"))]
    assert not missing, f"built from a code but not in both languages: {missing}"


def test_every_counted_text_has_the_other_plural_form():
    counted = [key for key in TEXT if key.endswith(".one")]
    assert counted
    lonely = [key for key in counted if key.removesuffix(".one") + ".other" not in TEXT]
    assert not lonely, f"a '.one' text without its '.other': {lonely}"


def test_trip_options_keep_their_colour_and_come_best_first(tiny):
    from simatlas import costs

    trip = costs.Trip.from_values({"days": 10})
    best_first = list(reversed(tiny.plans["plan_id"]))  # any order the page ranks them in
    specs = {lang: charts.cost_by_trip_length(costs.cost_by_trip_length(tiny, trip, best_first, "EUR", lang),
                                              10, "EUR", lang).to_dict() for lang in ("en", "zh")}
    scale = _colors(specs["en"])[0]["scale"]
    assert scale == _colors(specs["zh"])[0]["scale"]
    assert scale["domain"] == [plan for plan in best_first if plan in scale["domain"]]  # legend best first
    assert len(scale["domain"]) > 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_fact_field_has_a_readers_name_in_both_languages(bundled, lang):
    for table in quality.TABLES:
        for column in quality._fact_columns(f"{table}.csv"):
            assert lang in TEXT.get(f"field.{column}", {}), f"{table}.{column} has no {lang} name"
    unknown = quality.unknown_fields(bundled)
    spec = charts.unknown_share_by_field(unknown, lang).to_dict()
    shown = {row["field"] for row in spec["datasets"][next(iter(spec["datasets"]))]}
    assert shown == {field_name(field, lang) for field in unknown["field"]}
    assert not any(field in shown for field in unknown["field"])  # no "plans.deposit"
    assert field_name("plans.deposit", lang) == ("Deposit · plans" if lang == "en" else "押金 · 套餐")
