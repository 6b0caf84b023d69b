"""Money in one CLDR path, operators' Chinese names with their sources, places in Chinese order, and
counts in prose through CLDR plural rules (issue #14: "Names a Chinese reader knows", "Money and words")."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from simatlas import charts, places, plans, policies
from simatlas.catalogue import TEXT
from simatlas.i18n import (
    collation_key,
    country_name,
    format_money,
    money_d3,
    money_decimals,
    money_printf,
    sorted_places,
    t_count,
)
from simatlas.loader import DataError, load_dataset
from simatlas.plans import PlanFilter, filter_plans
from tests.factories import OPERATORS, write_dataset
from ui.tables import money_column

NBSP = "\u00a0"


# --- Money --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        (5900, "XPF", "en", f"CFPF{NBSP}5,900"),
        (5900, "XPF", "zh", f"CFPF{NBSP}5,900"),
        (1200.4, "JPY", "en", "JP¥1,200"),
        (1200.4, "JPY", "zh", "JP¥1,200"),
        (150000.4, "IDR", "en", f"IDR{NBSP}150,000"),
        (150000.4, "IDR", "zh", f"IDR{NBSP}150,000"),
        (158, "HKD", "en", "HK$158.00"),
        (12.5, "HKD", "zh", "HK$12.50"),
        (9.99, "USD", "en", "US$9.99"),
        (9.99, "USD", "zh", "US$9.99"),
    ],
)
def test_money_is_written_with_the_currencys_own_decimals_in_both_languages(amount, currency, lang, text):
    assert format_money(amount, currency, lang) == text


@pytest.mark.parametrize(
    ("currency", "decimals", "printf", "d3"),
    [
        ("XPF", 0, "%,.0f", ",.0f"),
        ("JPY", 0, "%,.0f", ",.0f"),
        ("IDR", 0, "%,.0f", ",.0f"),  # CLDR: accounting digits 2, cash digits 0
        ("HKD", 2, "%,.2f", ",.2f"),
        ("USD", 2, "%,.2f", ",.2f"),
    ],
)
def test_tables_and_charts_take_the_same_decimals(currency, decimals, printf, d3):
    assert money_decimals(currency) == decimals
    assert money_printf(currency) == printf
    assert money_d3(currency) == d3
    type_config = money_column(currency)("Price")["type_config"]
    assert isinstance(type_config, dict) and dict(type_config).get("format") == printf


@pytest.mark.parametrize("currency", ["XPF", "JPY", "IDR", "HKD", "USD"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("amount", [0.42, 7.0, 99.99, 1234.56, 5900.0, 150000.25])
def test_a_sentence_and_a_table_cell_show_the_same_number(currency, lang, amount):
    in_prose = format_money(amount, currency, lang)
    digits = re.sub(r"[^0-9.,]", "", in_prose).strip(".,")
    assert digits == table_cell(money_printf(currency), amount)


def table_cell(printf: str, amount: float) -> str:
    """What a table cell shows for Streamlit's grouped printf format "%,.Nf"."""
    match = re.fullmatch(r"%,\.(\d)f", printf)
    assert match, printf
    return f"{amount:,.{match.group(1)}f}"


def test_english_names_the_dollar_and_the_yen():
    """A US$ price beside an HK$ one must say which dollar (and JP¥ beside CN¥ which yen)."""
    assert format_money(5, "USD", "en").startswith("US$")
    assert format_money(500, "JPY", "en").startswith("JP¥")


def test_a_chart_tooltip_uses_the_currency_decimals(tiny):
    points = plans.chart_points(filter_plans(tiny, PlanFilter()), tiny, "en")
    spec = charts.price_against_data(points, "JPY", "en").to_dict()
    formats = {tip.get("format") for tip in spec["encoding"]["tooltip"] if tip.get("field") == "price"}
    assert formats == {",.0f"}


# --- Operators' Chinese names ------------------------------------------------------------------------

def _with_chinese_name(folder, name_zh: str, url: str, seen_on: str | None = None):
    seen_on = ("2026-12-01" if name_zh else "") if seen_on is None else seen_on
    alpha = dict(OPERATORS[0], name_zh=name_zh, name_zh_url=url, name_zh_seen_on=seen_on,
                 website="https://alpha.example")
    operators = [alpha, *OPERATORS[1:]]
    return write_dataset(folder, operators=operators)


def test_a_sourced_chinese_name_is_shown_in_chinese_and_the_gap_is_named_in_the_operator_list(tmp_path):
    dataset = load_dataset(_with_chinese_name(tmp_path, "阿尔法", "https://alpha.example/zh"))
    chinese = plans.operator_names(dataset, "zh")
    assert chinese["hk-alpha"] == "阿尔法"
    assert chinese["seller"] == "Seller"  # no Chinese name sourced: its own name as written
    # ...and where a reader looks operators up, the gap is said in words
    assert plans.operator_names(dataset, "zh", legal=True)["seller"] == "Seller（未见官方中文名）"
    assert plans.operator_names(dataset, "en") == {"hk-alpha": "Alpha HK", "nc-opt": "OPT test",
                                                    "seller": "Seller"}
    assert plans.operator_names(dataset, "zh", legal=True)["hk-alpha"] == "阿尔法（Alpha HK）"


def test_every_view_of_an_operator_uses_the_chinese_name(tmp_path):
    dataset = load_dataset(_with_chinese_name(tmp_path, "阿尔法", "https://alpha.example/zh"))
    matched = filter_plans(dataset, PlanFilter(countries=("HK",)))
    assert set(plans.table_frame(matched, dataset, "zh")["operator"]) == {"阿尔法", "Seller"}
    assert set(plans.table_frame(matched, dataset, "en")["operator"]) == {"Alpha HK", "Seller"}
    assert "阿尔法" in set(plans.chart_points(matched, dataset, "zh")["operator"])
    profile = places.operators_of(dataset, "HK", "zh")
    assert profile["operator"].tolist() == ["阿尔法（Alpha HK）"]
    assert profile["name_source"].tolist() == ["https://alpha.example/zh"]  # the name shows its source
    assert profile["name_seen_on"].tolist() == ["2026-12-01"]  # ...and when it was read there
    assert "name_source" not in places.operators_of(dataset, "HK", "en")
    assert places.operator_channels(dataset, ("HK",), "zh")["operator"].tolist() == ["阿尔法"]


def test_bundled_chinese_names_are_the_operators_own(bundled):
    operators = bundled.operators.set_index("operator_id")
    named = operators[operators["name_zh"].notna()]
    assert len(named) >= 5
    chinese = plans.operator_names(bundled, "zh")
    for operator_id, row in named.iterrows():
        assert chinese[operator_id] == row["name_zh"]
        assert row["name_zh_url"].startswith("https://")
        assert row["name_zh_seen_on"] is not None  # the name is dated by its own page
    assert chinese["hk-3hk"] == "3香港"
    renew = policies.policy_rows(bundled, "renewal", policies.PolicyFilter(("HK",)), "zh")
    assert "3香港" in set(renew["operator"]) or "hk-3hk" not in set(renew["operator_id"])


@pytest.mark.parametrize(
    ("name_zh", "url", "column"),
    [("阿尔法", "", "name_zh_url"), ("", "https://alpha.example/zh", "name_zh")],
)
def test_a_chinese_name_without_its_source_is_rejected(tmp_path, name_zh, url, column):
    with pytest.raises(DataError) as raised:
        load_dataset(_with_chinese_name(tmp_path, name_zh, url))
    assert [problem.column for problem in raised.value.problems] == [column]


@pytest.mark.parametrize(("name_zh", "seen_on", "column"),
                         [("阿尔法", "", "name_zh_seen_on"), ("", "2026-12-01", "name_zh")])
def test_a_chinese_name_without_its_date_seen_is_rejected(tmp_path, name_zh, seen_on, column):
    url = "https://alpha.example/zh" if name_zh else ""
    with pytest.raises(DataError) as raised:
        load_dataset(_with_chinese_name(tmp_path, name_zh, url, seen_on))
    assert [problem.column for problem in raised.value.problems] == [column]


# --- Places in Chinese order --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "order"),
    [
        # 澳大利亚 ào, 法国 fǎ, 斐济 fěi, 日本 rì, 新喀里多尼亚 xīn, 中国香港 zhōng: pinyin, not code points
        ("zh", ["AU", "FR", "FJ", "JP", "NC", "HK"]),
        ("en", ["AU", "FJ", "FR", "HK", "JP", "NC"]),
    ],
)
def test_places_sort_by_their_names_in_the_language(lang, order):
    assert sorted_places(["HK", "NC", "FJ", "JP", "FR", "AU"], lang) == order


def test_every_chinese_place_name_sorts_by_pinyin():
    """GB 2312 level 1 (bytes B0–D7) is in pinyin order; any other character in CLDR's Chinese place
    names needs a homophone in the sort table, or that place would sort last."""
    territories = Locale.parse("zh_Hans_CN").territories
    names = [name for code, name in territories.items() if re.fullmatch("[A-Z]{2}", code)]
    for name in names:
        for char, (group, encoded) in zip(name, collation_key(name, "zh"), strict=True):
            if "\u4e00" <= char <= "\u9fff":
                assert group == 1 and 0xB0 <= encoded[0] <= 0xD7, (name, char)


def test_the_overview_lists_places_in_the_readers_order(bundled):
    zh = places.overview(bundled, "EUR", "zh")["code"].tolist()
    en = places.overview(bundled, "EUR", "en")["code"].tolist()
    assert zh.index("AU") < zh.index("FR") < zh.index("JP") < zh.index("NC") < zh.index("HK")
    assert en.index("AU") < en.index("FR") < en.index("HK") < en.index("JP") < en.index("NC")
    assert [country_name(code, "en") for code in en[:1]] == ["Australia"]


# --- Counts in prose ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "lang", "count", "text"),
    [
        ("policy.rows", "en", 1, "1 operator rule shown."),
        ("policy.rows", "en", 2, "2 operator rules shown."),
        ("policy.rows", "zh", 1, "共显示 1 条运营商规则。"),
        ("guide.cancel.notice", "en", 1, "Give 1 day's notice."),
        ("guide.cancel.notice", "en", 30, "Give 30 days' notice."),
        ("plans.download", "en", 1, "Download this plan (CSV)"),
        ("plans.download", "zh", 1, "下载这 1 个套餐（CSV）"),  # Chinese has one plural form only
        ("chart.left_out_unknown", "en", 1, "1 plan without a known price is not drawn."),
        ("fees.incomplete", "en", 1,
         "1 of these totals rests on an unknown fee (marked unknown in the table)."),
    ],
)
def test_counts_follow_cldr_plural_rules(key, lang, count, text):
    assert t_count(key, lang, count) == text


def test_no_text_hedges_a_plural():
    hedged = [key for key, entry in TEXT.items() if re.search(r"\(s\)|\b1 \w+s\b", entry["en"])]
    assert hedged == []
