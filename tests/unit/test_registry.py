"""simatlas.registry: one list of pages that the router, the link format, the API and the tests
read; a page the others do not know stops the start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simatlas import api, api_rows, registry, url_state

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_has_its_file_title_and_link_parameters():
    from simatlas.catalogue import TEXT

    assert set(registry.PAGES) == set(url_state.PAGE_PARAMS)
    for path, page in registry.PAGES.items():
        source = (ROOT / page.file).read_text(encoding="utf-8")
        # the file opens itself by its registry entry, never by a spelt name
        constant = next(name for name, value in vars(registry).items() if value is page)
        assert f"with shell.page(registry.{constant}) as run:" in source, path
        assert page.title_key in TEXT
    assert registry.API_PAGES == api.API_PAGES and set(api_rows.ROWS) == set(registry.API_PAGES)


def test_the_router_builds_its_navigation_from_the_registry():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "registry.PAGES.items()" in app
    assert not re.search(r'"pages/\w+\.py"', app)  # no page file named by hand


def test_a_name_that_is_not_a_page_says_which_are():
    with pytest.raises(KeyError, match="no page 'trips': the pages are plans, countries, trip"):
        registry.page("trips")


def test_a_page_without_link_parameters_stops_the_start():
    with pytest.raises(RuntimeError, match=r"pages without link parameters: \['data'\]"):
        registry.check({path: () for path in registry.PAGES if path != "data"}, "plans")
    with pytest.raises(RuntimeError, match=r"link parameters without a page: \['maps'\]"):
        registry.check({**url_state.PAGE_PARAMS, "maps": ()}, "plans")
    with pytest.raises(KeyError):
        registry.check(url_state.PAGE_PARAMS, "home")
