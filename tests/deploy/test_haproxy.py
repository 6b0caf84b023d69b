"""The HAProxy configuration: valid for the installed HAProxy, affinity, health path, drain; and a
real two-replica cluster (the floor app) answering through one address with an affinity cookie.

Needs Debian's haproxy (`make cluster` installs it); skipped without it.
"""

from __future__ import annotations

import http.client
import shutil
import subprocess
import urllib.request

import pytest

from deploy.cluster import Cluster, free_port
from deploy.render_haproxy import render

needs_haproxy = pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy is not installed")


def test_render_names_affinity_checks_timeouts_and_drain():
    cfg = render([("127.0.0.1", 8601), ("127.0.0.1", 8602)], 8500)
    assert "bind 127.0.0.1:8500" in cfg
    assert "cookie SERVERID insert indirect nocache" in cfg
    assert "option httpchk GET /_stcore/health" in cfg
    assert "timeout tunnel 1h" in cfg
    assert "hard-stop-after" in cfg and "option redispatch" in cfg
    assert "server app1 127.0.0.1:8601 cookie app1" in cfg
    assert "server app2 127.0.0.1:8602 cookie app2" in cfg
    assert "option httpchk GET /ready" in render([("127.0.0.1", 8601)], 8500, check_path="/ready")


def test_render_limits_each_client_unless_told_not_to():
    cfg = render([("127.0.0.1", 8601)], 8500, api_rate=7, session_rate=3)
    assert "acl api_flood sc0_http_req_rate(api_per_client) gt 7" in cfg
    assert "acl session_flood sc1_http_req_rate(sessions_per_client) gt 3" in cfg
    assert "http-request deny deny_status 429 hdr Retry-After 10 if to_api api_flood" in cfg
    assert "stick-table type ipv6" in cfg
    unlimited = render([("127.0.0.1", 8601)], 8500, api_rate=None, session_rate=None)
    assert "track-sc" not in unlimited and "stick-table" not in unlimited and "deny" not in unlimited
    for api_rate, session_rate in ((None, 3), (0, 3), (5, -1)):
        with pytest.raises(ValueError):
            render([("127.0.0.1", 8601)], 8500, api_rate=api_rate, session_rate=session_rate)


@pytest.mark.parametrize("bad", ["ready", "/re ady", ""])
def test_render_refuses_a_bad_check_path(bad):
    with pytest.raises(ValueError):
        render([("127.0.0.1", 8601)], 8500, check_path=bad)


@needs_haproxy
def test_haproxy_accepts_the_configuration(tmp_path):
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(
        render(
            [("127.0.0.1", 8601), ("::1", 8602)],
            8500,
            check_path="/ready",
            stats_socket=str(tmp_path / "admin.sock"),
        )
    )
    check = subprocess.run(["haproxy", "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@needs_haproxy
def test_two_replicas_behind_one_address_with_affinity():
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    # The floor app has no /ready (Streamlit would answer it 200 with its HTML): check liveness.
    with Cluster(replicas=2, port=free_port(), app="bench/floor_app.py", drain_seconds=1,
                 check_path="/_stcore/health") as cluster:
        cookies = set()
        for _ in range(4):
            with opener.open(cluster.address + "/", timeout=10) as answer:
                assert answer.status == 200
                cookies.add(answer.headers["Set-Cookie"].split(";")[0])
        assert cookies == {"SERVERID=app1", "SERVERID=app2"}  # leastconn spreads fresh visitors
        request = urllib.request.Request(cluster.address + "/", headers={"Cookie": "SERVERID=app2"})
        with opener.open(request, timeout=10) as answer:
            assert answer.headers["Set-Cookie"] is None  # pinned: no new cookie
        assert cluster.proxy is not None  # started with the cluster
        processes = [r.process for r in cluster.started] + [cluster.proxy]
    assert all(p.poll() is not None for p in processes)  # stop() left nothing running


def _status(port: int, path: str, source: str) -> tuple[int, str | None]:
    """GET `path` from the loopback address `source` (127.0.0.0/8 is all loopback: another client)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("Retry-After")
    finally:
        connection.close()


@needs_haproxy
def test_a_flood_from_one_client_is_refused_while_another_visitor_is_served():
    with Cluster(replicas=1, port=free_port(), app="bench/floor_app.py", drain_seconds=1,
                 check_path="/_stcore/health", api_rate=5, session_rate=3) as cluster:
        for path, limit in (("/api/plans.json?country=HK", 5), ("/_stcore/stream", 3)):
            flood = [_status(cluster.port, path, "127.0.0.1") for _ in range(limit + 6)]
            served = [status for status, _ in flood[:limit]]
            assert 429 not in served, (path, flood)  # up to the limit, the replica answers
            assert {status for status, _ in flood[limit + 1:]} == {429}, (path, flood)
            assert all(after == "10" for status, after in flood if status == 429)
            # A reader on another address, at the same moment, is served as usual.
            assert _status(cluster.port, path, "127.0.0.2")[0] != 429, path
        assert _status(cluster.port, "/", "127.0.0.1")[0] == 200  # the flooder's pages still open
