"""The websocket load generator against one real server of the app (about 20 s)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from bench.ws_load import (
    DEFAULT_LINKS,
    changed_query,
    check_loopback,
    main,
    parse_link,
    run_load,
    runs_page,
)
from deploy.cluster import ROOT, free_port, stop_process, streamlit_command, wait_healthy
from tests.run_async import run_async


@pytest.fixture(scope="module")
def app_port():
    port = free_port()
    process = subprocess.Popen(
        streamlit_command(sys.executable, "serve/streamlit_app.py", port),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", 60, process)
        yield port
    finally:
        stop_process(process)


def test_two_users_open_pages_and_change_filters_without_errors(app_port):
    report = run_async(
        run_load("127.0.0.1", app_port, users=2, seconds=10, links=DEFAULT_LINKS, changes=2, timeout=30)
    )
    assert report["page_opens"] > 0
    assert report["changes"] > 0
    assert report["errors"] == 0, report["error_samples"]
    assert report["views_lost"] == 0 and report["disconnects"] == 0, report["lost_samples"]
    for key in ("open_p50_ms", "run_p50_ms"):
        assert math.isfinite(report[key]) and report[key] > 0


def test_a_missing_page_counts_as_an_error(app_port):
    report = run_async(
        run_load(
            "127.0.0.1", app_port, users=1, seconds=0.5, links=["no-such-page?x=1"], changes=0, timeout=30
        )
    )
    assert report["page_opens"] == 0 and report["errors"] >= 1


@pytest.mark.parametrize(
    "host", ["example.com", "10.0.0.1", "0.0.0.0", "192.168.1.2", "127.0.0.1.example.com"]
)
def test_only_loopback_is_a_target(host):
    with pytest.raises(ValueError):
        check_loopback(host)
    with pytest.raises(ValueError):
        run_async(run_load(host, 8501, users=1, seconds=1))
    with pytest.raises(SystemExit):
        main(["--host", host, "--seconds", "1"])


def test_links_and_changes():
    assert [check_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]")] == [
        "127.0.0.1",
        "localhost",
        "::1",
        "::1",
    ]
    assert parse_link("/?country=HK") == ("", "country=HK")
    assert parse_link("trip?country=NC&days=10") == ("trip", "country=NC&days=10")
    assert changed_query("country=NC&days=10", "days=30") == "country=NC&days=30"
    assert changed_query("country=HK", "hotspot=true") == "country=HK&hotspot=true"


def test_the_page_that_runs_is_read_from_the_navigation_message():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    for name, default in (("plans", True), ("trip", False)):
        page = message.navigation.app_pages.add()
        page.page_script_hash, page.url_pathname, page.is_default = f"hash-{name}", name, default
    message.navigation.page_script_hash = "hash-trip"
    assert runs_page(message.navigation, "trip") is None
    assert runs_page(message.navigation, "") == "trip"  # a rerun of the default page ran the trip page
    message.navigation.page_script_hash = "hash-plans"
    assert runs_page(message.navigation, "") is None and runs_page(message.navigation, "plans") is None
    assert runs_page(message.navigation, "trip") == "plans"  # the router fell back to the default page
