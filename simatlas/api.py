"""The pages' data as URLs: `/api/<page>.csv` and `/api/<page>.json` (HTTP: formats, ETags, errors),
and the /ready route. The rows are simatlas.api_rows'; the data's state is simatlas.readiness'.

Every view is a URL and every view has a machine-readable twin with the same parameters (datasette's
rule, README "Data API"). An API URL takes exactly its page's query parameters
(`url_state.page_params`), validated by the same parser against the same data-driven choices, and
answers the rows the page shows — all of them, not the first TABLE_ROW_LIMIT — from the same core
functions, with where each fact comes from (source_url, seen_on, source_date, confidence).

- Dropped values (unknown names, invalid or stale values) are reported, never silently ignored: the
  JSON body has a `dropped` list of {name, value, reason}; a CSV api_rows.answer carries them in the
  `X-SimAtlas-Dropped` response header (JSON, ASCII) and their number in `X-SimAtlas-Dropped-Count`,
  so the CSV body stays a plain table any reader parses.
- Stateless: the api_rows.answer depends on the data version, the canonical query, the format and the day
  (prices turn "may be outdated" with time), so any replica gives the same bytes and the same ETag.
  `Cache-Control: public, max-age=300`; `If-None-Match` with a current ETag answers 304.
- Hostile input is the parser's job: it drops what it cannot use, so no query reaches a core
  function with a value the page would not have accepted (tests/api fuzz it).

No Streamlit here: serve/streamlit_app.py mounts `routes(...)` on Streamlit's ASGI app (st.App) and
hands the dataset loader over, so the API and the pages share one loaded dataset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import quote

import pandas as pd
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from simatlas import (
    api_rows,
    readiness,
    registry,
    suitability,
    url_state,
)
from simatlas.url_state import Dropped

LOG = logging.getLogger("simatlas.api")

API_PAGES = registry.API_PAGES
FORMATS = ("csv", "json")
CACHE_CONTROL = "public, max-age=300"
DROPPED_HEADER = "X-SimAtlas-Dropped"
DROPPED_COUNT_HEADER = "X-SimAtlas-Dropped-Count"
MAX_DROPPED_HEADER_BYTES = 4096  # proxies refuse long headers: past this, the JSON twin has the list
FORMAT_VERSION = "2"  # part of every ETag: bump when an api_rows.answer's columns or shape change


# --- URLs ---------------------------------------------------------------------------------------


def download_path(page_path: str, query: Mapping[str, Sequence[str]], fmt: str = "csv") -> str:
    """The API URL of a view: `/api/<page>.<fmt>` with the view's query (as `url_state.serialise`
    gives it), e.g. `download_path("plans", {"country": ["HK"]}, "csv") == "/api/plans.csv?country=HK"`.

    A plain link, so a download works on whichever replica answers it (a `st.download_button` is
    served from the process holding the session).
    """
    if page_path not in API_PAGES:
        raise ValueError(f"no API for page {page_path!r}: one of {', '.join(API_PAGES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    encoded = url_state.query_string({name: list(values) for name, values in query.items()})
    return f"/api/{quote(page_path)}.{fmt}" + (f"?{encoded}" if encoded else "")


def dropped_json(dropped: Sequence[Dropped]) -> list[dict[str, str]]:
    return [{"name": d.name, "value": d.value, "reason": d.reason} for d in dropped]


def etag(version: str, page: str, fmt: str, query: Mapping[str, list[str]], dropped: Sequence[Dropped],
         today: dt.date) -> str:
    """A strong ETag: everything the api_rows.answer's bytes depend on, and nothing else (no replica, no
    process), so every replica agrees."""
    key = json.dumps([FORMAT_VERSION, version, page, fmt, url_state.query_string(query),
                      dropped_json(dropped), today.isoformat()], ensure_ascii=True)
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, tag: str) -> bool:
    """RFC 9110 weak comparison, as If-None-Match asks: `*`, or any listed tag (W/ or not)."""
    if not if_none_match:
        return False
    bare = tag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == bare:
            return True
    return False


def to_csv(rows: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, as the page's download (spreadsheet apps then read it as UTF-8)."""
    return rows.to_csv(index=False).encode("utf-8-sig")


def to_json(result: api_rows.ApiAnswer, version: str) -> bytes:
    records = json.loads(result.rows.to_json(orient="records", date_format="iso", force_ascii=False,
                                             default_handler=str))
    body = {
        "page": result.page,
        "version": version,
        "query": result.query,
        "dropped": dropped_json(result.dropped),
        "notes": list(result.notes),
        "count": len(result.rows),
        "columns": [str(column) for column in result.rows.columns],
        "rows": records,
    }
    return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")


def dropped_header(dropped: Sequence[Dropped]) -> str:
    """The dropped values as ASCII JSON (non-ASCII and control characters escaped), cut to whole
    entries under MAX_DROPPED_HEADER_BYTES; the count header always has the total."""
    entries = dropped_json(dropped)
    text = json.dumps(entries, ensure_ascii=True)
    while len(text) > MAX_DROPPED_HEADER_BYTES and entries:
        entries = entries[: len(entries) // 2]
        text = json.dumps(entries, ensure_ascii=True)
    return text


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status,
                        headers={"Cache-Control": "no-store"})


def raw_query(request: Request) -> dict[str, list[str]]:
    """name → every value, in the order given (as st.query_params hands a page its link)."""
    raw: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        raw.setdefault(name, []).append(value)
    return raw


def routes(state: readiness.DataState, today: Callable[[], dt.date] = suitability.today) -> list[Route]:
    """`/ready` and `/api/{page}.{csv,json}`, for st.App(routes=...) or any Starlette app."""

    def ready(request: Request) -> JSONResponse:
        is_ready, body = state.status()
        return JSONResponse(body, status_code=200 if is_ready else 503, headers={"Cache-Control": "no-store"})

    def data(request: Request) -> Response:
        name = str(request.path_params.get("name", ""))
        page, _, fmt = name.rpartition(".")
        if page not in API_PAGES or fmt not in FORMATS:
            return _error(404, f"no such API URL: /api/{name}", pages=list(API_PAGES), formats=list(FORMATS))
        dataset, status = state.current()
        if dataset is None:
            return JSONResponse(status, status_code=503,
                                headers={"Cache-Control": "no-store", "Retry-After": "5"})
        try:
            raw = raw_query(request)
            parsed = api_rows.parse(dataset, page, raw)
            query = url_state.serialise(parsed.values, url_state.page_params(page))
            tag = etag(dataset.version, page, fmt, query, parsed.dropped, today())
            headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
            if etag_matches(request.headers.get("if-none-match"), tag):
                return Response(status_code=304, headers=headers)
            result = api_rows.answer(dataset, page, raw, parsed)
            if fmt == "json":
                return Response(to_json(result, dataset.version), media_type="application/json",
                                headers=headers)
            headers |= {
                DROPPED_HEADER: dropped_header(result.dropped),
                DROPPED_COUNT_HEADER: str(len(result.dropped)),
                "Content-Disposition": f'attachment; filename="simatlas-{page}.csv"',
            }
            return Response(to_csv(result.rows), media_type="text/csv; charset=utf-8", headers=headers)
        except Exception:  # a bug, not the reader's input (the parser took care of that): no traceback out
            LOG.exception("API failed: %s", request.url.path)
            return _error(500, "internal error: the API could not api_rows.answer this URL")

    return [
        Route("/ready", ready, methods=["GET", "HEAD"]),
        Route("/api/{name:str}", data, methods=["GET", "HEAD"]),
    ]
