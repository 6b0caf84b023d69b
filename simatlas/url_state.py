"""URL state: the public, documented query parameters of every page.

A shared link is a public interface (README lists the names). These pure functions parse a raw query
(as Streamlit hands it over: name → list of strings) into typed values, name every value they drop
and why, and serialise values back, leaving defaults out. Defaults are part of the link format:
changing one silently changes the meaning of old links, so they live here, once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode

from simatlas.fx import DEFAULT_CURRENCY
from simatlas.schema import BILLINGS, OPERATOR_KINDS, PRODUCTS, SIM_TYPES, YES_ONLY_FLAGS
from simatlas.suitability import DEFAULT_WHO, WHO

if TYPE_CHECKING:
    from simatlas.loader import Dataset

MAX_VALUE_LENGTH = 200  # longer values are never valid: drop before any parsing work
MAX_MULTI_VALUES = 60


# "legs": repeated PLACE:DAYS values in travel order (`leg=HK:5&leg=MO:3`, issue #23).
ParamKind = Literal["multi", "choice", "number", "integer", "flag", "text", "legs"]


@dataclass(frozen=True)
class Param:
    """One query parameter. `choices` is static; dynamic ones come from the data at parse time."""

    name: str
    kind: ParamKind
    default: object = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    upper_case: bool = False
    # An older link's name for another parameter: a value given under it is read as that one's
    # (`/countries?place=NC` opens as `?country=NC`) and the view's own link never writes it.
    moves_to: str | None = None


@dataclass(frozen=True)
class Dropped:
    """A value from a link that was ignored, and why (a key into the text catalogue)."""

    name: str
    value: str
    reason: str  # unknown_param | unknown_choice | not_a_number | out_of_range | too_many | malformed


@dataclass
class Parsed:
    values: dict[str, object] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)


SORT_KEYS = ("price", "price_per_gb", "price_per_day", "data", "validity")
LANGUAGES = ("en", "zh")

# Shared by every page (drawn once in app.py's sidebar).
GLOBAL_PARAMS = (
    Param("country", "multi", (), upper_case=True),
    Param("cur", "choice", DEFAULT_CURRENCY, upper_case=True),
    Param("lang", "choice", None, LANGUAGES),
    # Who is asking: a visitor is never recommended a resident-only plan (simatlas.suitability).
    Param("who", "choice", DEFAULT_WHO, WHO),
)
MAX_TEXT_LENGTH = 60  # a free-text value (the label of the reader's own quote)

_OPERATORS = Param("operator", "multi", ())
_SIM = Param("sim", "choice", "any", ("any", *SIM_TYPES))
_BILLING = Param("billing", "choice", "any", ("any", *BILLINGS))
_NEEDS = tuple(Param(name, "flag", False) for name in YES_ONLY_FLAGS)


def needs(values: Mapping[str, object]) -> tuple[str, ...]:
    """The yes-only facts a link asks for (`hotspot=true` …), in schema.YES_ONLY_FLAGS' order: the
    query types hold them as one tuple, so a new flag is a schema edit, not a field per query type."""
    return tuple(flag for flag in YES_ONLY_FLAGS if values.get(flag))

PLANS_PARAMS = (
    _OPERATORS,
    _SIM,
    _BILLING,
    Param("min_gb", "number", 0.0, minimum=0, maximum=10_000),
    Param("min_days", "integer", 0, minimum=0, maximum=3660),
    Param("max_price", "number", None, minimum=0, maximum=10_000_000),
    *_NEEDS,
    Param("sort", "choice", "price_per_gb", SORT_KEYS),
    # The plan open in "Plan details" (an id; none = the first plan shown). Checked by the page
    # against the plans it shows, not against every id: a million ids would cost every run.
    Param("plan", "text", None),
)


def as_codes(value: object) -> tuple[str, ...]:
    """A parsed multi value as a tuple of codes (the parser hands out tuples; None reads as none)."""
    return tuple(str(item) for item in value) if isinstance(value, (tuple, list)) else ()


def as_float(value: object, default: float | None = None) -> float | None:
    """A parsed number (int or float), else `default`."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def as_int(value: object, default: int | None = None) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def as_text(value: object, default: str | None = None) -> str | None:
    return value if isinstance(value, str) else default


def _choices(param: Param, dynamic: Mapping[str, Iterable[str]]) -> frozenset[str]:
    return frozenset(param.choices) | frozenset(dynamic.get(param.name, ()))


def _parse_number(param: Param, text: str) -> tuple[object, str | None]:
    try:
        number = float(text)
    except ValueError:
        return None, "not_a_number"
    if not math.isfinite(number):
        return None, "not_a_number"
    if param.kind == "integer":
        if number != int(number):
            return None, "not_a_number"
        number = int(number)
    low = -math.inf if param.minimum is None else param.minimum
    high = math.inf if param.maximum is None else param.maximum
    if not low <= number <= high:
        return None, "out_of_range"
    return number, None


def _parse_one(param: Param, texts: list[str],
               dynamic: Mapping[str, Iterable[str]]) -> tuple[object, list[Dropped]]:
    dropped: list[Dropped] = []
    cleaned = [text.strip() for text in texts]
    if param.upper_case:
        cleaned = [text.upper() for text in cleaned]
    if param.kind == "multi":
        allowed = _choices(param, dynamic)
        kept: list[str] = []
        for original, text in zip(texts, cleaned, strict=True):
            if text == "":
                continue  # `?country=` is how Streamlit writes an empty selection
            if text not in allowed:
                dropped.append(Dropped(param.name, original, "unknown_choice"))
            elif text not in kept:
                kept.append(text)
        if len(kept) > MAX_MULTI_VALUES:
            dropped.append(Dropped(param.name, f"{len(kept)} values", "too_many"))
            kept = kept[:MAX_MULTI_VALUES]
        return tuple(kept), dropped
    if param.kind == "legs":
        found, dropped = parse_legs(texts, _choices(param, dynamic))
        return tuple(leg_text(place, days) for place, days in found), dropped
    # Single-valued: the last one wins, as in a form; earlier repeats are named as dropped.
    text = cleaned[-1]
    dropped += [Dropped(param.name, value, "repeated") for value in texts[:-1]]
    original = texts[-1]
    if param.kind == "choice":
        if text in _choices(param, dynamic):
            return text, dropped
        return param.default, [*dropped, Dropped(param.name, original, "unknown_choice")]
    if param.kind == "text":
        if len(original.strip()) > MAX_TEXT_LENGTH:
            return param.default, [*dropped, Dropped(param.name, original, "too_long")]
        return (original.strip() or param.default), dropped
    if param.kind == "flag":
        if text.lower() in ("true", "1", "yes"):
            return True, dropped
        if text.lower() in ("false", "0", "no", ""):
            return False, dropped
        return param.default, [*dropped, Dropped(param.name, original, "unknown_choice")]
    if text == "":
        return param.default, dropped
    value, reason = _parse_number(param, text)
    if reason:
        return param.default, [*dropped, Dropped(param.name, original, reason)]
    return value, dropped


def parse_query(
    raw: Mapping[str, list[str]],
    params: Iterable[Param],
    dynamic: Mapping[str, Iterable[str]] | None = None,
    ignore: Iterable[str] = (),
) -> Parsed:
    """Typed values for `params` (defaults where absent or invalid) and what was dropped.

    `dynamic` adds the choices that come from the data (countries, operators, currencies).
    Keys in `ignore` belong to someone else (another widget layer) and are neither parsed nor
    reported.
    """
    dynamic = dynamic or {}
    by_name = {param.name: param for param in params}
    skip = set(ignore)
    parsed = Parsed(values={name: param.default for name, param in by_name.items()})
    for name, texts in raw.items():
        if name in skip:
            continue
        texts = [texts] if isinstance(texts, str) else list(texts)
        param = by_name.get(name)
        if param is None:
            shown = texts[0] if texts else ""
            parsed.dropped.append(Dropped(clip(name), clip(shown), "unknown_param"))
            continue
        too_long = [text for text in texts if len(text) > MAX_VALUE_LENGTH]
        parsed.dropped += [Dropped(name, clip(text), "too_long") for text in too_long]
        texts = [text for text in texts if len(text) <= MAX_VALUE_LENGTH]
        if not texts:
            continue
        value, dropped = _parse_one(param, texts, dynamic)
        parsed.values[name] = value
        parsed.dropped += [Dropped(d.name, clip(d.value), d.reason) for d in dropped]
    _move_older_names(parsed, by_name)
    _one_leg_is_one_place(parsed, by_name)
    return parsed


def _move_older_names(parsed: Parsed, by_name: Mapping[str, Param]) -> None:
    """Read a value given under an older name as the parameter it moved to. It replaces that one's
    value: the older link opened exactly this one (a place's profile), so that is what it names."""
    for name, param in by_name.items():
        value = parsed.values[name]
        if param.moves_to is None or value == param.default:
            continue
        target = by_name[param.moves_to]
        parsed.values[target.name] = (value,) if target.kind == "multi" else value
        parsed.values[name] = param.default


# --- Legs: a trip through several places ------------------------------------------------------------

MAX_LEGS = 12  # a link's legs; more is not a trip anyone plans, and bounds the optimiser's O(L²) runs
MAX_LEG_DAYS = 365  # as the one-place planner's `days`
_PLACE_CODE = re.compile(r"^[A-Z]{2}$")
_LEG_DAYS = Param("leg", "integer", minimum=1, maximum=MAX_LEG_DAYS)


def leg_text(place: str, days: int) -> str:
    return f"{place}:{days}"


def as_legs(value: object) -> tuple[tuple[str, int], ...]:
    """A parsed `leg` value (canonical "HK:5" texts) as (place, days) pairs, in travel order."""
    pairs = []
    for text in as_codes(value):
        place, _, days = text.partition(":")
        pairs.append((place, int(days)))
    return tuple(pairs)


def parse_legs(values: Iterable[str], known_places: Iterable[str]
               ) -> tuple[tuple[tuple[str, int], ...], list[Dropped]]:
    """(place, days) of `leg=PLACE:DAYS` values in travel order, and every value dropped, with a code:
    malformed, unknown_choice (place), not_a_number / out_of_range (days), too_long, too_many."""
    known = frozenset(known_places)
    legs: list[tuple[str, int]] = []
    dropped: list[Dropped] = []
    extra = 0
    for value in values:
        text = value.strip()
        if not text:
            continue  # an empty value is how a form writes "no leg"
        if len(text) > MAX_VALUE_LENGTH:
            dropped.append(Dropped("leg", clip(text), "too_long"))
            continue
        place, colon, days_text = (part.strip() for part in text.partition(":"))
        place = place.upper()
        if not colon or not _PLACE_CODE.match(place) or ":" in days_text or not days_text:
            dropped.append(Dropped("leg", clip(text), "malformed"))
            continue
        if place not in known:
            dropped.append(Dropped("leg", clip(text), "unknown_choice"))
            continue
        days, reason = _parse_number(_LEG_DAYS, days_text)  # the one-place planner's number rules
        if reason:
            dropped.append(Dropped("leg", clip(text), reason))
            continue
        if len(legs) == MAX_LEGS:
            extra += 1
            continue
        assert isinstance(days, int)
        legs.append((place, days))
    if extra:
        dropped.append(Dropped("leg", f"{MAX_LEGS + extra} legs", "too_many"))
    return tuple(legs), dropped


def _one_leg_is_one_place(parsed: Parsed, by_name: Mapping[str, Param]) -> None:
    """A trip of one leg is the one-place planner's `country` + `days`, and is written so: one
    link per view (`leg=HK:5` opens, and is shared, as `country=HK&days=5`)."""
    if "leg" not in by_name or "days" not in by_name:
        return
    found = as_legs(parsed.values.get("leg"))
    if len(found) == 1:
        (place, days), = found
        parsed.values.update(country=(place,), days=days, leg=())


def clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _format_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def serialise(values: Mapping[str, object], params: Iterable[Param]) -> dict[str, list[str]]:
    """Query parameters for `values`, defaults left out, in the order of `params`."""
    query: dict[str, list[str]] = {}
    for param in params:
        value = values.get(param.name, param.default)
        if value == param.default or value is None:
            continue
        if param.kind in ("multi", "legs"):
            if value:
                query[param.name] = list(as_codes(value))
        else:
            query[param.name] = [_format_value(value)]
    return query


def query_string(query: Mapping[str, list[str]]) -> str:
    # ":" is allowed in a query (RFC 3986) and keeps a stop readable: leg=HK:5, not leg=HK%3A5.
    return urlencode([(name, item) for name, items in query.items() for item in items], safe=":")


def share_url(base_url: str, page_path: str, query: Mapping[str, list[str]]) -> str:
    """The full address of a view: base, page path, query string."""
    address = base_url.rstrip("/") + "/" + page_path.strip("/")
    encoded = query_string(query)
    return f"{address}?{encoded}" if encoded else address


DEFAULT_PAGE = "plans"  # served at the app's root address

_KIND = Param("kind", "multi", (), OPERATOR_KINDS)
_PRODUCT = Param("product", "multi", (), PRODUCTS)
_OPERATOR_CARD = Param("operator", "choice", None)  # choices: operator ids, from the data

# A trip's length and data when the link says nothing: part of the link format (an old link without
# `days` means a week), read by the trip's query types (costs.Trip, legs.MultiTrip) from here.
DEFAULT_TRIP_DAYS = 7
DEFAULT_TRIP_GB = 5.0

# Every page by url path, with the parameters of its own (GLOBAL_PARAMS apply everywhere).
PAGE_PARAMS: dict[str, tuple[Param, ...]] = {
    "plans": PLANS_PARAMS,
    "cancellation": (_KIND, _PRODUCT, Param("online", "flag", False), _OPERATOR_CARD),
    "renewal": (_KIND, _PRODUCT, _OPERATOR_CARD),
    "countries": (
        # One place concept: the shared Places filter names the place; one place opens its profile.
        Param("place", "choice", None, upper_case=True, moves_to="country"),  # links before 2026-12
        Param("conditional", "flag", False),
    ),
    "fees": (_OPERATORS, _SIM, _BILLING, Param("sort", "choice", "first_total", ("first_total", "price"))),
    "trip": (
        # The stops of a trip through several places, in travel order (simatlas.legs); with two or
        # more, they replace `country` and `days`.
        Param("leg", "legs", ()),
        Param("days", "integer", DEFAULT_TRIP_DAYS, minimum=1, maximum=MAX_LEG_DAYS),
        Param("gb", "number", DEFAULT_TRIP_GB, minimum=0, maximum=10_000),
        Param("gb_day", "number", None, minimum=0, maximum=1_000),
        Param("esim", "flag", False),
        *_NEEDS,
        Param("conditional", "flag", False),  # include plans with conditions the reader may not meet
        # The reader's own quote (a travel-eSIM site, an airport kiosk), costed like every plan.
        Param("q_label", "text", None),
        Param("q_price", "number", None, minimum=0, maximum=10_000_000),
        Param("q_cur", "choice", None, upper_case=True),  # choices: currencies with a rate
        Param("q_gb", "number", None, minimum=0, maximum=10_000),
        Param("q_days", "integer", None, minimum=1, maximum=3660),
        Param("q_sim", "choice", None, SIM_TYPES),
        # Where the quote works, for a trip through several places (none = every stop).
        Param("q_countries", "multi", (), upper_case=True),
    ),
    "data": (),
}


def page_params(page_path: str) -> tuple[Param, ...]:
    return GLOBAL_PARAMS + PAGE_PARAMS.get(page_path, ())


def dynamic_choices(dataset: Dataset) -> dict[str, Iterable[str]]:
    """Choices that come from the data: places with plans, operators, currencies with a rate.

    One home for every reader of a link: the pages (ui.shell) and the API (simatlas.api) validate
    the same parameters against the same choices, so a value one drops the other drops too.
    """
    return {
        # Every place, data or not (loader.world_places): a place with operators' rules but no plan
        # says "no plans" on the plan pages; one with nothing recorded says so on its profile.
        "country": dataset.choosable_places,  # computed at load, not per rerun
        "operator": dataset.operators["operator_id"],
        "cur": dataset.fx_rates["currency"],
        "q_cur": dataset.fx_rates["currency"],
        "place": dataset.choosable_places,  # the older name of `country` on the Countries page
        "leg": dataset.choosable_places,
        "q_countries": dataset.choosable_places,
    }
