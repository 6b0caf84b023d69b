"""Hostile links against the API: the strategy of tests/app/test_hostile_links.py (imported, so the
pages and the API are fuzzed with the same links), SIMATLAS_API_EXAMPLES per page (40 in make test,
300 in make test-full), each in one format, JSON or CSV, drawn with the link.

Every answer is a 200 (the parser drops what it cannot use), never a 5xx; every dropped value is
reported: in the JSON body, and in the CSV answer's headers, exactly as the parser names them."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies

from simatlas import api, url_state
from tests.api.client import request
from tests.app.test_hostile_links import queries

EXAMPLES = int(os.environ.get("SIMATLAS_API_EXAMPLES", "40"))


@pytest.mark.parametrize("page", api.API_PAGES)
def test_hostile_links_never_fail_and_every_dropped_value_is_reported(bundled_app, bundled_state, page):
    dataset = bundled_state.dataset
    params = url_state.page_params(page)
    choices = url_state.dynamic_choices(dataset)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(query=queries, fmt=strategies.sampled_from(api.FORMATS))
    def check(query: dict[str, list[str]], fmt: str) -> None:
        expected = api.dropped_json(url_state.parse_query(query, params, choices).dropped)
        answer = request(bundled_app, f"/api/{page}.{fmt}", query)
        assert answer.status == 200, (query, answer.status, answer.body[:300])
        if fmt == "json":
            body = answer.json()
            assert body["dropped"] == expected
            assert body["count"] == len(body["rows"])
            return
        assert int(answer.headers["x-simatlas-dropped-count"]) == len(expected)
        header = answer.headers["x-simatlas-dropped"]
        listed = json.loads(header)
        # All of them, unless the header would pass MAX_DROPPED_HEADER_BYTES (then whole entries, in order).
        assert listed == expected or (listed == expected[: len(listed)]
                                      and len(json.dumps(expected)) > api.MAX_DROPPED_HEADER_BYTES)

    check()
