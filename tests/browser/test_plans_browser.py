"""What only a browser shows: a shared link opening the right view, the address bar following the
widgets, the CSV download matching the table."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import open_controls, screenshot, wait_for_app


def grid_rows(page) -> int:
    grid = page.locator("[data-testid=stDataFrame] table[role=grid]").first
    grid.wait_for(state="attached")
    return int(grid.get_attribute("aria-rowcount")) - 1


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_shared_link_opens_the_same_view(page, server, bundled):
    page.goto(f"{server}/?country=HK&sim=physical&sort=price&cur=HKD")
    wait_for_app(page)
    expected = bundled.plans[
        bundled.plans["plan_id"].isin(bundled.coverage.query("country == 'HK'")["plan_id"])
        & (bundled.plans["sim_type"] == "physical")
    ]
    assert grid_rows(page) == len(expected)
    heading = page.locator("[data-testid=stMain] h2").first.inner_text()
    assert heading.startswith(f"{len(expected)} physical SIM plans in Hong Kong SAR China")
    sidebar = page.locator("[data-testid=stSidebar]")
    assert "Hong Kong SAR China (HK)" in sidebar.inner_text()
    chosen = sidebar.locator("[data-testid=stSelectbox] input")
    assert any("HKD" in chosen.nth(n).input_value() for n in range(chosen.count()))  # the currency
    share = page.locator(".simatlas-share textarea").first.input_value()
    assert "country=HK" in share and "sim=physical" in share and "cur=HKD" in share
    screenshot(page, "plans-hk")


def test_a_widget_change_updates_the_address_bar(page, server, bundled):
    page.goto(f"{server}/?country=HK")
    wait_for_app(page)
    hk = bundled.plans[bundled.plans["plan_id"].isin(bundled.coverage.query("country == 'HK'")["plan_id"])]
    assert grid_rows(page) == len(hk)
    open_controls(page)  # the page's filters sit in the page, folded under its title
    page.get_by_role("checkbox", name="Hotspot allowed").check(force=True)
    page.wait_for_function("() => location.search.includes('hotspot=true')", timeout=15_000)
    wait_for_app(page)
    assert query(page) == {"country": ["HK"], "hotspot": ["true"]}
    assert "with Hotspot allowed" in page.locator("[data-testid=stMain] h2").first.inner_text()
    with_hotspot = int((hk["hotspot"] == "yes").sum())
    if with_hotspot:
        page.wait_for_function(
            f"() => document.querySelector('table[role=grid]')?.getAttribute('aria-rowcount') == "
            f"'{with_hotspot + 1}'", timeout=15_000,
        )
    else:
        assert "No plan matches" in page.locator("[data-testid=stMain]").inner_text()


def test_invalid_link_values_are_named(page, server):
    page.goto(f"{server}/?country=HK&country=ZZ&max_price=abc")
    wait_for_app(page)
    notice = page.locator("[data-testid=stAlert]").first.inner_text()
    assert "ZZ" in notice and "abc" in notice
    page.wait_for_function("() => !location.search.includes('ZZ')", timeout=15_000)
    assert query(page) == {"country": ["HK"]}


def test_download_matches_the_table(page, server):
    page.goto(f"{server}/?country=HK&sort=price")
    wait_for_app(page)
    rows = grid_rows(page)
    # The download is a link to the data API (any replica answers it): follow it as the browser would.
    link = page.get_by_role("link", name=f"Download these {rows} plans (CSV)")
    href = link.get_attribute("href")
    assert href.startswith("/api/plans.csv?") and "country=HK" in href and "sort=price" in href
    answer = page.request.get(server + href)
    assert answer.ok and "attachment" in answer.headers["content-disposition"]
    content = answer.body().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(content)))
    assert len(records) == rows
    assert all("HK" in record["countries"] for record in records)
    first_cell = page.locator("[data-testid=glide-cell-0-0]").first.inner_text()  # the plan column
    assert first_cell.strip() == records[0]["name"].strip()


def test_the_share_box_copies_the_view_s_link(browser, server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    try:
        page.goto(f"{server}/trip?country=HK&days=7&q_label=%3Cb%3EKiosk%3C%2Fb%3E&q_price=20&lang=zh")
        wait_for_app(page)
        field = page.locator("[data-testid=stSidebar] .simatlas-share textarea")
        link = field.input_value()
        assert link.startswith(server) and "q_label=%3Cb%3EKiosk%3C%2Fb%3E" in link
        assert field.get_attribute("readonly") is not None
        page.get_by_role("button", name="复制链接").click()
        page.get_by_role("status").filter(has_text="已复制").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == link
        assert page.locator("[data-testid=stSidebar] b").count() == 0  # the reader's words stay text
    finally:
        context.close()
