"""Sentences that say what a filtered view shows, generated from the same filter state."""

from __future__ import annotations

from collections.abc import Mapping

from simatlas.i18n import country_name, format_list, format_money, format_number, t, t_count
from simatlas.plans import PlanFilter

MAX_NAMED = 4  # beyond this, "5 places" reads better than a list


def describe_plans(
    plan_filter: PlanFilter, count: int, lang: str, operator_names: Mapping[str, str]
) -> str:
    """E.g. "12 eSIM plans in Hong Kong under HK$100, price per GB, cheapest first"."""
    kinds = []
    if plan_filter.sim != "any":
        kinds.append(t(f"sim.{plan_filter.sim}", lang))
    if plan_filter.billing != "any":
        kinds.append(t(f"billing.{plan_filter.billing}", lang))
    noun = t_count("describe.plan", lang, count)
    kinds_text = " ".join([*kinds, noun])

    if not plan_filter.countries:
        places = t("describe.all_places", lang)
    elif len(plan_filter.countries) > MAX_NAMED:
        places = t("describe.n_places", lang, count=len(plan_filter.countries))
    else:
        places = format_list([country_name(code, lang) for code in plan_filter.countries], lang)

    conditions = []
    if plan_filter.operators:
        names = [operator_names.get(op, op) for op in plan_filter.operators[:MAX_NAMED]]
        conditions.append(t("describe.operators", lang, operators=format_list(names, lang)))
    if plan_filter.max_price is not None:
        price = format_money(plan_filter.max_price, plan_filter.currency, lang)
        conditions.append(t("describe.under", lang, price=price))
    if plan_filter.min_gb > 0:
        conditions.append(t("describe.min_gb", lang, gb=format_number(plan_filter.min_gb, lang)))
    if plan_filter.min_days > 0:
        conditions.append(t("describe.min_days", lang, days=plan_filter.min_days))
    features = [t(f"plans.{flag}", lang) for flag in plan_filter.needs]
    if features:
        conditions.append(t("describe.with", lang, features=format_list(features, lang)))

    sentence = t(
        "describe.plans", lang,
        count=count, kinds=kinds_text, places=places,
        conditions="".join(conditions).rstrip() if lang == "zh" else "".join(conditions),
        sort=t(f"sort.{plan_filter.sort}", lang),
    )
    return sentence[0].upper() + sentence[1:] if lang == "en" else sentence


def widening_hints(plan_filter: PlanFilter, lang: str) -> str:
    """For an empty result: which filters to loosen, only those actually set."""
    hints = []
    if plan_filter.countries:
        hints.append("hint.country")
    if plan_filter.operators:
        hints.append("hint.operator")
    if plan_filter.sim != "any":
        hints.append("hint.sim")
    if plan_filter.billing != "any":
        hints.append("hint.billing")
    if plan_filter.min_gb > 0:
        hints.append("hint.min_gb")
    if plan_filter.min_days > 0:
        hints.append("hint.min_days")
    if plan_filter.max_price is not None:
        hints.append("hint.max_price")
    if plan_filter.needs:
        hints.append("hint.flags")
    separator = "；" if lang == "zh" else "; "
    return separator.join(t(key, lang) for key in hints)
