"""From "this fact is wrong" to a message the maintainers can act on, without a server that stores it.

A reader picks a fact of one row (`Target`), gives the new value and its source; `simatlas.corrections`
checks it and returns a diff. This module says which facts of a row can be corrected, and turns a
checked suggestion into text to paste into a pull request or an e-mail, and a `mailto:` link with that
text prefilled. Nothing is sent or stored here: the reader's own mail program or pull request does that.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pandas as pd

from simatlas import schema
from simatlas.arrays import is_missing
from simatlas.corrections import Suggestion
from simatlas.i18n import t

CORRECTIONS_EMAIL_ENV = "SIMATLAS_CORRECTIONS_EMAIL"
PATCH_FILE_NAME = "simatlas-correction.patch"
# Set from the correction's own source, or not facts of the row (notes, a disagreeing source).
NOT_CORRECTABLE = frozenset(schema.PROVENANCE)
# A plain address only: it goes into a mailto: link and is shown on the page.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def correctable_columns(file: str) -> list[str]:
    """The facts of a row of `file` a reader can correct: every column but the row's key, its references
    to other files and its provenance (which a correction sets from its own source)."""
    key = set(schema.row_key(file))
    return [spec.name for spec in schema.FILES[file]
            if spec.name not in key and spec.name not in NOT_CORRECTABLE and spec.kind != "ref"]


def cell_text(value: object) -> str:
    """A loaded cell as the CSV writes it: "" for unknown, 5900 rather than 5900.0."""
    if value is None or (not isinstance(value, str) and is_missing(value)) or value == "unknown":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Target:
    """One row a reader may correct: its file, the key that names it, a label, and its facts' values."""

    file: str
    key: tuple[tuple[str, str], ...]
    label: str
    current: tuple[tuple[str, str], ...]  # (column, value as the CSV has it; "" = unknown)

    @classmethod
    def of_row(cls, file: str, row: Mapping[str, object] | pd.Series, label: str) -> Target:
        key = tuple((name, cell_text(row[name])) for name in schema.row_key(file))
        current = tuple((column, cell_text(row.get(column))) for column in correctable_columns(file))
        return cls(file=file, key=key, label=label, current=current)

    @property
    def key_dict(self) -> dict[str, str]:
        return dict(self.key)

    @property
    def key_text(self) -> str:
        """The row as a reviewer names it: "hk-csl prepaid", "nc-opt-forfait-m-5h"."""
        return " ".join(value for _, value in self.key)

    @property
    def slug(self) -> str:
        """A stable, widget-key-safe name of the row."""
        return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{self.file}.{'.'.join(v for _, v in self.key)}")


def changed_lines(diff: str) -> str:
    """Only the lines of a unified diff that change (and its file names): what a reviewer reads first."""
    return "".join(line for line in diff.splitlines(keepends=True)
                   if line.startswith(("-", "+")) and not line.startswith("@@"))


def message(suggestion: Suggestion, target: Target, column: str, value: str, source_url: str,
            source_date: str | None, lang: str) -> tuple[str, str]:
    """(subject, body) of a correction, ready for a pull request or an e-mail to the maintainers."""
    subject = t("correct.mail_subject", lang, file=target.file, row=target.key_text)
    body = t(
        "correct.mail_body", lang, file=target.file, row=target.key_text, column=column,
        value=value.strip() or t("correct.empty_value", lang), source=source_url.strip(),
        date=(source_date or "").strip() or t("correct.no_date", lang), patch=PATCH_FILE_NAME,
    )
    return subject, f"{body}\n\n{changed_lines(suggestion.diff)}"


def corrections_address(environ: Mapping[str, str] | None = None) -> str | None:
    """The maintainers' address from SIMATLAS_CORRECTIONS_EMAIL; None when unset or not a plain address."""
    address = (os.environ if environ is None else environ).get(CORRECTIONS_EMAIL_ENV, "").strip()
    return address if _EMAIL.match(address) else None


def mailto_url(address: str, subject: str, body: str) -> str:
    """A mailto: link with subject and body prefilled, every part percent-encoded (RFC 6068)."""
    query = urlencode({"subject": subject, "body": body.replace("\n", "\r\n")}, quote_via=quote)
    return f"mailto:{quote(address, safe='@')}?{query}"
