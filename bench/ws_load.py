"""A crowd without browsers: virtual users speaking Streamlit's own websocket protocol.

    python -m bench.ws_load --port 8501 --users 8 --seconds 20

Each virtual user does what a browser does on a shared link, minus drawing: GET the page (the HTML
shell; that is where a load balancer's affinity cookie is set), open the websocket at
`/_stcore/stream` with the `streamlit` subprotocol and the cookies, send a `BackMsg.rerun_script`
(ClientState: query string, page name, browser context), read `ForwardMsg`s until
`script_finished == FINISHED_SUCCESSFULLY`. Then it changes a filter a few times by sending a rerun
with a new query string on the same page (what the page's link ⇄ widget sync turns into the same
full script run a widget change causes), closes, and opens the next link, until --seconds are up.

What the server needs (Streamlit 1.67, web/server/starlette/starlette_websocket.py): no Origin
header is accepted (non-browser client; a present Origin must match Host); the subprotocol list is
`streamlit, <xsrf token>, <session id to resume>` and the token is only read to parse an auth
cookie, so no XSRF cookie is needed here. Messages are binary protobufs; the first run of a fresh
process may end FINISHED_EARLY_FOR_RERUN before the real run, so only a success or an error ends a
wait.

Counts:
- page opens (GET + connect + first script run finished), changes (reruns finished), p50/p95 of
  each, opens/s and runs/s over the run;
- errors: a run that finished with an error, a page that shows an exception or an error alert, a
  page-not-found, a timeout (--timeout), a protocol surprise. Connection loss is not an error;
- views lost: when the connection drops (server gone), the user reconnects through the same address
  (resuming its session id, as the browser does) and reopens its current link; the view is lost if
  that page does not finish successfully within --reconnect-timeout.

Only loopback targets are accepted (127.0.0.1, localhost, ::1).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.AppPage_pb2 import AppPage
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Navigation_pb2 import Navigation
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.typing import Subprotocol

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

# Shared links (README "Links are a public interface"), as a path relative to the app's root.
DEFAULT_LINKS = (
    "/?country=HK",
    "trip?country=NC&days=10",
    "cancellation?country=HK",
    "countries?country=NC",
)
# One filter change per step, per page (url path); each sets one parameter of the current link.
FILTER_CHANGES = {
    "": ("hotspot=true", "sort=price", "sim=esim", "cur=EUR"),
    "trip": ("days=30", "gb=20", "days=3"),
    "cancellation": ("online=true", "kind=mno", "lang=zh"),
    "countries": ("country=HK", "cur=EUR", "lang=zh"),
}
GENERIC_CHANGES = ("cur=EUR", "lang=zh", "country=NC")
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"  # what the frontend sends when it has no XSRF token


class ServerGone(Exception):
    """The connection dropped or could not be made: the user will reconnect."""


class PageFailed(Exception):
    """The server answered, but not with a successful run of the page."""


def check_loopback(host: str) -> str:
    bare = host.strip("[]").lower()
    if bare not in LOOPBACK:
        raise ValueError(f"refusing to load {host!r}: only loopback targets ({', '.join(sorted(LOOPBACK))})")
    return bare


def parse_link(link: str) -> tuple[str, str]:
    """'trip?country=NC&days=10' → ('trip', 'country=NC&days=10'); '/?country=HK' → ('', 'country=HK')."""
    path, _, query = link.partition("?")
    return path.strip("/"), query


def changed_query(query: str, change: str) -> str:
    """The query with one parameter set (replacing every earlier value of it)."""
    key, _, value = change.partition("=")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != key]
    return urlencode([*pairs, (key, value)])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def runs_page(navigation: Navigation, page: str) -> str | None:
    """None when the `navigation` message says `page` runs ("" is the default page); else the url
    path of the page that runs instead."""
    app_page: AppPage
    for app_page in navigation.app_pages:
        if app_page.page_script_hash == navigation.page_script_hash:
            if page == app_page.url_pathname or (page == "" and app_page.is_default):
                return None
            return app_page.url_pathname
    return None


@dataclass
class Stats:
    open_s: list[float] = field(default_factory=list)
    change_s: list[float] = field(default_factory=list)
    reconnect_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    disconnects: int = 0
    disconnect_reasons: list[str] = field(default_factory=list)
    views_lost: int = 0
    lost: list[str] = field(default_factory=list)
    bytes_in: int = 0

    def error(self, text: str) -> None:
        self.errors.append(text[:200])


class Session:
    """One browser tab's websocket session."""

    def __init__(self, host: str, port: int, stats: Stats, timeout: float) -> None:
        self.host, self.port, self.stats, self.timeout = host, port, stats, timeout
        self.cookies: dict[str, str] = {}
        self.ws: ClientConnection | None = None
        self.session_id = ""
        self.page_hash = ""

    @property
    def netloc(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    async def get_page(self, page: str, query: str) -> None:
        """The HTML shell, as a browser's first request (a balancer sets its affinity cookie here)."""
        path = "/" + page + (f"?{query}" if query else "")
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port), self.timeout
            )
        except (TimeoutError, OSError) as error:
            raise ServerGone(f"GET {path}: {type(error).__name__}") from error
        try:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            writer.write(
                (
                    f"GET {path} HTTP/1.1\r\nHost: {self.netloc}\r\nAccept: text/html\r\n"
                    + (f"Cookie: {cookie}\r\n" if cookie else "")
                    + "Connection: close\r\n\r\n"
                ).encode()
            )
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), self.timeout)
        except (TimeoutError, OSError) as error:
            raise ServerGone(f"GET {path}: {type(error).__name__}") from error
        finally:
            writer.close()
        head, _, _body = answer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        if not lines or len(lines[0].split()) < 2:
            raise ServerGone(f"GET {path}: no answer")
        status = int(lines[0].split()[1])
        if status >= 500:
            raise ServerGone(f"GET {path}: HTTP {status}")  # e.g. the balancer has no live replica yet
        if status != 200:
            raise PageFailed(f"GET {path}: HTTP {status}")
        self._take_cookies(
            line.split(":", 1)[1] for line in lines[1:] if line.lower().startswith("set-cookie:")
        )

    def _take_cookies(self, values) -> None:
        for value in values:
            name, _, rest = value.strip().partition("=")
            self.cookies[name] = rest.split(";", 1)[0]

    async def connect(self) -> None:
        protocols = [Subprotocol(p) for p in ("streamlit", PLACEHOLDER_TOKEN)]
        protocols += [Subprotocol(self.session_id)] if self.session_id else []
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        try:
            self.ws = await connect(
                f"ws://{self.netloc}/_stcore/stream",
                subprotocols=protocols,
                additional_headers=headers,
                proxy=None,
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,
                user_agent_header="simatlas-ws-load",
            )
        except InvalidStatus as error:
            if error.response.status_code >= 500:
                raise ServerGone(f"websocket: HTTP {error.response.status_code}") from error
            raise PageFailed(f"websocket refused: HTTP {error.response.status_code}") from error
        except (TimeoutError, OSError, InvalidHandshake) as error:
            raise ServerGone(f"websocket: {type(error).__name__}: {error}") from error
        assert self.ws.response is not None  # connect() returns once the handshake response is in
        self._take_cookies(self.ws.response.headers.get_all("Set-Cookie"))

    async def run(self, page: str, query: str) -> float:
        """Send a rerun for this page and link; seconds until the script finished successfully."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page
        state.page_script_hash = self.page_hash if page == self._page else ""
        state.context_info.locale = "en-US"
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.url = f"http://{self.netloc}/{page}" + (f"?{query}" if query else "")
        started = time.perf_counter()
        assert self.ws is not None, "run() before connect()"
        try:
            await self.ws.send(msg.SerializeToString())
            await asyncio.wait_for(self._until_finished(page, query), self.timeout)
        except ConnectionClosed as error:
            raise ServerGone(
                f"closed during run ({error.rcvd.code if error.rcvd else 'no close frame'})"
            ) from error
        except TimeoutError as error:
            raise PageFailed(f"timeout: /{page}?{query} did not finish in {self.timeout:.0f} s") from error
        self._page = page
        return time.perf_counter() - started

    _page: str | None = None

    async def _until_finished(self, page: str, query: str) -> None:
        problems: list[str] = []
        assert self.ws is not None, "run() before connect()"
        while True:
            raw = await self.ws.recv()
            self.stats.bytes_in += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
                problems.clear()  # a new run started: what the previous one showed is gone
            elif kind == "navigation":
                # With st.navigation, new_session carries the main script's hash; the page that
                # runs is named here. A rerun must send this hash (as the browser does), or the
                # router falls back to the default page and a "filter change" measures another page.
                self.page_hash = fwd.navigation.page_script_hash
                other = runs_page(fwd.navigation, page)
                if other is not None:
                    problems.append(f"ran page {other!r} instead of {page!r}")
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                shown = element.WhichOneof("type")
                if shown == "exception" or (shown == "alert" and element.alert.format == Alert.ERROR):
                    body = element.exception.message if shown == "exception" else element.alert.body
                    problems.append(f"{shown}: {body[:80]}")
            elif kind == "page_not_found":
                problems.append(f"page not found: {fwd.page_not_found.page_name!r}")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    if problems:
                        raise PageFailed(f"/{page}?{query} shows " + "; ".join(problems[:2]))
                    return
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise PageFailed(f"/{page}?{query}: script error")
                # FINISHED_EARLY_FOR_RERUN: st.rerun() or a newer request; the next run follows.

    async def visit(self, page: str, query: str) -> float:
        """A fresh visitor: GET the page (and its affinity cookie), open the websocket, run the page;
        the seconds to the script's finish. Closes the session in all cases."""
        try:
            await self.get_page(page, query)
            await self.connect()
            return await self.run(page, query)
        finally:
            await self.close()

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(TimeoutError, OSError, ConnectionClosed):
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None


async def virtual_user(
    n: int,
    host: str,
    port: int,
    links: list[tuple[str, str]],
    changes: int,
    deadline: float,
    stats: Stats,
    timeout: float,
    reconnect_timeout: float,
) -> None:
    rng = random.Random(n)
    index = n
    session: Session | None = None
    while time.monotonic() < deadline:
        page, query = links[index % len(links)]
        index += 1
        session = Session(host, port, stats, timeout)
        current = (page, query)
        try:
            started = time.perf_counter()
            await session.get_page(page, query)
            await session.connect()
            await session.run(page, query)
            stats.open_s.append(time.perf_counter() - started)
            options = FILTER_CHANGES.get(page, GENERIC_CHANGES)
            for step in range(changes):
                if time.monotonic() >= deadline:
                    break
                current = (
                    page,
                    changed_query(current[1], options[(step + rng.randrange(len(options))) % len(options)]),
                )
                stats.change_s.append(await session.run(*current))
        except ServerGone as gone:
            stats.disconnects += 1
            stats.disconnect_reasons.append(str(gone)[:160])
            await session.close()
            await reopen(session, current, stats, reconnect_timeout)
        except PageFailed as failure:
            stats.error(str(failure))
        except Exception as error:  # a surprise is counted, the user goes on
            stats.error(f"{type(error).__name__}: {error}")
        finally:
            await session.close()


async def reopen(old: Session, current: tuple[str, str], stats: Stats, reconnect_timeout: float) -> None:
    """After a lost connection: reconnect through the same address and reopen the current link."""
    lost_at = time.perf_counter()
    deadline = time.monotonic() + reconnect_timeout
    delay = 0.1
    last = "no attempt"
    while time.monotonic() < deadline:
        session = Session(old.host, old.port, stats, max(1.0, deadline - time.monotonic()))
        session.cookies = dict(old.cookies)  # the browser keeps its cookies (affinity included)
        session.session_id = old.session_id  # …and asks to resume its session
        try:
            await session.get_page(*current)
            await session.connect()
            await session.run(*current)
            stats.reconnect_s.append(time.perf_counter() - lost_at)
            return
        except (ServerGone, PageFailed) as failure:
            last = str(failure)
        except Exception as error:
            last = f"{type(error).__name__}: {error}"
        finally:
            await session.close()
        await asyncio.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(1.0, delay * 2)
    stats.views_lost += 1
    stats.lost.append(f"/{current[0]}?{current[1]}: {last}"[:200])


async def warm(host: str, port: int, links=DEFAULT_LINKS, timeout: float = 120) -> None:
    """Open every link once, one after the other (a fresh process loads its data on the first visit)."""
    stats = Stats()
    for page, query in (parse_link(link) for link in links):
        await Session(check_loopback(host), port, stats, timeout).visit(page, query)


async def run_load(
    host: str = "127.0.0.1",
    port: int = 8501,
    *,
    users: int = 8,
    seconds: float = 20,
    links: list[str] | tuple[str, ...] = DEFAULT_LINKS,
    changes: int = 3,
    timeout: float = 30,
    reconnect_timeout: float = 15,
    on_start=None,
) -> dict:
    """Run the crowd; returns the report. on_start(): an awaitable run beside the users (fault injection)."""
    host = check_loopback(host)
    parsed = [parse_link(link) for link in links]
    stats = Stats()
    started = time.perf_counter()
    deadline = time.monotonic() + seconds
    tasks = [
        virtual_user(n, host, port, parsed, changes, deadline, stats, timeout, reconnect_timeout)
        for n in range(users)
    ]
    if on_start is not None:
        tasks.append(on_start())
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    return report(stats, users, seconds, wall)


def report(stats: Stats, users: int, seconds: float, wall: float) -> dict:
    runs = stats.open_s + stats.change_s

    def ms(values: list[float], q: float) -> float | None:
        value = percentile(values, q)
        return None if math.isnan(value) else round(1000 * value, 1)

    return {
        "users": users,
        "seconds": seconds,
        "wall_s": round(wall, 2),
        "page_opens": len(stats.open_s),
        "opens_per_s": round(len(stats.open_s) / wall, 2),
        "open_p50_ms": ms(stats.open_s, 0.5),
        "open_p95_ms": ms(stats.open_s, 0.95),
        "changes": len(stats.change_s),
        "change_p50_ms": ms(stats.change_s, 0.5),
        "change_p95_ms": ms(stats.change_s, 0.95),
        "runs_per_s": round(len(runs) / wall, 2),
        "run_p50_ms": ms(runs, 0.5),
        "run_p95_ms": ms(runs, 0.95),
        "errors": len(stats.errors),
        "error_samples": sorted(set(stats.errors))[:5],
        "disconnects": stats.disconnects,
        "disconnect_samples": sorted(set(stats.disconnect_reasons))[:5],
        "reconnected": len(stats.reconnect_s),
        "reconnect_p95_ms": ms(stats.reconnect_s, 0.95),
        "views_lost": stats.views_lost,
        "lost_samples": stats.lost[:5],
        "mib_received": round(stats.bytes_in / 2**20, 2),
        "mean_run_ms": round(1000 * statistics.fmean(runs), 1) if runs else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ws_load", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="loopback only: 127.0.0.1, localhost or ::1")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--changes", type=int, default=3, help="filter changes after each page open")
    parser.add_argument(
        "--link",
        action="append",
        dest="links",
        help="a shared link such as 'trip?country=NC&days=10' (repeat; default: 4 links)",
    )
    parser.add_argument("--timeout", type=float, default=30, help="longest wait for one script run")
    parser.add_argument(
        "--reconnect-timeout",
        type=float,
        default=15,
        help="after a lost connection, how long the reopened view may take",
    )
    args = parser.parse_args(argv)
    try:
        check_loopback(args.host)
    except ValueError as refused:
        parser.error(str(refused))
    if not 1 <= args.users <= 500 or not 0 < args.seconds <= 3600:
        parser.error("--users must be 1..500 and --seconds 0..3600")
    result = asyncio.run(
        run_load(
            args.host,
            args.port,
            users=args.users,
            seconds=args.seconds,
            links=args.links or DEFAULT_LINKS,
            changes=args.changes,
            timeout=args.timeout,
            reconnect_timeout=args.reconnect_timeout,
        )
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 1 if result["errors"] or result["views_lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
