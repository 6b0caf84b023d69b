"""Core timings: load + validate, then a typical view of each page, without Streamlit."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from simatlas import charts, costs, fees, freshness, places, plans, policies, quality, schema, suitability
from simatlas.loader import load_dataset

T = TypeVar("T")


def timed(function: Callable[[], T], runs: int) -> tuple[list[float], T]:
    samples: list[float] = []
    result: T | None = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return samples, cast(T, result)  # None only for runs < 1, which no stage is timed with


def chart_bytes(chart) -> int:
    """Bytes of data a chart ships to the browser (its inline datasets)."""
    return len(json.dumps(chart.to_dict().get("datasets", {}), default=str))


def core_figures(data_dir: Path, runs: int) -> dict:
    load_samples, dataset = timed(lambda: load_dataset(data_dir), 1)
    hk = ("HK",) if "HK" in set(dataset.coverage["country"]) else (dataset.coverage["country"].iloc[0],)
    figures: dict = {"plans": len(dataset.plans), "load_validate_s": load_samples}

    def plans_view(countries=()):
        plan_filter = plans.PlanFilter(countries=countries)
        matched = plans.match_positions(dataset, plan_filter)
        shown = plans.rows(dataset, matched[: plans.TABLE_ROW_LIMIT], plan_filter.currency)
        table = plans.table_frame(shown, dataset, "en")
        points = plans.chart_points(shown, dataset)
        summary = plans.price_per_gb_by_country(dataset, matched, plan_filter.currency, countries, "en")
        return table, points, summary

    figures["plans_all_s"], (table, points, summary) = timed(plans_view, runs)
    figures["plans_hk_s"], _ = timed(lambda: plans_view(hk), runs)
    figures["plans_table_rows"] = len(table)
    figures["plans_chart_bytes"] = chart_bytes(charts.price_against_data(points, "USD", "en")) + chart_bytes(
        charts.price_per_gb_by_place(summary, "USD", "en"))
    def fresh(function):
        """Derived tables are memoised per dataset: time their computation, not the memo."""
        def call():
            dataset.memo.clear()
            return function()
        return call

    figures["countries_s"], _ = timed(fresh(lambda: places.overview(dataset, "USD", "en")), runs)
    figures["trip_hk_s"], _ = timed(fresh(
        lambda: costs.ranked_trip_options(dataset, costs.Trip(hk, 7, 5.0), "USD", "en", limit=300)), runs)
    figures["fees_hk_s"], _ = timed(lambda: fees.fee_breakdown(
        dataset, plans.filter_plans(dataset, plans.PlanFilter(countries=hk)), "USD", "en"), runs)

    def policy_view():
        rows = policies.policy_rows(dataset, "cancellation", policies.PolicyFilter(hk))
        return policies.channel_matrix(rows, schema.CANCEL_COLUMNS, "en")

    figures["cancellation_hk_s"], cells = timed(policy_view, runs)
    figures["cancellation_chart_bytes"] = chart_bytes(charts.channel_heatmap(cells, "en", "cancel.matrix"))
    figures["data_page_s"], _ = timed(fresh(lambda: data_page(dataset)), runs)
    return figures


def data_page(dataset) -> tuple:
    """Every table and chart frame the About-the-data page computes (its charts come after the
    coverage table, and its share box after the freshness tables: all of it is on the first open)."""
    on = suitability.today()
    return (quality.coverage_by_place(dataset, "en"), quality.freshness(dataset, "en"),
            quality.unknown_fields(dataset), freshness.price_changes_by_place(dataset, on, "en"),
            freshness.stale_by_place(dataset, on, "en"), freshness.recheck_next(dataset, on, "en"),
            quality.sources(dataset))
