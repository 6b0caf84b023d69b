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
