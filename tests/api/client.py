"""An in-process HTTP client for an ASGI app: one request, the whole answer (no server, no httpx).

Starlette's TestClient needs httpx, which this project does not install; the ASGI protocol is small
enough to speak directly, and this way the tests exercise exactly what uvicorn would call.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message

from simatlas import api, readiness
from tests.run_async import run_async


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names (the last value of a repeated header)
    body: bytes

    def json(self) -> dict:
        document: dict = json.loads(self.body)
        return document


def request(app: ASGIApp, path: str, query: Mapping[str, Sequence[str]] | str = "",
            headers: Mapping[str, str] | None = None, method: str = "GET") -> Answer:
    query_string = query if isinstance(query, str) else urlencode(
        [(name, value) for name, values in query.items() for value in values])
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": query_string.encode("ascii"),
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in (headers or {}).items()],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    async def call() -> None:  # run_async takes a coroutine; an ASGI app is typed to give an awaitable
        await app(scope, receive, send)

    run_async(call())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"],
                  {k.decode("latin-1"): v.decode("latin-1") for k, v in start.get("headers", [])}, body)


def app_for(state: readiness.DataState) -> Starlette:
    """The API's routes on a bare Starlette app, as st.App mounts them beside Streamlit's."""
    return Starlette(routes=api.routes(state))
