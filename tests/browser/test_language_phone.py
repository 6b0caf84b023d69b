"""Every page in both languages, switched inside the app, on a desktop and on a phone; the back button.

What only a browser shows: the page chrome (headings, page list, labels, chips, placeholders, buttons,
captions, table headers) after the language switch, where the answer sits on a 390×844 screen, and
how many history entries a page change makes.

Chrome is checked as text with the data taken out: operator, brand, plan and seller names and source
hosts are data, shown as the data has them. What is left must hold no character of the other
language — in English no CJK character; in Chinese no Latin word except codes and units written in
capitals (GB, SIM, HK, USD…) and the few brand words of the allow-list. The two language names of the
switch itself are the one exception: each is written in its own language, so a reader finds theirs.
"""

from __future__ import annotations

import re
import time
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from simatlas import costs, fx
from simatlas.i18n import format_number, t
from tests.browser.conftest import open_controls, screenshot, wait_for_app
from ui.correction_form import QUOTE_LANG_EXAMPLES

PAGES = ("plans", "trip", "fees", "renewal", "cancellation", "countries", "data")
PHONE = {"width": 390, "height": 844}
SWITCH_NAMES = {"en": t("language.en", "en"), "zh": t("language.zh", "zh")}
# The brand "SIM Atlas", words Chinese writes in Latin letters (eSIM, App), URL schemes, and the
# map data's source, a proper name (Natural Earth).
LATIN_ALLOWED = {"eSIM", "Atlas", "App", "http", "https", "Natural", "Earth"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")

# The chrome of a page, as text: every element kind a reader reads as the interface, not the data.
# The share box's link (a field's value) is not read, its button is; the language switch is read but
# its two names are allowed.
CHROME_JS = """() => {
    const selectors = [
        '[data-testid=stPageLink]', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
        '[data-testid=stWidgetLabel]', '[data-testid=stCaptionContainer]', 'button', 'label',
        '[data-testid=stMultiSelectTagsContainer]', '[data-testid=stExpander] summary',
        '[data-testid=stAlert]', '[role=columnheader]', '[role=tab]', '[data-testid=stMetricLabel]',
        '[data-testid=stLinkButton]', '[data-testid=stPageLink-NavLink]',
    ];
    const app = document.querySelector('[data-testid=stApp]');
    const texts = [];
    for (const element of app.querySelectorAll(selectors.join(','))) {
        const copy = element.cloneNode(true);  // icons are ligatures ("expand_more"): not words
        copy.querySelectorAll('[data-testid=stIconMaterial], [data-testid=stExpanderIcon]')
            .forEach(icon => icon.remove());
        texts.push(copy.textContent);
    }
    for (const input of app.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        texts.push(input.getAttribute('placeholder'));
    }
    for (const input of app.querySelectorAll('[data-testid=stSelectbox] input')) {
        texts.push(input.value);  // the chosen option's label
    }
    return texts;
}"""


class DataText(NamedTuple):
    names: list[str]  # shown as the data writes them, longest first (a name goes before its parts)
    fields: list[str]  # the data files' column names: the corrections form names the column to fix


@pytest.fixture(scope="module")
def data_text(bundled) -> DataText:
    """Text the data brings: operator, brand and plan names, the sources' notes and hosts, and the
    files' column names."""
    operators = bundled.operators
    names = set(operators["name"].dropna()) | set(bundled.plans["name"].dropna())
    names |= set(bundled.operator_short_names.values())
    for column in ("name_zh", "brands", "former_names"):
        if column in operators:
            for value in operators[column].dropna():
                names |= {part.strip() for part in str(value).split(";")}
    tables = (operators, bundled.plans, bundled.renewal, bundled.cancellation, bundled.countries,
              bundled.networks)
    for column in ("brand", "operator", "bands"):  # the list of networks' own names, as listed
        names |= set(bundled.networks[column].dropna().astype(str))
    names.add("mcc-mnc-list")  # the list's own name, like "Natural Earth"
    for table in tables:
        for column in table.columns:
            if column.startswith("note_") or column == "source_quote":  # a quote is never translated
                names |= set(table[column].dropna().astype(str))
            elif column.endswith("_url"):
                names |= {urlsplit(url).netloc.removeprefix("www.") for url in table[column].dropna()}
    fields = {column for table in tables for column in table.columns}
    names.add(QUOTE_LANG_EXAMPLES)  # language codes, as the data writes them
    return DataText(sorted((name for name in names if name), key=len, reverse=True),
                    sorted(fields, key=len, reverse=True))


def chrome_text(page, data: DataText, lang: str) -> str:
    """The chrome's text, with the data's own text taken out."""
    # A table's accessible twin (its header names) is redrawn when the table is on screen.
    for table in page.locator("[data-testid=stDataFrame]").all():
        table.scroll_into_view_if_needed()
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    text = "\n".join(page.evaluate(CHROME_JS))
    for name in data.names:
        text = text.replace(name, " ")
    for column in data.fields:  # only as the form writes it: "fee (now: …)" in this language
        text = text.replace(t("correct.fact_option", lang, column=column, value="\0").split("\0")[0], " ")
    for name in SWITCH_NAMES.values():
        text = text.replace(name, " ")
    return text


def other_language(text: str, lang: str) -> list[str]:
    """What in `text` belongs to the other language (empty when the chrome is all in `lang`)."""
    if lang == "en":
        return sorted(set(CJK.findall(text)))
    words = set(LATIN_WORD.findall(text))
    return sorted(word for word in words if not word.isupper() and word not in LATIN_ALLOWED)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_sidebar(page) -> None:
    """On a phone the sidebar folds behind its toggle (top left, on the first screen): open it."""
    toggle = page.locator("[data-testid=stExpandSidebarButton]")
    if toggle.is_visible():
        toggle.click()
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name=SWITCH_NAMES["en"]).wait_for()


def close_sidebar(page) -> None:
    button = page.locator("[data-testid=stSidebarCollapseButton] button")
    if page.viewport_size["width"] <= 640 and button.count():
        page.locator("[data-testid=stSidebar]").hover()
        button.click()
        page.locator("[data-testid=stExpandSidebarButton]").wait_for()


def switch_language(page, lang: str) -> None:
    """Switch through the app's own control in the sidebar, and wait for the page to redraw."""
    open_sidebar(page)
    choice = page.locator("[data-testid=stSidebar]").get_by_role("radio", name=SWITCH_NAMES[lang])
    # A click can land while the control is being redrawn after the last run (the relabelling run
    # that follows a switch) and be lost: the choice then stays unchecked. Click again only then;
    # a choice that is checked but never reaches the address still fails below.
    for _ in range(3):
        choice.click()
        try:
            page.wait_for_function("(el) => el.getAttribute('aria-checked') === 'true'",
                                   arg=choice.element_handle(), timeout=10_000)
            break
        except PlaywrightTimeoutError:
            continue
    # The browser speaks English (the contexts' locale): English is the default, left out of the link.
    expected = "lang=zh" if lang == "zh" else ""
    page.wait_for_function(
        "(want) => want ? location.search.includes(want) : !location.search.includes('lang=')",
        arg=expected, timeout=60_000,
    )
    wait_for_app(page, 60_000)
    close_sidebar(page)


def check_chrome(page, data: DataText, lang: str, where: str) -> None:
    """No text of the other language in the chrome. A table's header names are redrawn a moment
    after the run ends: text of the other language must be gone within a few seconds, not at once."""
    deadline = time.monotonic() + 10
    while True:
        text = chrome_text(page, data, lang)
        found = other_language(text, lang)
        if not found or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    lines = [line.strip()[:160] for line in text.splitlines() if other_language(line, lang)]
    assert not found, f"{where} in {lang}: text of the other language in the chrome: {found} in {lines}"


def start_url(name: str, bundled) -> str:
    query_string = {
        "countries": "country=HK&place=HK",
        # A place's operator card is the answer these pages give ("how do I top up", "can I cancel").
        "renewal": f"country=HK&operator={hk_operator(bundled, bundled.renewal)}",
        "cancellation": f"country=HK&operator={hk_operator(bundled, bundled.cancellation)}",
    }.get(name, "country=HK")
    return f"/{name}?lang=zh&{query_string}"


def hk_operator(bundled, table) -> str:
    in_hk = set(bundled.operators.loc[bundled.operators["country"] == "HK", "operator_id"])
    first: str = sorted(in_hk & set(table["operator_id"]))[0]
    return first


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_switching_language_leaves_no_text_of_the_other(desktop, server, bundled, data_text, name):
    desktop.goto(server + start_url(name, bundled))
    wait_for_app(desktop, 60_000)  # the first page of a fresh server loads the data
    check_chrome(desktop, data_text, "zh", name)
    before = query(desktop)
    switch_language(desktop, "en")
    check_chrome(desktop, data_text, "en", name)
    assert query(desktop) == {key: value for key, value in before.items() if key != "lang"}
    screenshot(desktop, f"lang-{name}-desktop-en")
    switch_language(desktop, "zh")
    check_chrome(desktop, data_text, "zh", name)
    assert query(desktop) == before
    screenshot(desktop, f"lang-{name}-desktop-zh")


def inside_first_screen(page, locator, what: str) -> None:
    locator.wait_for()
    box = locator.bounding_box()
    assert box is not None, what
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (what, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (what, box)


def element_after(page, label: str):
    """The element drawn right after the one whose whole text is `label` (a bold label, a heading)."""
    holder = page.locator("[data-testid=stMain] [data-testid=stElementContainer]").filter(
        has=page.get_by_text(label, exact=True)).last
    return holder, holder.locator("xpath=following-sibling::*[1]")


def header_on_first_screen(page, header: str, next_header: str) -> None:
    """A table column is on the first screen when its header is, whole.

    The grid draws on a canvas; its accessible twin lists only the columns in view, without boxes.
    So: the grid's top (and its header row) is on the screen, and the header that follows is listed
    too — the one before it then ends inside the grid's width.
    """
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.locator("table[role=grid]").wait_for(state="attached")
    headers = grid.locator("[role=columnheader]")
    page.wait_for_function(
        "([grid, want]) => [...grid.querySelectorAll('[role=columnheader]')]"
        ".some(h => h.textContent === want)",
        arg=[grid.element_handle(), header],
    )
    listed = [text.strip() for text in headers.all_inner_texts()]
    assert header in listed and next_header in listed, (header, next_header, listed)
    box = grid.locator("[data-testid=stDataFrameResizable]").bounding_box()
    assert box is not None
    header_row = 36  # px: Streamlit's dataframe header height
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, box
    assert box["y"] >= 0 and box["y"] + header_row <= PHONE["height"], box


def check_answer_on_first_screen(page, name: str, lang: str) -> None:
    page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
    currency = fx.DEFAULT_CURRENCY
    if name == "plans":  # the price as sold, and the price in the display currency beside it
        header_on_first_screen(page, t("col.price", lang), t("col.price_display", lang, currency=currency))
    elif name == "fees":
        header_on_first_screen(page, t("col.first_total", lang, currency=currency), t("col.complete", lang))
    elif name == "data":
        header_on_first_screen(page, t("col.place", lang), t("col.operators", lang))
    else:
        week = costs.STANDARD_TRIPS["short"]
        # The question answered in words first: the sentence under it is on the first screen.
        label = {"trip": t("trip.best", lang),
                 "countries": t("profile.short", lang, days=week.days,
                                gb=format_number(week.gb_needed, lang)),
                 "renewal": t("q.top_up", lang), "cancellation": t("q.cancel_online", lang)}[name]
        holder, answer = element_after(page, label)
        inside_first_screen(page, holder, f"{name}: {label}")
        # A place's answers (renewal, cancellation) are one element with their question
        # (ui.answers.answer); elsewhere the answer is the element under its label.
        if name in ("trip", "countries"):
            inside_first_screen(page, answer, f"{name}: the answer under {label}")


@pytest.mark.parametrize("name", PAGES)
def test_on_a_phone_the_answer_is_on_the_first_screen(phone, server, bundled, data_text, name):
    phone.goto(server + start_url(name, bundled))
    wait_for_app(phone)
    # Filters and the language switch live in the sidebar; on a phone its toggle is on the first screen.
    inside_first_screen(phone, phone.locator("[data-testid=stExpandSidebarButton]"), "the sidebar toggle")
    check_chrome(phone, data_text, "zh", name)
    check_answer_on_first_screen(phone, name, "zh")
    screenshot(phone, f"lang-{name}-phone-zh")
    switch_language(phone, "en")
    check_chrome(phone, data_text, "en", name)
    check_answer_on_first_screen(phone, name, "en")
    screenshot(phone, f"lang-{name}-phone-en")
    switch_language(phone, "zh")
    check_chrome(phone, data_text, "zh", name)
    check_answer_on_first_screen(phone, name, "zh")


def test_places_survive_a_language_switch_and_a_page_change(desktop, server):
    desktop.goto(f"{server}/plans?lang=zh&country=HK&country=NC")
    wait_for_app(desktop)
    switch_language(desktop, "en")
    desktop.locator("[data-testid=stSidebar]").get_by_role("link", name=t("nav.fees", "en")).click()
    desktop.wait_for_url("**/fees?*")
    wait_for_app(desktop)
    assert desktop.locator("h1").first.inner_text() == t("fees.title", "en")
    assert query(desktop)["country"] == ["HK", "NC"]
    chips = desktop.locator("[data-testid=stSidebar] [data-testid=stMultiSelectTagsContainer]")
    places = chips.first.inner_text()
    assert "(HK)" in places and "(NC)" in places


def test_one_back_press_returns_to_the_previous_page(desktop, server):
    first = f"{server}/fees?country=HK&sort=price"
    desktop.goto(first)
    wait_for_app(desktop)
    desktop.locator("[data-testid=stSidebar]").get_by_role("link", name=t("nav.renewal", "en")).click()
    desktop.wait_for_url("**/renewal?*")
    wait_for_app(desktop)
    assert query(desktop) == {"country": ["HK"]}
    desktop.go_back()
    desktop.wait_for_url("**/fees?*")
    wait_for_app(desktop)
    assert desktop.url == first
    # The address changes before the page's run starts: wait for the page it names to be drawn.
    desktop.wait_for_function("want => document.querySelector('h1')?.innerText.trim() === want",
                              arg=t("fees.title", "en"), timeout=30_000)
    # The page read the link it came back to: the sort it had is the sort it shows.
    open_controls(desktop)  # the page's own controls, in the page
    sort = desktop.locator("[data-testid=stMain]").get_by_role("combobox", name=t("fees.sort", "en"))
    assert sort.input_value() == t("fees.sort.price", "en")
