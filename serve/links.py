"""Old and documented addresses that are not a page's own: `/plans` redirects to `/`.

The Plans page is the default page, which Streamlit serves at the root only: its url path
`plans` is reserved but never matched, so `/plans?…` opened Streamlit's "Page not found" dialog and
then the main page. The redirect happens before the app loads, keeps the whole query (the view),
and is permanent (308), so a shared link settles on the canonical address.
"""

from __future__ import annotations

from functools import cache

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from simatlas.charts import MAP_URL
from simatlas.places import MAP_FILE

# Paths that name the default page; the view lives in the query, kept as it is.
DEFAULT_PAGE_ALIASES = ("/plans", "/plans/")


def to_default_page(request: Request) -> RedirectResponse:
    query = request.url.query
    root = str(request.scope.get("root_path", "")).rstrip("/")  # a server under a path prefix
    return RedirectResponse(f"{root}/" + (f"?{query}" if query else ""), status_code=308)


@cache
def _boundaries() -> bytes:
    return MAP_FILE.read_bytes()  # 105 KB, read once


def world_map_boundaries(request: Request) -> Response:
    """The world map's boundaries (data/maps/README.md), fetched by the browser once and cached: the
    Countries page's spec names this address instead of carrying 105 KB on every visit."""
    del request
    return Response(_boundaries(), media_type="application/json",
                    headers={"Cache-Control": "public, max-age=86400"})


ROUTES = [*(Route(path, to_default_page, methods=["GET", "HEAD"]) for path in DEFAULT_PAGE_ALIASES),
          Route("/" + MAP_URL, world_map_boundaries, methods=["GET", "HEAD"])]
