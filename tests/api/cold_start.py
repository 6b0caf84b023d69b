"""The cold first visitor: how long the first page takes once the server says it is ready.

    SIMATLAS_DATA_DIR=/tmp/sim1m .venv/bin/python -m tests.api.cold_start [LINK ...]

Starts the server as `make run` does, polls /ready until 200 (printing when it first answered 503
and when it turned 200), then opens each link as a fresh visitor would (GET the page, open the
websocket, one script run; bench/ws_load.py's protocol) and prints the seconds from that moment to
the script's successful finish. The first link is the figure: the first visitor of a fresh process.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from bench.ws_load import Session, Stats, parse_link
from deploy.cluster import ROOT, free_port, stop_process, streamlit_command

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


async def visit(port: int, link: str) -> float:
    page, query = parse_link(link)
    started = time.perf_counter()
    await Session("127.0.0.1", port, Stats(), 300).visit(page, query)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    links = argv or ["/?country=HK", "/?country=HK", "trip?country=NC&days=10", "countries?place=NC",
                     "cancellation?country=HK"]
    port = free_port()
    log_path = os.path.join(tempfile.gettempdir(), f"simatlas-cold-{port}.log")
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(streamlit_command(sys.executable, "serve/streamlit_app.py", port),
                                   cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    first_503 = None
    try:
        while True:
            if process.poll() is not None:
                print(f"the server exited ({process.returncode}); log: {log_path}")
                return 1
            try:
                with OPENER.open(f"http://127.0.0.1:{port}/ready", timeout=5) as answer:
                    ready = json.loads(answer.read())
                    break
            except urllib.error.HTTPError as error:
                if first_503 is None:
                    first_503 = time.perf_counter() - started
                    print(f"/ready 503 after {first_503:.1f} s: {error.read()[:200].decode()}")
            except OSError:
                pass
            time.sleep(0.1)
        print(f"/ready 200 after {time.perf_counter() - started:.1f} s: {ready}")
        for number, link in enumerate(links, 1):
            print(f"visitor {number} {link}: {asyncio.run(visit(port, link)):.2f} s", flush=True)
    finally:
        stop_process(process)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
