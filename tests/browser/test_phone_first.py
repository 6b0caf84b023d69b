"""Phone first (issue #25): on a 390-px phone in Chinese, a place's answers are one tap from the home
page, a fortnight's answer two; the page's own controls are in the page; the sidebar folds after
a page is chosen in it."""

from __future__ import annotations

from simatlas.i18n import country_name, t, t_count
from tests.browser.conftest import screenshot, wait_for_app, wait_until_drawn

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def phone_page(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def test_a_place_one_tap_and_a_fortnight_two_taps_from_home(browser, server):
    context, page = phone_page(browser)
    page.goto(f"{server}/")
    wait_for_app(page)
    shortcuts = page.get_by_text(t("home.shortcuts", "zh"))
    assert shortcuts.bounding_box()["y"] < 844, "the shortcuts are on the first screen"
    # tap 1: New Caledonia's answers
    page.get_by_role("radio", name=country_name("NC", "zh"), exact=True).tap()
    page.wait_for_url("**/countries?*country=NC*")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    main.locator("h2", has_text=country_name("NC", "zh")).wait_for()
    text = main.inner_text()
    assert t("profile.best", "zh") in text and t("profile.id_rule", "zh") in text
    # tap 2: a fortnight, costed by the trip planner for this place: a sentence, its source and date
    main.get_by_role("link", name=t_count("value.days", "zh", 14)).tap()
    page.wait_for_url("**/trip?*days=14*")
    wait_for_app(page)
    wait_until_drawn(page)
    answer = main.locator("h2").first.inner_text()
    assert "14" in answer and country_name("NC", "zh") in answer
    best = main.locator("h3").first
    assert best.bounding_box()["y"] < 2 * 844, "the best option within two screens"
    assert main.locator("a[href^='http']:visible").count() >= 1  # its source
    assert "价格截至" in main.inner_text() or "来源日期" in main.inner_text()  # the price's date
    screenshot(page, "phone-nc-fortnight-zh")
    context.close()


def test_controls_in_the_page_and_the_sidebar_folds_after_choosing_a_page(browser, server):
    context, page = phone_page(browser)
    page.goto(f"{server}/?country=HK")
    wait_for_app(page)
    fold = page.locator("[data-testid=stMain] [data-testid=stExpander]").first
    controls = fold.locator("summary")
    assert controls.inner_text().strip().endswith(t("controls.title", "zh"))
    # what the folded controls hold, in one line under them
    said = fold.locator("xpath=ancestor::*[@data-testid='stLayoutWrapper'][1]/following-sibling::*[1]")
    assert said.inner_text().strip() == country_name("HK", "zh")
    hotspot = page.get_by_role("checkbox", name=t("plans.hotspot", "zh"))
    assert hotspot.count() == 0  # closed, the filters are not built (ui.shell.lazy_fold)
    controls.tap()
    hotspot.wait_for(state="visible")
    # the sidebar holds the settings and the page list; choosing a page there folds it
    page.locator("[data-testid=stExpandSidebarButton]").tap()
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("link", name=t("nav.trip", "zh")).tap()
    page.wait_for_url("**/trip?*")
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]')?.getAttribute('aria-expanded') !== 'true'"
        " && document.querySelector('[data-testid=stExpandSidebarButton]')")
    title = page.locator("h1").first
    assert title.is_visible() and title.bounding_box()["x"] < 100  # the page, not the list, in view
    context.close()
