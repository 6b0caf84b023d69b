from typing import cast

import pytest

from simatlas import url_state
from simatlas.url_state import Dropped, parse_query, serialise, share_url

PARAMS = url_state.page_params("plans")
DYNAMIC = {"country": ["HK", "NC", "JP"], "operator": ["hk-csl", "nc-opt"], "cur": ["USD", "EUR", "XPF"]}


def parse(raw):
    return parse_query(raw, PARAMS, DYNAMIC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {"country": (), "sim": "any", "min_gb": 0.0, "max_price": None, "sort": "price_per_gb"}),
        ({"country": ["HK", "NC"]}, {"country": ("HK", "NC")}),
        ({"country": ["hk", " nc "]}, {"country": ("HK", "NC")}),
        ({"country": ["HK", "HK"]}, {"country": ("HK",)}),
        ({"country": [""]}, {"country": ()}),
        ({"operator": ["nc-opt"]}, {"operator": ("nc-opt",)}),
        ({"sim": ["esim"]}, {"sim": "esim"}),
        ({"billing": ["postpaid"]}, {"billing": "postpaid"}),
        ({"min_gb": ["2.5"]}, {"min_gb": 2.5}),
        ({"min_days": ["7"]}, {"min_days": 7}),
        ({"max_price": ["100"]}, {"max_price": 100.0}),
        ({"max_price": [""]}, {"max_price": None}),
        ({"hotspot": ["true"]}, {"hotspot": True}),
        ({"five_g": ["1"]}, {"five_g": True}),
        ({"local_number": ["false"]}, {"local_number": False}),
        ({"sort": ["price"]}, {"sort": "price"}),
        ({"cur": ["xpf"]}, {"cur": "XPF"}),
        ({"lang": ["zh"]}, {"lang": "zh"}),
        ({"sim": ["physical", "esim"]}, {"sim": "esim"}),
    ],
)
def test_parse_valid(raw, expected):
    parsed = parse(raw)
    assert {name: parsed.values[name] for name in expected} == expected
    assert all(d.reason == "repeated" for d in parsed.dropped)


@pytest.mark.parametrize(
    ("raw", "name", "reason", "default"),
    [
        ({"country": ["HK", "XX"]}, "country", "unknown_choice", None),
        ({"operator": ["removed-op"]}, "operator", "unknown_choice", ()),
        ({"sim": ["nano"]}, "sim", "unknown_choice", "any"),
        ({"max_price": ["abc"]}, "max_price", "not_a_number", None),
        ({"max_price": ["nan"]}, "max_price", "not_a_number", None),
        ({"max_price": ["inf"]}, "max_price", "not_a_number", None),
        ({"max_price": ["-5"]}, "max_price", "out_of_range", None),
        ({"min_gb": ["1e308"]}, "min_gb", "out_of_range", 0.0),
        ({"min_days": ["2.5"]}, "min_days", "not_a_number", 0),
        ({"hotspot": ["maybe"]}, "hotspot", "unknown_choice", False),
        ({"sort": ["'; DROP TABLE plans;--"]}, "sort", "unknown_choice", "price_per_gb"),
        ({"cur": ["<script>"]}, "cur", "unknown_choice", "USD"),
        ({"lang": ["fr"]}, "lang", "unknown_choice", None),
        ({"utm_source": ["x"]}, "utm_source", "unknown_param", None),
        ({"days": ["7"]}, "days", "unknown_param", None),
        ({"sim": ["x" * 500]}, "sim", "too_long", "any"),
    ],
)
def test_parse_drops_invalid_with_a_reason(raw, name, reason, default):
    parsed = parse(raw)
    assert any(d.name == name[:40] and d.reason == reason for d in parsed.dropped), parsed.dropped
    if default is not None:
        assert parsed.values[name] == default


def test_invalid_value_keeps_the_rest_of_the_link():
    parsed = parse({"country": ["HK", "XX"], "max_price": ["abc"], "sim": ["esim"]})
    assert parsed.values["country"] == ("HK",)
    assert parsed.values["sim"] == "esim"
    assert parsed.values["max_price"] is None
    assert {(d.name, d.value) for d in parsed.dropped} == {("country", "XX"), ("max_price", "abc")}


def test_too_many_values_are_capped():
    many = {"country": [f"C{i}" for i in range(200)]}
    parsed = parse_query(many, PARAMS, {"country": many["country"]})
    assert len(cast(tuple[str, ...], parsed.values["country"])) == url_state.MAX_MULTI_VALUES
    assert Dropped("country", "200 values", "too_many") in parsed.dropped


@pytest.mark.parametrize(
    ("values", "query"),
    [
        ({}, {}),
        ({"country": ("HK",), "sim": "esim"}, {"country": ["HK"], "sim": ["esim"]}),
        ({"min_gb": 5.0, "max_price": 100.0}, {"min_gb": ["5"], "max_price": ["100"]}),
        ({"min_gb": 2.5}, {"min_gb": ["2.5"]}),
        ({"hotspot": True, "five_g": False}, {"hotspot": ["true"]}),
        ({"sort": "price_per_gb", "cur": "USD"}, {}),
        ({"lang": "zh", "cur": "XPF"}, {"cur": ["XPF"], "lang": ["zh"]}),
    ],
)
def test_serialise_leaves_defaults_out(values, query):
    assert serialise(values, PARAMS) == query


@pytest.mark.parametrize(
    "values",
    [
        {"country": ("NC", "HK"), "operator": ("nc-opt",), "sim": "physical", "billing": "prepaid",
         "min_gb": 3.0, "min_days": 30, "max_price": 2500.0, "local_number": True, "hotspot": True,
         "five_g": True, "sort": "validity", "cur": "XPF", "lang": "zh"},
        {"country": ("JP",), "sort": "price"},
    ],
)
def test_round_trip(values):
    parsed = parse(serialise(values, PARAMS))
    assert parsed.dropped == []
    assert {name: parsed.values[name] for name in values} == values


@pytest.mark.parametrize(
    ("base", "path", "query", "url"),
    [
        ("http://localhost:8501", "", {}, "http://localhost:8501/"),
        ("http://localhost:8501/", "cancellation", {"country": ["HK"]},
         "http://localhost:8501/cancellation?country=HK"),
        ("https://x.org/atlas", "", {"country": ["HK", "NC"], "cur": ["XPF"]},
         "https://x.org/atlas/?country=HK&country=NC&cur=XPF"),
        ("http://h", "", {"sort": ["a b&c"]}, "http://h/?sort=a+b%26c"),
    ],
)
def test_share_url(base, path, query, url):
    assert share_url(base, path, query) == url


TRIP_PARAMS = url_state.page_params("trip")
TRIP_DYNAMIC = {**DYNAMIC, "q_cur": DYNAMIC["cur"]}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {"who": "visitor", "conditional": False, "q_price": None, "q_label": None, "q_cur": None}),
        ({"who": ["resident"]}, {"who": "resident"}),
        ({"conditional": ["true"]}, {"conditional": True}),
        ({"q_label": ["Airport eSIM 7 days"]}, {"q_label": "Airport eSIM 7 days"}),
        ({"q_label": ["  "]}, {"q_label": None}),
        ({"q_label": ["<b>x</b>"]}, {"q_label": "<b>x</b>"}),  # kept as text, escaped where shown
        ({"q_price": ["12.5"], "q_cur": ["eur"]}, {"q_price": 12.5, "q_cur": "EUR"}),
        ({"q_gb": ["10"], "q_days": ["7"], "q_sim": ["esim"]}, {"q_gb": 10.0, "q_days": 7, "q_sim": "esim"}),
    ],
)
def test_trip_and_reader_parameters(raw, expected):
    parsed = parse_query(raw, TRIP_PARAMS, TRIP_DYNAMIC)
    assert {name: parsed.values[name] for name in expected} == expected
    assert parsed.dropped == []


@pytest.mark.parametrize(
    ("raw", "name", "reason"),
    [
        ({"who": ["tourist"]}, "who", "unknown_choice"),
        ({"q_price": ["free"]}, "q_price", "not_a_number"),
        ({"q_price": ["-1"]}, "q_price", "out_of_range"),
        ({"q_cur": ["ZZZ"]}, "q_cur", "unknown_choice"),
        ({"q_days": ["0"]}, "q_days", "out_of_range"),
        ({"q_days": ["1.5"]}, "q_days", "not_a_number"),
        ({"q_sim": ["nano"]}, "q_sim", "unknown_choice"),
        ({"q_label": ["x" * 61]}, "q_label", "too_long"),
    ],
)
def test_invalid_quote_and_reader_values_are_dropped_and_named(raw, name, reason):
    parsed = parse_query(raw, TRIP_PARAMS, TRIP_DYNAMIC)
    assert [(d.name, d.reason) for d in parsed.dropped] == [(name, reason)]
    assert parsed.values[name] == next(p.default for p in TRIP_PARAMS if p.name == name)


def test_a_quote_round_trips_through_the_link():
    values = {"q_label": "Kiosk", "q_price": 99.0, "q_cur": "XPF", "q_gb": 5.0, "q_days": 7, "q_sim": "esim",
              "who": "resident", "conditional": True}
    query = serialise(values, TRIP_PARAMS)
    assert query == {"who": ["resident"], "conditional": ["true"], "q_label": ["Kiosk"], "q_price": ["99"],
                     "q_cur": ["XPF"], "q_gb": ["5"], "q_days": ["7"], "q_sim": ["esim"]}
    parsed = parse_query(query, TRIP_PARAMS, TRIP_DYNAMIC)
    assert {name: parsed.values[name] for name in values} == values
