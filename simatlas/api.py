"""The pages' data as URLs: `/api/<page>.csv` and `/api/<page>.json`, and the readiness check.

Every view is a URL and every view has a machine-readable twin with the same parameters (datasette's
rule, README "Data API"). An API URL takes exactly its page's query parameters
(`url_state.page_params`), validated by the same parser against the same data-driven choices, and
answers the rows the page shows — all of them, not the first TABLE_ROW_LIMIT — from the same core
functions, with where each fact comes from (source_url, seen_on, source_date, confidence).

- Dropped values (unknown names, invalid or stale values) are reported, never silently ignored: the
  JSON body has a `dropped` list of {name, value, reason}; a CSV answer carries them in the
  `X-SimAtlas-Dropped` response header (JSON, ASCII) and their number in `X-SimAtlas-Dropped-Count`,
  so the CSV body stays a plain table any reader parses.
- Stateless: the answer depends on the data version, the canonical query, the format and the day
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
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from simatlas import costs, fees, legs, places, plans, policies, registry, schema, suitability, url_state
from simatlas.loader import DataError, Dataset, data_dir_from_env, data_version
from simatlas.memo import per_dataset
from simatlas.url_state import Dropped

LOG = logging.getLogger("simatlas.api")

API_PAGES = registry.API_PAGES
FORMATS = ("csv", "json")
PROVENANCE = schema.EVIDENCE
DEFAULT_LANG = "en"  # a page follows the browser's language; an API URL without `lang` answers in English
CACHE_CONTROL = "public, max-age=300"
MAX_PROBLEMS = 20  # data problems listed by /ready (as the app's own error page does)
DROPPED_HEADER = "X-SimAtlas-Dropped"
DROPPED_COUNT_HEADER = "X-SimAtlas-Dropped-Count"
MAX_DROPPED_HEADER_BYTES = 4096  # proxies refuse long headers: past this, the JSON twin has the list
FORMAT_VERSION = "2"  # part of every ETag: bump when an answer's columns or shape change


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


# --- Rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiAnswer:
    """What an API URL answers: the page, its validated query and the rows."""

    page: str
    query: dict[str, list[str]]  # canonical: defaults left out, the page's own order
    dropped: list[Dropped]
    rows: pd.DataFrame
    notes: tuple[str, ...] = ()  # the sentences the page says beside the rows (what was left out, why)


@per_dataset
def _plan_index(dataset: Dataset) -> pd.Index:
    # plan_id → row position, once per dataset (an Index is immutable: shared, never copied).
    index: pd.Index = pd.Index(dataset.plans["plan_id"])
    return index


def _provenance_of_plans(dataset: Dataset, plan_ids: pd.Series) -> pd.DataFrame:
    """source_url, seen_on, source_date, confidence of each plan id (None where it is not a plan,
    e.g. the reader's own quote)."""
    positions = _plan_index(dataset).get_indexer(pd.Index(plan_ids.to_numpy(), copy=False))
    known = positions >= 0
    columns = {}
    for column in PROVENANCE:
        values = np.full(len(positions), None, dtype=object)
        values[known] = dataset.plans[column].to_numpy(dtype=object)[positions[known]]
        columns[column] = values
    return pd.DataFrame(columns)


def _with_provenance(rows: pd.DataFrame, provenance: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the provenance columns last (an existing one is replaced, not repeated)."""
    rows = rows.reset_index(drop=True).drop(columns=[c for c in PROVENANCE if c in rows.columns])
    return pd.concat([rows, provenance.reset_index(drop=True)], axis=1)


def plans_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every plan of the view, in its order: the page's CSV download (plans.DOWNLOAD_COLUMNS)."""
    plan_filter = plans.PlanFilter.from_values(values)
    matched = plans.filter_plans(dataset, plan_filter)
    return plans.download_frame(matched, plan_filter.currency)


def trip_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every way to cover the trip, in recommendation order (the page shows the first 300). A trip
    through several places (two `leg`s or more): the page's answer and its two alternatives, one row
    per plan to buy (or per stop nothing covers), each naming its legs, places and days."""
    if len(url_state.as_legs(values.get("leg"))) >= 2:
        rows = legs.answer_rows(dataset, _legs_answer(dataset, values), str(values["cur"]), _lang(values))
        return _with_provenance(rows, _provenance_of_plans(dataset, rows["plan_id"]))
    trip = costs.Trip.from_values(values)
    options = costs.plan_trip(dataset, trip, str(values["cur"]), _lang(values)).options
    return _with_provenance(options, _provenance_of_plans(dataset, options["plan_id"]))


def fees_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every matching plan's fees, in the fee table's order."""
    query = fees.FeeQuery.from_values(values)
    matched = plans.filter_plans(dataset, query.plan_filter)
    breakdown = fees.fee_breakdown(dataset, matched, query.plan_filter.currency, _lang(values),
                                    query.plan_filter.who)
    # fee_breakdown keeps matched's row order: its provenance lines up row by row.
    frame = _with_provenance(breakdown, matched[list(PROVENANCE)])
    return fees.in_fee_order(frame, query.sort)


def _policy_rows(table: policies.PolicyTable) -> Callable[[Dataset, Mapping[str, object]], pd.DataFrame]:
    def rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
        # `operator` opens a card on the page; it does not narrow the rows.
        query = policies.PolicyQuery.from_values(values)
        found = policies.policy_rows(dataset, table, query.policy_filter, _lang(values))
        return _with_provenance(found, found[list(PROVENANCE)])

    rows.__doc__ = f"Every {table} rule of the view (simatlas.policies.policy_rows)."
    return rows


def countries_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """The overview, one row per place; provenance is the place's own record (countries.csv: its
    ID rule), empty for a place with no record."""
    query = places.PlaceQuery.from_values(values)
    # Every place the data knows anything of, the ones with only their networks listed included.
    table = places.overview(dataset, str(values["cur"]), _lang(values), query.countries, query.who,
                            every_place=True)
    if table.empty:  # no place in the data: the columns still say what a row would hold
        table = places.overview(dataset, str(values["cur"]), _lang(values), (), query.who).head(0)
    records = dataset.countries.drop_duplicates("country").set_index("country")
    provenance = pd.DataFrame({
        column: table["code"].map(records[column]).astype(object).where(table["code"].isin(records.index))
        for column in PROVENANCE
    })
    return _with_provenance(table, provenance)


def trip_notes(dataset: Dataset, values: Mapping[str, object]) -> tuple[str, ...]:
    """What the trip page says beside its options: what the answer left out and why, and why a
    cheaper option ranks lower (the same memoised answer as the rows)."""
    lang = _lang(values)
    if len(url_state.as_legs(values.get("leg"))) >= 2:
        return legs.notes(dataset, _legs_answer(dataset, values), str(values["cur"]), lang).lines()
    trip = costs.Trip.from_values(values)
    found = costs.plan_trip(dataset, trip, str(values["cur"]), lang)
    left_out = suitability.left_out_text(found.left_out, trip.who, trip.include_conditional, lang)
    return tuple(note for note in (left_out, *costs.ranking_notes(found.options, lang)) if note)


def _legs_answer(dataset: Dataset, values: Mapping[str, object]) -> legs.LegsAnswer:
    # The rows and the notes ask for the same answer: computed once per trip and day (legs.answer).
    return legs.answer(dataset, legs.MultiTrip.from_values(values))


NOTES: dict[str, Callable[[Dataset, Mapping[str, object]], tuple[str, ...]]] = {"trip": trip_notes}

ROWS: dict[str, Callable[[Dataset, Mapping[str, object]], pd.DataFrame]] = {
    "plans": plans_rows,
    "trip": trip_rows,
    "fees": fees_rows,
    "renewal": _policy_rows("renewal"),
    "cancellation": _policy_rows("cancellation"),
    "countries": countries_rows,
}


if set(ROWS) != set(API_PAGES):  # the registry says which pages have a data twin: each has rows here
    raise RuntimeError(f"API rows for {sorted(ROWS)}, pages with an API {sorted(API_PAGES)} (registry.py)")


def _lang(values: Mapping[str, object]) -> str:
    return str(values.get("lang") or DEFAULT_LANG)


def parse(dataset: Dataset, page: str, raw: Mapping[str, list[str]]) -> url_state.Parsed:
    """Parse `raw` as the page's link would be: the same parameters, parser and data-driven choices."""
    return url_state.parse_query(raw, url_state.page_params(page), url_state.dynamic_choices(dataset))


def answer(dataset: Dataset, page: str, raw: Mapping[str, list[str]],
           parsed: url_state.Parsed | None = None) -> ApiAnswer:
    """The page's rows for a raw query (`parsed`: the query already parsed by `parse`)."""
    parsed = parsed or parse(dataset, page, raw)
    query = url_state.serialise(parsed.values, url_state.page_params(page))
    notes = NOTES[page](dataset, parsed.values) if page in NOTES else ()
    return ApiAnswer(page, query, parsed.dropped, ROWS[page](dataset, parsed.values), notes)


def dropped_json(dropped: Sequence[Dropped]) -> list[dict[str, str]]:
    return [{"name": d.name, "value": d.value, "reason": d.reason} for d in dropped]


def etag(version: str, page: str, fmt: str, query: Mapping[str, list[str]], dropped: Sequence[Dropped],
         today: dt.date) -> str:
    """A strong ETag: everything the answer's bytes depend on, and nothing else (no replica, no
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


def to_json(result: ApiAnswer, version: str) -> bytes:
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


# --- Readiness -----------------------------------------------------------------------------------


Loader = Callable[[str, str], Dataset]  # (data dir, data version) → dataset, e.g. ui.shell._load


@dataclass
class DataState:
    """The data as the API and /ready see it: loading, ready, or failed with the problems."""

    data_dir: Path
    loader: Loader
    version: str | None = None  # the version loaded (or being loaded, or that failed)
    dataset: Dataset | None = None
    problems: list[str] = field(default_factory=list)
    loading: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_env(cls, loader: Loader) -> DataState:
        return cls(data_dir_from_env(), loader)

    def start(self) -> threading.Thread | None:
        """Load the current version in a background thread (the server answers meanwhile: /ready
        says 503 until it is done). None when that version is loaded or loading already."""
        version = data_version(self.data_dir)
        with self._lock:
            if self.loading or (self.version == version and (self.dataset is not None or self.problems)):
                return None
            self.loading, self.version, self.problems = True, version, []
        thread = threading.Thread(target=self._load, args=(version,), name="simatlas-data-load", daemon=True)
        thread.start()
        return thread

    def load_now(self) -> None:
        """Load and wait for it (tests; a lifespan that would rather not answer before)."""
        thread = self.start()
        if thread is not None:
            thread.join()

    def _load(self, version: str) -> None:
        dataset, problems = None, []
        try:
            dataset = self.loader(str(self.data_dir), version)
        except DataError as error:
            problems = [str(problem) for problem in error.problems]
            LOG.error("data problem: %s", error)
        except Exception as error:  # unreadable folder, out of memory: not ready, and say why
            problems = [f"{type(error).__name__}: {error}"]
            LOG.exception("data could not be loaded")
        with self._lock:
            if self.version == version:
                self.dataset, self.problems, self.loading = dataset, problems, False

    def status(self) -> tuple[bool, dict[str, object]]:
        """(ready, the /ready body). A data change on disk starts a reload (not ready meanwhile)."""
        current = data_version(self.data_dir)
        if current != self.version and not self.loading:
            self.start()
        with self._lock:
            if self.loading:
                return False, {"ready": False, "reason": "loading", "version": self.version}
            if self.problems:
                return False, {"ready": False, "reason": "data_error", "version": self.version,
                               "problems": self.problems[:MAX_PROBLEMS], "problem_count": len(self.problems)}
            if self.dataset is None:
                return False, {"ready": False, "reason": "not_loaded"}
            return True, {"ready": True, "version": self.dataset.version}

    def current(self) -> tuple[Dataset | None, dict[str, object]]:
        """The dataset to answer from, or None and why (the /ready body)."""
        ready, body = self.status()
        with self._lock:
            return (self.dataset if ready else None), body


# --- HTTP ----------------------------------------------------------------------------------------


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status,
                        headers={"Cache-Control": "no-store"})


def raw_query(request: Request) -> dict[str, list[str]]:
    """name → every value, in the order given (as st.query_params hands a page its link)."""
    raw: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        raw.setdefault(name, []).append(value)
    return raw


def routes(state: DataState, today: Callable[[], dt.date] = suitability.today) -> list[Route]:
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
            parsed = parse(dataset, page, raw)
            query = url_state.serialise(parsed.values, url_state.page_params(page))
            tag = etag(dataset.version, page, fmt, query, parsed.dropped, today())
            headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
            if etag_matches(request.headers.get("if-none-match"), tag):
                return Response(status_code=304, headers=headers)
            result = answer(dataset, page, raw, parsed)
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
            return _error(500, "internal error: the API could not answer this URL")

    return [
        Route("/ready", ready, methods=["GET", "HEAD"]),
        Route("/api/{name:str}", data, methods=["GET", "HEAD"]),
    ]
