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
    assert len(parsed.values["country"]) == url_state.MAX_MULTI_VALUES
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
