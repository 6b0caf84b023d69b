"""A shared cancellation/renewal link opens the operator's card with its source link, even as the
first request a fresh server gets (a deep link, not the root page)."""

import pytest

from tests.browser.conftest import screenshot, start_server, stop_server, wait_for_app


@pytest.fixture(scope="module")
def fresh_server():
    process, base = start_server()
    yield base
    stop_server(process)


def test_deep_link_to_an_operator_card(page, fresh_server, bundled):
    row = bundled.cancellation.merge(bundled.operators[["operator_id", "country"]], on="operator_id")
    row = row[row["country"] == "HK"].iloc[0]
    page.goto(f"{fresh_server}/cancellation?country=HK&operator={row['operator_id']}")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    assert "Step by step" in main.inner_text()
    link = main.locator(f"a[href='{row['source_url']}']").first
    assert link.is_visible()
    assert "operator=" + row["operator_id"] in page.url
    screenshot(page, "cancellation-hk")


def test_renewal_card_in_chinese(page, server, bundled):
    row = bundled.renewal.merge(bundled.operators[["operator_id", "country"]], on="operator_id")
    row = row[row["country"] == "NC"].iloc[0]
    page.goto(f"{server}/renewal?country=NC&lang=zh&operator={row['operator_id']}")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "办理步骤" in main and "如何续费" in main
    assert page.locator(f"a[href='{row['source_url']}']").first.is_visible()
    screenshot(page, "renewal-nc-zh")


def test_new_caledonia_cancellation_says_what_is_known_and_where_to_ask(page, server):
    """No cancellation rule is recorded for NC: the page says so (not "clear your filters"), shows what
    the sources do say, and links the operator's own site."""
    page.goto(f"{server}/cancellation?country=NC&lang=zh")
    wait_for_app(page)
    main = page.locator("[data-testid=stMain]")
    text = main.inner_text()
    assert "暂无 Helia by OPT-NC 的规则记录" in text and "请清除" not in text
    # What the sources do say (the ID rule, the operator), and where to ask: OPT/Helia's own channels.
    assert "来源中的已知信息" in text and "营业厅" in text
    assert main.locator("a[href='https://www.helia.nc']").first.is_visible()
    screenshot(page, "cancellation-nc-zh")


def test_price_age_is_shown_next_to_the_price(page, server):
    """The plans grid carries each price's age from the source's own date, in the first columns."""
    page.goto(f"{server}/?country=NC&sort=price")
    wait_for_app(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for()

    def cell(column: int, row: int) -> str:
        text: str = page.locator(f"[data-testid=glide-cell-{column}-{row}]").first.inner_text()
        return text

    # Plan, place, price as sold, price converted, then the price's age and who can buy: the first
    # screen's columns. What a visitor can buy leads: OPT's Tourism Card (its page names the tourism
    # market), then plans no page says who may buy.
    assert cell(0, 0).startswith("Tourism Card")
    assert cell(4, 0) == "as of Oct 4, 2023 · may be outdated" and cell(5, 0) == "visitors"
    assert [cell(4, row) for row in range(1, 4)].count("as of Nov 15, 2019 · may be outdated") == 1
    assert cell(5, 1) == "unknown"
