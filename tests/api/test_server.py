"""The real server, started as `make run` starts it (`streamlit run serve/streamlit_app.py`): Streamlit
finds the `st.App` in that file, the lifespan loads the data, `/ready` and the API answer beside the
pages, and a visitor's session still runs app.py's router."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.ws_load import Session, Stats
from deploy.cluster import ROOT, free_port, stop_process, streamlit_command, wait_healthy
from tests.factories import write_dataset
from tests.run_async import run_async

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body)."""
    try:
        with OPENER.open(urllib.request.Request(url, headers=headers or {}), timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def start(data_dir: Path | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, **({"SIMATLAS_DATA_DIR": str(data_dir)} if data_dir else {})}
    if data_dir is None:
        env.pop("SIMATLAS_DATA_DIR", None)
    process = subprocess.Popen(streamlit_command(sys.executable, "serve/streamlit_app.py", port), cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base + "/_stcore/health", 60, process)  # liveness first: the server is up
    except Exception:
        stop_process(process)
        raise
    return process, base


def wait_status(url: str, status: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        code, _, body = get(url)
        if code == status or time.monotonic() > deadline:
            assert code == status, body[:300]
            document: dict = json.loads(body)
            return document
        time.sleep(0.2)


@pytest.fixture(scope="module")
def server():
    process, base = start()
    try:
        yield base
    finally:
        stop_process(process)


def test_ready_then_the_api_answers(server):
    body = wait_status(server + "/ready", 200)
    assert body["ready"] is True and body["version"]
    status, headers, raw = get(server + "/api/plans.json?country=HK&sort=price")
    assert status == 200 and headers["content-type"].startswith("application/json")
    answer = json.loads(raw)
    assert answer["count"] > 0 and answer["version"] == body["version"]
    assert {row["plan_id"] for row in answer["rows"]}
    status, headers, _ = get(server + "/api/plans.csv?country=HK")
    assert status == 200 and headers["cache-control"] == "public, max-age=300"
    assert get(server + "/api/plans.csv?country=HK", {"If-None-Match": headers["etag"]})[0] == 304
    status, headers, raw = get(server + "/api/nope.json")
    assert status == 404 and json.loads(raw)["error"]  # our 404, not the app's HTML shell
    assert get(server + "/_stcore/health")[2] == b"ok"


def test_a_visitor_still_gets_the_router_and_the_page(server):
    wait_status(server + "/ready", 200)
    status, _, raw = get(server + "/?country=HK")
    assert status == 200 and b"<html" in raw.lower()
    port = int(server.rsplit(":", 1)[1])

    async def visit(page: str, query: str) -> float:
        session = Session("127.0.0.1", port, Stats(), 60)
        try:
            await session.get_page(page, query)
            await session.connect()
            return await session.run(page, query)  # raises if the page shows an error or an exception
        finally:
            await session.close()

    assert run_async(visit("", "country=HK")) > 0
    assert run_async(visit("fees", "country=HK")) > 0  # a deep link on a fresh session: the router runs


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # surface the redirect itself as an HTTPError


def test_the_plans_path_redirects_to_the_plans_page_with_its_query(server):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirects())
    for path in ("/plans?country=HK&sim=esim&lang=zh", "/plans/?country=HK&sim=esim&lang=zh"):
        try:
            opener.open(server + path, timeout=30)
            raise AssertionError(f"{path} was served, not redirected")
        except urllib.error.HTTPError as error:
            assert error.code == 308 and error.headers["location"] == "/?country=HK&sim=esim&lang=zh"
    assert get(server + "/plans")[0] == 200  # followed: the app's page


def test_broken_data_is_live_but_not_ready(tmp_path):
    folder = write_dataset(tmp_path / "data")
    (folder / "plans.csv").write_text((folder / "plans.csv").read_text().replace(",10,EUR", ",ten,EUR"))
    process, base = start(folder)
    try:
        body = wait_status(base + "/ready", 503)
        deadline = time.monotonic() + 30
        while body["reason"] == "loading" and time.monotonic() < deadline:
            time.sleep(0.2)
            body = wait_status(base + "/ready", 503)
        assert body["reason"] == "data_error"
        assert "plans.csv" in body["problems"][0] and "price" in body["problems"][0]
        assert get(base + "/_stcore/health")[0] == 200  # alive: restarting it would not help
        assert get(base + "/api/plans.json")[0] == 503
    finally:
        stop_process(process)


def test_the_world_map_boundaries_are_served_cached_and_with_the_security_headers():
    """serve/links.py serves the map's boundaries; serve/headers.py adds the security headers to every
    HTTP response (the real server's pages and Streamlit's files: tests/browser/test_security_browser.py)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware

    from serve import links
    from serve.headers import SECURITY_HEADERS, SecurityHeaders
    from simatlas import charts
    from tests.api.client import request

    app = Starlette(routes=links.ROUTES, middleware=[Middleware(SecurityHeaders)])
    answer = request(app, "/" + charts.MAP_URL, {})
    assert answer.status == 200 and answer.headers["content-type"] == "application/json"
    assert answer.headers["cache-control"] == "public, max-age=86400"
    assert answer.json()["objects"]["countries"]["geometries"]
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name] == value
    redirect = request(app, "/plans", "country=HK")
    assert redirect.status == 308 and redirect.headers["x-frame-options"] == "DENY"
