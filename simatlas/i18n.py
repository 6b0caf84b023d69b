"""Text in two languages, and names and money as each locale writes them (CLDR through Babel).

Every user-visible string is a key of `simatlas.catalogue.TEXT`; `t()` looks it up. Country and
currency names and number formats are never hand-written: they come from CLDR.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale, dates, lists, numbers

from simatlas.catalogue import TEXT

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
DEFAULT_LANGUAGE = "en"


def language_for_locale(browser_locale: str | None) -> str:
    """The language to use when a link has no `lang`: the browser's if we have it, else English."""
    if browser_locale and browser_locale.lower().startswith("zh"):
        return "zh"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str, /, **values: object) -> str:
    """The catalogue text for `key` in `lang`, with `{placeholders}` filled in."""
    entry = TEXT[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def t_count(key: str, lang: str, count: int, /, **values: object) -> str:
    """The catalogue text for `count` things: `key.one` / `key.other` chosen by CLDR's plural rules for
    the language (Chinese has only "other"), so no text ever reads "1 days" or "month(s)"."""
    form = _locale(lang).plural_form(count)
    chosen = f"{key}.{form}" if f"{key}.{form}" in TEXT else f"{key}.other"
    return t(chosen, lang, count=count, **values)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def country_name(code: str, lang: str) -> str:
    return _locale(lang).territories.get(code, code)


def currency_name(code: str, lang: str) -> str:
    return _locale(lang).currencies.get(code, code)


def format_money(amount: float | None, currency: str, lang: str) -> str:
    """Money as the locale writes it; None or NaN (unknown) becomes the word for unknown."""
    if amount is None or amount != amount or not currency or currency != currency:
        return t("value.unknown", lang)
    return _formatted_money(float(amount), currency, lang)


# Babel takes ~0.1 ms a call; a page shows the same few hundred amounts on every rerun.
@lru_cache(maxsize=1 << 16)
def _formatted_money(amount: float, currency: str, lang: str) -> str:
    # Whole units from 100 up (cents there are noise), and always for currencies CLDR gives no minor
    # unit (JPY, KRW, XPF, VUV…).
    if abs(amount) >= 100 or numbers.get_currency_precision(currency) == 0:
        return numbers.format_currency(
            round(amount), currency, format=_whole_number_pattern(lang),
            locale=_locale(lang), currency_digits=False,
        )
    return numbers.format_currency(amount, currency, locale=_locale(lang))


@cache
def _whole_number_pattern(lang: str) -> str:
    pattern = _locale(lang).currency_formats["standard"].pattern
    return pattern.replace(".00", "").replace(".##", "")


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    if value is None or value != value:
        return t("value.unknown", lang)
    return _formatted_number(round(float(value), digits), lang)


@lru_cache(maxsize=1 << 16)
def _formatted_number(value: float, lang: str) -> str:
    return numbers.format_decimal(value, locale=_locale(lang))


def format_list(items: list[str], lang: str) -> str:
    """"a, b and c" / "a、b和c", as CLDR writes a list in the locale."""
    return lists.format_list(items, locale=_locale(lang)) if items else ""


def format_month(date: dt.date, lang: str) -> str:
    """"Oct 2019" / "2019年10月": a source's age is stated to the month, as people say it."""
    return dates.format_skeleton("yMMM", date, locale=_locale(lang))
