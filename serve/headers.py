"""The headers a public site is expected to send, on every HTTP response the server gives — the
pages, Streamlit's own files and endpoints, the data API — set once, here (st.App's middleware).

The Content-Security-Policy is the strictest Streamlit's frontend works under (checked in a real
browser: tests/browser/test_security_browser.py counts policy violations on every page):
- scripts from the app only, plus inline scripts (Streamlit's index page and our one `st.html`
  script set the page's language) and `eval`: Vega compiles chart expressions with `new Function`,
  and the frontend compiles WebAssembly (without 'unsafe-eval' the page stays blank, reporting a
  `script-src wasm-eval` violation — tried in Chromium 2026-12-07);
- styles from the app and inline (Streamlit's styling library writes <style> elements);
- images from the app, `data:` and `blob:` (icons, downloads), fonts from the app and `data:`;
- connections to the app's own host only (`'self'` covers its websocket in current browsers;
  ws:/wss: are named for older ones);
- no framing by other sites (clickjacking), no plugins, forms and <base> only to the app.
HSTS belongs where TLS ends (a TLS-terminating proxy): this server speaks plain HTTP behind it and
does not send it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
))

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",  # frame-ancestors for browsers that predate it
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
_ENCODED = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]
_NAMES = {name for name, _ in _ENCODED}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """Pure ASGI middleware: adds SECURITY_HEADERS to every HTTP response start (replacing any of the
    same name), and leaves websockets and the lifespan alone. No buffering, no body rewriting."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(name, value) for name, value in message.get("headers", [])
                        if name.lower() not in _NAMES]
                message = {**message, "headers": [*kept, *_ENCODED]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
