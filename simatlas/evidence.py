"""The source's own words: what a row's quote must hold, and how an amount is found in it.

Every row can carry `source_quote`, the sentence(s) of its cited page that state its facts, in the
page's language. The loader uses `states_amount` to check that a priced plan's quote contains its
price as pages write numbers (5 000, 5,000, 5.000, HK$98, ３９８０円); the pages show the quote
beside the fact, never translated.
"""

from __future__ import annotations

import re
import unicodedata

from simatlas import schema
from simatlas.i18n import field_name, format_list, language_name, t

# A number as pages write it: digit groups of three split by a space, no-break space, comma, dot or
# apostrophe, and an optional decimal part; or plain digits with an optional decimal part.
_NUMBER = re.compile(r"(?<![\d])(\d{1,3}(?:[ \u00a0\u202f,.'’]\d{3})+(?:[.,]\d{1,2})?"
                     r"|\d+(?:[.,]\d+)?)(?![\d])")
_GROUP_MARKS = " \u00a0\u202f,.'’"


def _readings(token: str) -> set[float]:
    """Every value a written number can mean: "5.000" is 5000 (grouped) or 5 (decimal)."""
    values: set[float] = set()
    # Read the last mark as a decimal point when 1–2 digits follow it, and the rest as grouping.
    decimal = re.fullmatch(r"(.*\d)[.,](\d{1,2})", token)
    if decimal:
        whole = decimal.group(1).translate({ord(mark): None for mark in _GROUP_MARKS})
        if whole.isdigit():
            values.add(float(f"{whole}.{decimal.group(2)}"))
    digits = token.translate({ord(mark): None for mark in _GROUP_MARKS})
    if digits.isdigit():
        values.add(float(digits))  # every mark a grouping mark
    plain = token.replace(",", ".")
    if re.fullmatch(r"\d+\.\d+", plain):
        values.add(float(plain))  # one mark, read as a decimal point ("5.000" = 5)
    return values


# Cents set as a superscript read as "4 99 €" once the page is text (German and French price tags).
_SUPERSCRIPT_CENTS = re.compile(r"(?<![\d])(\d+) (\d{2})\s*€")


# Ten thousands as Korean, Japanese and Chinese pages write them: 5만9000원 = 59,000; 1万5000円.
_TEN_THOUSANDS = re.compile(r"(?<![\d])(\d+)\s*[万萬만]\s*(\d{1,4})?(?![\d])")


def amounts_in(text: str) -> set[float]:
    """Every amount `text` can be read to state (full-width digits and spaces folded first)."""
    folded = unicodedata.normalize("NFKC", text)
    found: set[float] = set()
    for token in _NUMBER.findall(folded):
        found |= _readings(token)
    found |= {float(f"{whole}.{cents}") for whole, cents in _SUPERSCRIPT_CENTS.findall(folded)}
    found |= {int(high) * 10_000 + int(low or 0) for high, low in _TEN_THOUSANDS.findall(folded)}
    return found


def states_amount(quote: object, amount: float) -> bool:
    """The quote contains `amount` as some way of writing it (to the cent)."""
    if not isinstance(quote, str) or not quote.strip():
        return False
    return any(abs(value - amount) < 0.005 for value in amounts_in(quote))


def derived_columns(cell: object) -> list[str]:
    """The column names a row's `derived` cell lists (empty for an empty cell)."""
    return schema.list_items(cell)



def quote_lines(quote: object, quote_lang: object, derived: object, lang: str) -> list[str]:
    """What to show beside a source: «the page's own words» with their language named (never
    translated), and which cells were computed from them. Plain text: the edge escapes it."""
    if not isinstance(quote, str) or not quote.strip():
        return [t("evidence.no_quote", lang)]
    language = language_name(quote_lang, lang) if isinstance(quote_lang, str) else "?"
    lines = [t("evidence.says", lang, language=language, quote=quote.strip())]
    columns = derived_columns(derived)
    if columns:
        named = format_list([field_name(column, lang) for column in columns], lang)
        lines.append(t("evidence.derived", lang, columns=named))
    return lines
