import re

import pytest

from simatlas import charts, plans
from simatlas.catalogue import TEXT
from simatlas.i18n import country_name, format_money, language_for_locale, t
from simatlas.plans import PlanFilter, filter_plans, match_positions
from simatlas.text import escape_markdown


def test_price_against_data_encoding(tiny):
    points = plans.chart_points(filter_plans(tiny, PlanFilter()), tiny)
    spec = charts.price_against_data(points, "EUR", "en").to_dict()
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["x"]["field"] == "data_gb" and spec["encoding"]["x"]["type"] == "quantitative"
    assert spec["encoding"]["y"]["title"] == "Price (EUR)"
    assert spec["encoding"]["color"]["field"] == "place"
    assert {tip["field"] for tip in spec["encoding"]["tooltip"]} == {"operator", "plan", "data_gb", "days",
                                                                     "price"}
    rows = next(iter(spec["datasets"].values()))
    assert set(rows[0]) == {"plan", "operator", "place", "data_gb", "price", "days"}


def test_price_per_gb_by_place_encoding_in_chinese(tiny):
    summary = plans.price_per_gb_by_country(tiny, match_positions(tiny, PlanFilter()), "USD", (), "zh")
    spec = charts.price_per_gb_by_place(summary, "CNY", "zh").to_dict()
    assert spec["title"] == "各地每 GB 价格"
    assert spec["encoding"]["x"]["title"] == "每 GB 价格（CNY）"
    assert spec["encoding"]["yOffset"]["field"] == "measure"
    rows = next(iter(spec["datasets"].values()))
    assert {row["place"] for row in rows} == {"新喀里多尼亚", "中国香港特别行政区"}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    entry = TEXT[key]
    assert entry.get("en") and entry.get("zh"), key
    assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["zh"]))


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [("NC", "zh", "新喀里多尼亚"), ("NC", "en", "New Caledonia"), ("PF", "zh", "法属波利尼西亚")],
)
def test_country_names_come_from_cldr(code, lang, name):
    assert country_name(code, lang) == name


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        (1000, "XPF", "en", "CFPF1,000"),
        (99.5, "HKD", "en", "HK$99.50"),
        (1500, "HKD", "zh", "HK$1,500"),
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
    assert t("plans.download", "en", count=3) == "Download these 3 plans (CSV)"


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
                   "too_long", "repeated"),
        "plans": schema.YES_ONLY_FLAGS,
    }
    return [f"{family}.{code}" for family, codes in families.items() for code in codes]


@pytest.mark.parametrize("key", _enum_keys())
def test_every_key_built_from_a_coded_value_exists_in_both_languages(key):
    assert key in TEXT, key
    assert TEXT[key].get("en") and TEXT[key].get("zh"), key


@pytest.mark.parametrize("key", sorted(key for key in TEXT if key.endswith(".one")))
def test_every_counted_text_has_the_other_plural_form(key):
    assert key.removesuffix(".one") + ".other" in TEXT
