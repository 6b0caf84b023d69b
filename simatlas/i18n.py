"""Text in two languages, and names and money as each locale writes them (CLDR through Babel).

Every user-visible string is a key of `simatlas.catalogue.TEXT`; `t()` looks it up. Country and
currency names and number formats are never hand-written: they come from CLDR.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from babel import Locale, dates, lists, numbers
from babel.core import get_global

from simatlas.catalogue import TEXT

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
MONEY_LOCALES = {"en": "en_001", "zh": "zh_Hans_CN"}
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


def column_name(column: str, lang: str) -> str:
    """A data column as a reader names it ("deposit" → "Deposit" / "押金"); the column itself when
    the catalogue has no name for it (a new column is still shown, never hidden)."""
    entry = TEXT.get(f"field.{column}")
    return t(f"field.{column}", lang) if entry else column


def field_name(field: str, lang: str) -> str:
    """"plans.deposit" → "Deposit · plans" / "押金 · 套餐"."""
    table, _, column = field.partition(".")
    if not column or f"table.{table}" not in TEXT:
        return column_name(field, lang)
    return t("field.label", lang, field=column_name(column, lang), table=t(f"table.{table}", lang))


def t_count(key: str, lang: str, count: int, /, **values: object) -> str:
    """The catalogue text for `count` things: `key.one` / `key.other` chosen by CLDR's plural rules for
    the language (Chinese has only "other"), so no text ever reads "1 days" or "month(s)"."""
    form = _locale(lang).plural_form(count)
    chosen = f"{key}.{form}" if f"{key}.{form}" in TEXT else f"{key}.other"
    return t(chosen, lang, count=count, **values)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def language_name(code: str, lang: str) -> str:
    """A quote's language as the reader says it: "French" / "法语", "Chinese (Traditional)" / "繁体中文"."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(_locale(lang)) or code
    except (ValueError, TypeError, LookupError):
        return code


def country_name(code: str, lang: str) -> str:
    return str(_locale(lang).territories.get(code, code))


def currency_name(code: str, lang: str) -> str:
    return str(_locale(lang).currencies.get(code, code))


def money_decimals(currency: str) -> int:
    """How many decimals an amount in `currency` is shown with, everywhere (prose, tables, charts).

    CLDR's cash digits: what prices and receipts are written in. Most currencies have 2; JPY, KRW,
    XPF, VUV have none, and IDR, TWD, HUF are written in whole units although their accounting
    unit has cents (CLDR `currencyData`: digits 2, cashDigits 0).
    """
    fractions = get_global("currency_fractions")
    _digits, _rounding, cash_digits, _cash_rounding = fractions.get(currency) or fractions["DEFAULT"]
    return int(cash_digits)


def money_printf(currency: str) -> str:
    """A table column's number format (printf, as st.column_config.NumberColumn takes it), grouped
    in thousands ("5,900") as prose and charts write it; Streamlit's printf takes `,` for that."""
    return f"%,.{money_decimals(currency)}f"


def money_d3(currency: str) -> str:
    """A chart axis's or tooltip's number format (d3-format, as Vega-Lite takes it)."""
    return f",.{money_decimals(currency)}f"


def format_money(amount: float | None, currency: str, lang: str) -> str:
    """Money as the locale writes it, with the currency's own decimals (`money_decimals`), so an
    amount reads the same in a sentence, a table and a chart; None or NaN (unknown) becomes the word
    for unknown."""
    if amount is None or amount != amount or not currency or currency != currency:
        return t("value.unknown", lang)
    return _formatted_money(float(amount), currency, lang)


# A Babel call is slow next to a look-up, and a page shows the same few hundred amounts every rerun.
@lru_cache(maxsize=1 << 16)
def _formatted_money(amount: float, currency: str, lang: str) -> str:
    locale = _money_locale(lang)
    return numbers.format_currency(amount, currency, format=_money_pattern(lang, currency),
                                   locale=locale, currency_digits=False)


@cache
def _money_locale(lang: str) -> Locale:
    # English money is written as international English (en_001) writes it: US$ and JP¥, never a
    # bare $ or ¥ that a reader of HK$ and CN¥ prices could take for another dollar or yen.
    return Locale.parse(MONEY_LOCALES.get(lang, MONEY_LOCALES[DEFAULT_LANGUAGE]))


@cache
def _money_pattern(lang: str, currency: str) -> str:
    """The locale's currency pattern (where the symbol goes, how digits group) with the currency's
    decimals, and CLDR's currency spacing: a no-break space between a symbol ending in a letter and
    the digits ("CFPF 5,900", "IDR 150,000"; "HK$12.50" stays tight). Babel does not apply it."""
    locale = _money_locale(lang)
    pattern: str = locale.currency_formats["standard"].pattern.split(";")[0]
    decimals = money_decimals(currency)
    number = pattern.strip("¤\u00a0 ")
    shaped = number.split(".")[0] + ("." + "0" * decimals if decimals else "")
    symbol = numbers.get_currency_symbol(currency, locale=locale)
    if not pattern.startswith("¤"):  # symbol after the number: such CLDR patterns already space it
        return shaped + "\u00a0¤"
    gap = "" if unicodedata.category(symbol[-1]).startswith("S") else "\u00a0"
    return "¤" + gap + shaped


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    if value is None or value != value:
        return t("value.unknown", lang)
    return _formatted_number(round(float(value), digits), lang)


@lru_cache(maxsize=1 << 16)
def _formatted_number(value: float, lang: str) -> str:
    return numbers.format_decimal(value, locale=_locale(lang))


# Chinese names sort by pinyin, as a Chinese reader looks them up. Babel has no collation; GB 2312
# orders its 3,755 level-1 (common) characters by pinyin, so its byte order is a pinyin order for them
# (stdlib codec, no dependency). The few level-2 characters in CLDR's Chinese place names sort as a
# level-1 homophone; a test checks that every character of those names is covered. Anything else
# (traditional characters, rare ones) sorts after, by code point.
_ZH_SORT_AS = {"斐": "非", "梵": "饭", "汶": "问", "珀": "破", "瑙": "脑"}


@cache
def _zh_char_key(char: str) -> tuple[int, bytes]:
    char = _ZH_SORT_AS.get(char, char)
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return (2, char.encode("utf-8"))
    if len(encoded) == 1:  # Latin letters and digits first, as in a pinyin index
        return (0, char.casefold().encode("ascii"))
    return (1, encoded)


def collation_key(text: str, lang: str) -> tuple:
    """A sort key for names in `lang`: pinyin order in Chinese, accents ignored in English."""
    if lang == "zh":
        return tuple(_zh_char_key(char) for char in text)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return (plain.casefold(), text)


def sorted_places(codes: Iterable[str], lang: str) -> list[str]:
    """Place codes in the order of their names in `lang` (阿根廷, 澳大利亚, 法国… in Chinese)."""
    return sorted(codes, key=lambda code: collation_key(country_name(code, lang), lang))


def format_list(items: list[str], lang: str) -> str:
    """"a, b and c" / "a、b和c", as CLDR writes a list in the locale."""
    return lists.format_list(items, locale=_locale(lang)) if items else ""


SOURCE_DATE_SKELETONS = {4: "y", 7: "yMMM", 10: "yMMMd"}  # YYYY, YYYY-MM, YYYY-MM-DD


def format_source_date(text: str, lang: str) -> str:
    """A source's own date at the precision it states: "2024", "May 2024", "5 Oct 2023" (2024年5月…).
    No day or month is shown that the source did not give."""
    padded = text + "-01-01"[len(text) - 4:] if len(text) < 10 else text
    skeleton = SOURCE_DATE_SKELETONS.get(len(text), "yMMMd")
    return dates.format_skeleton(skeleton, dt.date.fromisoformat(padded), locale=_locale(lang))
