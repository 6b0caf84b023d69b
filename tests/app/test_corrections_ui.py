"""AppTest: "Suggest a correction" on an operator card, a plan's details with its price history, the
"changed since" column, and the About-the-data page's freshness section."""

import json

from simatlas.i18n import t
from simatlas.text import escape_markdown
from tests.app.conftest import fold

CARD = "correct.card.renewal.csv.hk-csl.prepaid"
NEW_SOURCE = "https://www.hkcsl.com/en/prepaid-terms"


QUOTE = "Top up online or at any 7-Eleven; you have 30 days after expiry to recharge."


def _suggest(at, form: str, fact: str, value: str, source: str, source_date: str = "", quote: str = QUOTE):
    if not [box for box in at.selectbox if box.key == f"{form}.fact"]:
        fold(at, f"{form}.fold")
    at.selectbox(key=f"{form}.fact").select(fact).run()  # the value's input follows the fact chosen
    choice = [box for box in at.selectbox if box.key == f"{form}.{fact}.choice"]
    if choice:
        choice[0].select(value)
    else:
        at.text_input(key=f"{form}.value").input(value)
    at.text_input(key=f"{form}.source").input(source)
    at.text_input(key=f"{form}.date").input(source_date)
    at.text_area(key=f"{form}.quote").input(quote)
    at.text_input(key=f"{form}.quote_lang").input("en" if quote else "")
    at.button(key=f"{form}.submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_good_correction_on_an_operator_card_shows_the_diff(open_link):
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl")
    _suggest(at, CARD, "grace_days", "30", NEW_SOURCE, "2026-11-20")
    assert not at.error
    diff = next(code.value for code in at.code if code.language == "diff")
    added = [line for line in diff.splitlines() if line.startswith("+hk-csl,prepaid,")]
    assert len(added) == 1 and ",30," in added[0] and NEW_SOURCE in added[0] and "2026-11-20" in added[0]
    assert [line for line in diff.splitlines() if line.startswith("-hk-csl,prepaid,")]
    patch = at.download_button(key=f"{CARD}.download")
    assert patch.label == t("correct.download", "en")
    # No maintainers' address configured: the reader is told to open a pull request; nothing is sent.
    assert t("correct.open_pr", "en") in [caption.value for caption in at.caption]
    assert any(NEW_SOURCE in code.value and "grace_days = 30" in code.value for code in at.code)


def test_a_correction_without_the_sources_words_is_refused_and_says_why(open_link):
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl")
    _suggest(at, CARD, "grace_days", "30", NEW_SOURCE, quote="")
    (error,) = at.error
    # the row's "yes" facts rest on the source's words: the new source must bring them
    assert escape_markdown("copy the source's own words that state it") in error.value
    assert not [code for code in at.code if code.language == "diff"]


def test_a_javascript_source_is_rejected_naming_source_url(open_link):
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl")
    _suggest(at, CARD, "grace_days", "30", "javascript:alert(1)")
    (error,) = at.error
    assert error.value.startswith(t("correct.rejected", "en"))
    assert escape_markdown(t("correct.problem.source", "en", detail="javascript:alert(1)")) in error.value
    assert not [code for code in at.code if code.language == "diff"]


def test_every_problem_at_once_in_the_readers_language(open_link):
    """In Chinese, a wrong number, a source that is not a web page, an impossible date and words
    without their language are all named at once, in Chinese, with the fact's Chinese name."""
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl", lang="zh", unfold=(f"{CARD}.fold",))
    at.selectbox(key=f"{CARD}.fact").select("grace_days").run()
    at.text_input(key=f"{CARD}.value").input("三十")
    at.text_input(key=f"{CARD}.source").input("www.hkcsl.com")
    at.text_input(key=f"{CARD}.date").input("2026-02-30")
    at.text_area(key=f"{CARD}.quote").input(QUOTE)
    at.button(key=f"{CARD}.submit").click().run()
    (error,) = at.error
    lines = [line for line in error.value.splitlines() if line.startswith("- ")]
    assert len(lines) == 4, lines
    assert "不是整数" in lines[0] and "网页地址" in lines[1]
    assert "不是有效日期" in lines[2] and "原文语言" in lines[3]
    assert not any(word in error.value for word in ("column", "must", "line"))  # no developer English


def test_checks_are_bounded_per_session(open_link, monkeypatch):
    from ui import correction_form

    monkeypatch.setattr(correction_form, "MAX_CHECKS", 2)
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl")
    for _ in range(2):
        _suggest(at, CARD, "grace_days", "30", "javascript:alert(1)")
        assert at.error and not at.warning
    _suggest(at, CARD, "grace_days", "30", "javascript:alert(1)")
    assert not at.error and at.warning[0].value == t("correct.too_many", "en", count=2)


def test_the_maintainers_address_gives_a_prefilled_mailto_link(open_link, monkeypatch):
    monkeypatch.setenv("SIMATLAS_CORRECTIONS_EMAIL", "data@simatlas.example")
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl")
    _suggest(at, CARD, "grace_days", "30", NEW_SOURCE)
    (button,) = at.get("link_button")
    assert button.proto.url.startswith("mailto:data@simatlas.example?subject=SIM%20Atlas%20correction")
    assert "hkcsl.com" in button.proto.url and "\n" not in button.proto.url


def test_plan_details_show_the_price_history_chart(open_link):
    at = open_link(None, country=["NC"])
    at.selectbox(key="w.plans.plan").select("nc-opt-forfait-m-5h").run()
    fold(at, "correct.plans.plans.csv.nc-opt-forfait-m-5h.fold")
    assert not at.exception
    titles = [json.loads(chart.proto.spec).get("title") for chart in at.get("vega_lite_chart")]
    assert t("history.chart", "en") in titles
    captions = [caption.value for caption in at.caption]
    assert t("details.currency", "en", currency="XPF") in captions
    assert any("gouv\\.nc" in caption for caption in captions)  # the plan's source, escaped
    # The plan's own correction form sits under its details.
    assert at.button(key="correct.plans.plans.csv.nc-opt-forfait-m-5h.submit")


def test_the_plans_table_says_when_the_current_price_started(open_link):
    at = open_link(None, country=["NC"])
    table = at.dataframe[0].value.set_index("plan")
    assert table.loc["Forfait M 5 heures", "changed"] == "2019-11-15"
    assert (table["changed"] == "").sum() >= 1  # no earlier price recorded: left empty


def test_the_data_page_has_the_freshness_section(open_link):
    at = open_link("pages/data.py")
    assert t("fresh.title", "en") in [header.value for header in at.header]
    columns = [set(table.value.columns) for table in at.dataframe]
    assert {"place", "plans", "changed_6", "changed_12"} in columns
    assert {"place", "plans", "rows", "stale", "undated", "oldest", "stale_share"} in columns
    assert any({"file", "key", "source_url"} <= found for found in columns)


def test_a_place_profile_offers_a_correction_of_the_rules_its_answers_rest_on(open_link):
    at = open_link("pages/countries.py", country=["HK"], place="HK")
    assert not [box for box in at.selectbox if box.key == "correct.place.HK.row"]  # folded: not built
    rows = fold(at, "correct.place.HK.countries.csv.HK.fold").selectbox(key="correct.place.HK.row")
    assert len(rows.options) > 1
    _suggest(at, "correct.place.HK.countries.csv.HK", "id_required", "yes", "https://www.ofca.gov.hk/en/")
    assert not at.error
    assert any("+HK," in code.value for code in at.code if code.language == "diff")


def test_a_history_in_two_currencies_is_drawn_in_the_display_currency(open_link, tmp_path, data_dir_env):
    from tests.factories import write_dataset

    earlier = [{"plan_id": "nc-month", "price": "30", "currency": "EUR", "valid_until": "2022-08-01"}]
    data_dir_env(write_dataset(tmp_path / "data", price_history=earlier))
    at = open_link(None, country=["NC"], cur="EUR")
    at.selectbox(key="w.plans.plan").select("nc-month").run()
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    assert t("details.converted", "en", currency="EUR", currencies="EUR and XPF") in captions
    table = at.dataframe[0].value.set_index("plan")
    assert table.loc["Month", "changed"] == "2022-08-01"


def test_a_plan_without_history_says_none_is_recorded(open_link):
    at = open_link(None, country=["HK"])
    assert t("details.no_history", "en") in [caption.value for caption in at.caption]
    assert not [chart for chart in at.get("vega_lite_chart")
                if t("history.chart", "en") in chart.proto.spec]


def test_a_yes_no_fact_is_corrected_by_choosing_in_the_readers_language(open_link):
    """No one types 是 into a box that wants "yes": a yes/no fact offers 是 / 否 / 未知."""
    at = open_link("pages/renewal.py", country=["HK"], operator="hk-csl", lang="zh", unfold=(f"{CARD}.fold",))
    at.selectbox(key=f"{CARD}.fact").select("topup_app").run()
    choice = at.selectbox(key=f"{CARD}.topup_app.choice")
    assert choice.options == ["是", "否", "未知"]
