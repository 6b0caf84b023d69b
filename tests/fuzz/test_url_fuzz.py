"""The URL parser fuzzed directly: thousands of generated links per page, no app needed.

Properties, each checked independently of what the parser returned for the link:
- every value it keeps is a valid value of its parameter (type, range, choices);
- parse → serialise → parse is stable: the canonical link means the same and drops nothing;
- every name a page does not take, and every item it could not use, is reported as dropped.
"""

import math
import os
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simatlas import url_state
from simatlas.url_state import MAX_VALUE_LENGTH, parse_query, serialise

EXAMPLES = int(os.environ.get("SIMATLAS_PARSER_EXAMPLES", "400"))
DYNAMIC = {"country": ["HK", "NC", "JP"], "place": ["HK", "NC"], "operator": ["hk-csl", "nc-opt"],
           "cur": ["USD", "EUR", "XPF"], "q_cur": ["USD", "EUR", "XPF"], "leg": ["HK", "NC", "JP"],
           "q_countries": ["HK", "NC", "JP"]}
NASTY = ["<script>", "NaN", "inf", "-1", "1e309", "9" * 300, "", " ", "hk", "NC", "xpf", "esim", "true",
         "0", "7", "2.5", "zh", "price", "resident", "香港", "💥",
         "HK:5", "nc:3", "JP:0", "JP:2.5", "NC:400", "XX:1", "HK:"]
ALL_NAMES = sorted({p.name for params in url_state.PAGE_PARAMS.values() for p in params}
                   | {p.name for p in url_state.GLOBAL_PARAMS})
items = st.one_of(st.sampled_from(NASTY), st.text(max_size=30),
                  st.floats(allow_nan=True, allow_infinity=True).map(repr))
links = st.dictionaries(st.one_of(st.sampled_from(ALL_NAMES), st.text(min_size=1, max_size=12)),
                        st.lists(items, min_size=1, max_size=4), max_size=7)


def valid(param: url_state.Param, value: object) -> bool:
    if value is None or value == param.default:
        return True
    allowed = set(param.choices) | set(DYNAMIC.get(param.name, ()))
    if param.kind == "multi":
        return isinstance(value, tuple) and all(item in allowed for item in value)
    if param.kind == "legs":  # one leg is read as country + days: a kept value has two or more
        found = url_state.as_legs(value)
        return (2 <= len(found) <= url_state.MAX_LEGS
                and all(place in allowed and 1 <= days <= url_state.MAX_LEG_DAYS for place, days in found))
    if param.kind == "choice":
        return value in allowed
    if param.kind == "flag":
        return isinstance(value, bool)
    if param.kind == "text":
        return isinstance(value, str) and 0 < len(value) <= url_state.MAX_TEXT_LENGTH
    if not (isinstance(value, (int, float)) and math.isfinite(value)):  # a number, and a finite one
        return False
    low = -math.inf if param.minimum is None else param.minimum
    high = math.inf if param.maximum is None else param.maximum
    whole = param.kind != "integer" or float(value).is_integer()
    return whole and low <= value <= high


@pytest.mark.parametrize("page", sorted(url_state.PAGE_PARAMS))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(link=links)
def test_the_parser_keeps_only_valid_values_round_trips_and_reports_every_drop(page, link):
    params = url_state.page_params(page)
    by_name = {param.name: param for param in params}
    parsed = parse_query(link, params, DYNAMIC)
    for name, value in parsed.values.items():
        assert valid(by_name[name], value), (name, value)
    canonical = serialise(parsed.values, params)
    again = parse_query(canonical, params, DYNAMIC)
    assert again.values == parsed.values and again.dropped == []
    dropped = {(d.name, d.value) for d in parsed.dropped}
    for name, texts in link.items():
        if name not in by_name:
            assert (url_state.clip(name), url_state.clip(texts[0])) in dropped
            continue
        param = by_name[name]
        if param.kind != "multi":
            continue
        for text in texts:
            code = text.strip().upper() if param.upper_case else text.strip()
            kept = code == "" or code in cast(tuple[str, ...], parsed.values[name])  # a multi's value
            reported = (name, url_state.clip(text)) in dropped or len(text) > MAX_VALUE_LENGTH
            assert kept or reported, (name, text)
