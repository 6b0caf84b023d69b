"""Every page of the app, once: its address, title, file and typed query.

app.py builds the navigation from it, `ui.shell.page(name)` finds a page's query type in it, the
data API serves the pages marked `api` (simatlas.api_rows checks its rows against them), and the tests
sweep it. The link parameters of a page live in the URL layer (`url_state.PAGE_PARAMS`, the public
link format); the two must name the same pages, which is checked when this module is imported — so
a page added to one and not the other, or a misspelt name, stops the server at start-up instead of
serving a page that silently ignores its link.

A new page: a line here, its parameters in url_state.PAGE_PARAMS, its file in pages/ (which opens
with `with shell.page(registry.<PAGE>) as run:`), its title in the text catalogue; and, for a data
twin, its rows in simatlas.api_rows.ROWS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from simatlas import costs, fees, places, plans, policies, url_state

Q = TypeVar("Q")


@dataclass(frozen=True)
class Page(Generic[Q]):
    """A page; a page file opens with `with shell.page(registry.<PAGE>) as run:`, so its name is
    never spelt again and its query keeps its type (`run.query` gives a `Q`)."""

    path: str  # the address: /<path>; the default page is also served at /
    title_key: str  # its name in the page list and the browser tab (catalogue key)
    file: str  # relative to the project root
    query: Callable[[Mapping[str, object]], Q]  # the page's typed query from validated link values
    api: bool  # served as /api/<path>.csv and .json


def _no_query(values: Mapping[str, object]) -> None:
    del values  # a page without parameters of its own (About the data)


PLANS = Page("plans", "nav.plans", "pages/plans.py", plans.PlanFilter.from_values, api=True)
COUNTRIES = Page("countries", "nav.countries", "pages/countries.py", places.PlaceQuery.from_values, api=True)
TRIP = Page("trip", "nav.trip", "pages/trip.py", costs.Trip.from_values, api=True)
FEES = Page("fees", "nav.fees", "pages/fees.py", fees.FeeQuery.from_values, api=True)
RENEWAL = Page("renewal", "nav.renewal", "pages/renewal.py", policies.PolicyQuery.from_values, api=True)
CANCELLATION = Page("cancellation", "nav.cancellation", "pages/cancellation.py",
                    policies.PolicyQuery.from_values, api=True)
DATA = Page("data", "nav.data", "pages/data.py", _no_query, api=False)

# In the page list's order.
PAGES: dict[str, Page[Any]] = {page.path: page for page in (
    PLANS, COUNTRIES, TRIP, FEES, RENEWAL, CANCELLATION, DATA)}
API_PAGES = tuple(path for path, page in PAGES.items() if page.api)


def page(path: str) -> Page[Any]:
    """The page at `path`; a name that is not a page is an error that names the pages."""
    try:
        return PAGES[path]
    except KeyError:
        raise KeyError(f"no page {path!r}: the pages are {', '.join(PAGES)} (simatlas/registry.py)") from None


def check(link_params: Mapping[str, object], default_page: str) -> None:
    """The registry and the link format name the same pages, and the default page is one of them."""
    if set(PAGES) != set(link_params):
        only_here, only_there = set(PAGES) - set(link_params), set(link_params) - set(PAGES)
        raise RuntimeError(f"pages without link parameters: {sorted(only_here)}; link parameters "
                           f"without a page: {sorted(only_there)} (registry.PAGES, url_state.PAGE_PARAMS)")
    page(default_page)


check(url_state.PAGE_PARAMS, url_state.DEFAULT_PAGE)
