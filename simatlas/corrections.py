"""The core of "Suggest a correction": a changed or new row, checked, as a reviewable diff.

A suggestion is validated by the rules `python -m simatlas validate` applies. With the dataset the
app has loaded, only the changed row is checked — its cells, the row's own rules (a quote for every
"yes", the price in the quote …) and its references against the loaded tables — so a check costs the
same at a hundred plans or a million, and nothing is copied. Without it (the command line), the
change is written into a temporary copy of the data folder and the whole folder is loaded. Either
way the reviewer gets a unified diff of the CSV file that applies with `git apply`. Nothing here
writes to the real data folder.

What a reader typed is checked first, field by field, every problem at once, each with a code the
page words in the reader's language (`FieldProblem`); the validator's own messages follow only when
those pass.

Every changed row gets fresh provenance: the new source's address, `seen_on` = today, the source's
own date only when given, and a confidence (medium unless given).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simatlas import evidence, loader, schema
from simatlas.loader import DataError, Dataset, load_dataset

DEFAULT_CONFIDENCE = "medium"
# Set through the arguments of a suggestion, never as the corrected column itself.
PROVENANCE_COLUMNS = schema.EVIDENCE


@dataclass(frozen=True)
class FieldProblem:
    """A problem with what the reader typed: a code (`correct.problem.<code>` in the catalogue) and
    the values its sentence names. `str()` is the English sentence, for the command line and logs."""

    code: str
    column: str = ""
    detail: str = ""

    def __str__(self) -> str:
        return f"column {self.column!r}: " + _ENGLISH[self.code].format(detail=self.detail)


# The English of each code (the command line, logs); the page words them from the catalogue.
_ENGLISH = {
    "key_column": "names the row; a correction changes a fact of the row, not which row it is",
    "number": "must be a number, found {detail!r}",
    "integer": "must be a whole number, found {detail!r}",
    "date": "must be a real date (YYYY-MM-DD, or YYYY-MM or YYYY where allowed), found {detail!r}",
    "url": "must be an http(s):// address, found {detail!r}",
    "source": "must be an http(s):// address, found {detail!r}",
    "quote_lang": "the source's words and their language come together",
    "lang_code": "must be a language code such as en, fr, zh-Hant; found {detail!r}",
    "quote_needed": "needs the source's own words that state it",
    "price_not_in_quote": "must contain the price {detail} as the page writes it",
}


@dataclass(frozen=True)
class Suggestion:
    """What a correction would change; `problems` empty means it validates and can be proposed.
    `field_problems`: the reader's own typing, coded (their sentences are among `problems` too)."""

    file: str
    diff: str = ""
    new_lines: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    field_problems: tuple[FieldProblem, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.problems


def _rejected(file: str, *problems: str) -> Suggestion:
    return Suggestion(file=file, problems=tuple(problems))


def _rejected_fields(file: str, problems: list[FieldProblem]) -> Suggestion:
    return Suggestion(file=file, problems=tuple(str(problem) for problem in problems),
                      field_problems=tuple(problems))


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_INTEGER = re.compile(r"^-?\d+$")


def field_problems(file: str, column: str, value: str, source_url: str, source_date: str | None,
                   quote: str | None, quote_lang: str | None, row: dict[str, str]) -> list[FieldProblem]:
    """Every problem with what the reader typed, at once: the value for its column's kind, the
    source's address and date, the quote and its language, and the words a fact needs (a "yes", who
    can buy a plan, a price — the row's price too, since the new source becomes the row's)."""
    spec = {spec.name: spec for spec in schema.FILES[file]}[column]
    value, quote, quote_lang = value.strip(), (quote or "").strip(), (quote_lang or "").strip()
    problems: list[FieldProblem] = []
    if column in schema.row_key(file):
        problems.append(FieldProblem("key_column", column))
    if value and spec.kind == "number" and not _NUMBER.match(value):
        problems.append(FieldProblem("number", column, value))
    if value and spec.kind == "integer" and not _INTEGER.match(value):
        problems.append(FieldProblem("integer", column, value))
    if value and spec.kind in ("date", "partial_date") and not _real_date(value, spec.kind == "date"):
        problems.append(FieldProblem("date", column, value))
    if value and spec.kind == "url" and not re.match(schema.URL_PATTERN, value):
        problems.append(FieldProblem("url", column, value))
    if not re.match(schema.URL_PATTERN, source_url.strip()):
        problems.append(FieldProblem("source", "source_url", source_url.strip()))
    if source_date and source_date.strip() and not _real_date(source_date.strip(), False):
        problems.append(FieldProblem("date", "source_date", source_date.strip()))
    if bool(quote) != bool(quote_lang):
        problems.append(FieldProblem("quote_lang", "source_lang" if quote else "source_quote"))
    elif quote_lang and not re.match(schema.LANG_PATTERN, quote_lang):
        problems.append(FieldProblem("lang_code", "source_lang", quote_lang))
    if not quote and (needing := _facts_needing_words(file, {**row, column: value})):
        # the corrected fact if it needs them, else the first of the row's that does
        problems.append(FieldProblem("quote_needed", column if column in needing else needing[0]))
    price = value if column == "price" else row.get("price", "")
    if quote and file == "plans.csv" and price and _NUMBER.match(price.strip()) \
            and not evidence.states_amount(quote, float(price)):
        problems.append(FieldProblem("price_not_in_quote", "source_quote", f"{float(price):g}"))
    return problems


def _facts_needing_words(file: str, row: dict[str, str]) -> list[str]:
    """The row's cells that the validator wants a quote for: every "yes", who can buy a plan, a price."""
    specs = schema.FILES[file]
    plan_facts = ("audience", "price") if file == "plans.csv" else ()
    return [spec.name for spec in specs
            if (spec.kind == "tri" and row.get(spec.name, "").strip() == "yes")
            or (spec.name in plan_facts and row.get(spec.name, "").strip())]


def _real_date(text: str, whole: bool) -> bool:
    """YYYY-MM-DD (`whole`), or also YYYY-MM or YYYY, naming a real day or month."""
    pattern = r"^\d{4}-\d{2}-\d{2}$" if whole else schema.PARTIAL_DATE_PATTERN
    if not re.match(pattern, text):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _source_problem(source_url: str) -> str | None:
    """Only an http(s) page is a source; javascript:, data:, ftp: and the like never are."""
    if re.match(schema.URL_PATTERN, source_url.strip()):
        return None
    return f"column 'source_url': must be an http(s):// address, found {source_url!r}"


@dataclass(frozen=True)
class _CsvFile:
    """A CSV file as its raw lines plus, per record, the span of lines it occupies."""

    lines: list[str]
    header: list[str]
    records: list[tuple[int, int, list[str]]]  # (first line, end line exclusive, cells)
    newline: str

    @classmethod
    def read(cls, path: Path) -> _CsvFile:
        text = path.read_bytes().decode("utf-8-sig")  # bytes: keep each line's own ending (CRLF or LF)
        lines = text.splitlines(keepends=True)
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        records, start = [], reader.line_num
        for cells in reader:
            records.append((start, reader.line_num, cells))
            start = reader.line_num
        newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        return cls(lines=lines, header=header, records=records, newline=newline)

    def render_row(self, row: dict[str, str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=self.newline).writerow([row.get(name, "") for name in self.header])
        return buffer.getvalue()


def _read(data_dir: Path, file: str) -> _CsvFile | str:
    """The file, or why it cannot be read (the validate command gives the details)."""
    try:
        return _CsvFile.read(data_dir / file)
    except (OSError, UnicodeDecodeError, StopIteration, csv.Error) as error:
        return f"{file} cannot be read ({type(error).__name__}); run python -m simatlas validate"


def _records_with(csv_file: _CsvFile, key: dict[str, str]) -> list[tuple[int, int, list[str]]]:
    """The records whose key cells are `key` (each cell compared as text, spaces around ignored)."""
    wanted = [(csv_file.header.index(name), str(value).strip()) for name, value in key.items()
              if name in csv_file.header]
    if len(wanted) != len(key):
        return []
    return [record for record in csv_file.records
            if all(index < len(record[2]) and record[2][index].strip() == value for index, value in wanted)]


def _check_file(file: str) -> str | None:
    if file not in schema.FILES:
        return f"unknown file {file!r}; one of: {', '.join(schema.FILES)}"
    return None


def _validate(data_dir: Path, file: str, new_text: str) -> tuple[str, ...]:
    """Problems of the data folder with `file` replaced by `new_text`, as the validate command says them."""
    with tempfile.TemporaryDirectory(prefix="simatlas-correction-") as folder:
        copy = Path(folder) / data_dir.name
        copy.mkdir()
        for name in schema.FILES:
            if (data_dir / name).is_file():
                shutil.copy2(data_dir / name, copy / name)
        (copy / file).write_bytes(new_text.encode("utf-8"))
        try:
            load_dataset(copy)
        except DataError as error:
            return tuple(str(problem) for problem in error.problems)
    return ()


def check_row(dataset: Dataset, file: str, header_line: str, row_line: str, line: int) -> tuple[str, ...]:
    """The validator's problems with one row of `file` as it would be written at `line`, against the
    loaded `dataset`: its cells, the rules a row answers for on its own, and its references (an
    operator id, a plan id) against the loaded tables. The whole folder is never read or copied."""
    try:
        table, problems = loader.parse_table(file, loader.read_text(file, header_line + row_line))
    except DataError as error:
        problems = list(error.problems)
    if not problems:
        tables = {name: pd.DataFrame({spec.name: pd.Series(dtype=object) for spec in specs})
                  for name, specs in schema.FILES.items()}
        tables[file] = table
        problems = loader.foreign_key_problems({file: table}, dataset_tables(dataset)) \
            + loader.row_rule_problems(tables)
    own_line = loader.FIRST_DATA_LINE
    return tuple(str(dataclasses.replace(problem, line=line if problem.line == own_line else problem.line))
                 for problem in problems)


def dataset_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The loaded dataset's tables by file name (a reference check reads their id columns)."""
    return {file: dataset.table(file) for file in schema.FILES}


def _suggestion(data_dir: Path, file: str, csv_file: _CsvFile, start: int, end: int, changed: list[str],
                problems: tuple[str, ...] | None = None) -> Suggestion:
    """The lines `start:end` of the file replaced by `changed` (an append when start == end == the
    number of lines), as a unified diff, with the problems found (the whole folder checked when no
    row-level `problems` are given)."""
    new_lines = csv_file.lines[:start] + changed + csv_file.lines[end:]
    diff = _hunk(csv_file.lines, start, end, changed, f"{data_dir.name}/{file}")
    if problems is None:
        problems = _validate(data_dir, file, "".join(new_lines))
    return Suggestion(
        file=file, diff=diff, new_lines=tuple(line.rstrip("\r\n") for line in changed), problems=problems
    )


CONTEXT_LINES = 3  # as `diff -u` and git


def _hunk(lines: list[str], start: int, end: int, changed: list[str], path: str) -> str:
    """The unified diff of one change, written from the lines around it: the cost of a correction's
    diff does not grow with the file (difflib would compare every line of a million-row file)."""
    first = max(0, start - CONTEXT_LINES)
    before, after = lines[first:start], lines[end:end + CONTEXT_LINES]
    old, new = [*before, *lines[start:end], *after], [*before, *changed, *after]

    def span(count: int) -> str:
        return f"{first + 1 if count else first},{count}"

    body = [f"--- a/{path}\n", f"+++ b/{path}\n", f"@@ -{span(len(old))} +{span(len(new))} @@\n"]
    body += [_diff_line(" ", line) for line in before]
    body += [_diff_line("-", line) for line in lines[start:end]]
    body += [_diff_line("+", line) for line in changed]
    body += [_diff_line(" ", line) for line in after]
    return "".join(body)


def _diff_line(mark: str, line: str) -> str:
    return mark + line if line.endswith("\n") else f"{mark}{line}\n\\ No newline at end of file\n"


def _provenance(row: dict[str, str], columns: list[str], source_url: str, today: dt.date,
                source_date: str | None, confidence: str | None,
                quote: str | None = None, quote_lang: str | None = None) -> dict[str, str]:
    fresh = {
        "source_url": source_url.strip(),
        "seen_on": today.isoformat(),
        # The old source's date, words and derivations say nothing about the new source: each is
        # empty unless the new source gives it (the validator then asks for the words a fact needs).
        "source_date": (source_date or "").strip(),
        "source_quote": " ".join((quote or "").split()),
        "source_lang": (quote_lang or "").strip(),
        "derived": "",
        "confidence": (confidence or DEFAULT_CONFIDENCE).strip(),
    }
    return {**row, **{name: value for name, value in fresh.items() if name in columns}}


def correct_value(
    data_dir: Path, file: str, key: dict[str, str], column: str, value: str, source_url: str,
    today: dt.date, source_date: str | None = None, confidence: str | None = None,
    quote: str | None = None, quote_lang: str | None = None, dataset: Dataset | None = None,
) -> Suggestion:
    """Change one cell of the row named by `key` (e.g. {"plan_id": "x"}) and check the result.

    Rejected without a diff: an unknown file, column or row, a key that is not the file's row key,
    a provenance column as the target, a source that is not an http(s) address. Otherwise the
    diff is returned, with the validator's problems (if any) naming file, line and column.
    """
    problem = _check_file(file)
    if problem:
        return _rejected(file, problem)
    columns = [spec.name for spec in schema.FILES[file]]
    problems = []
    if column not in columns:
        problems.append(f"column {column!r}: not a column of {file}")
    elif column in PROVENANCE_COLUMNS:
        problems.append(f"column {column!r}: set through the source of the correction, not as a value")
    expected_key = schema.row_key(file)
    if sorted(key) != sorted(expected_key):
        given = ", ".join(key) or "nothing"
        problems.append(f"a row of {file} is named by {', '.join(expected_key)}; got {given}")
    if problems:
        return _rejected(file, *problems)
    csv_file = _read(data_dir, file)
    if isinstance(csv_file, str):
        return _rejected(file, csv_file)
    matches = _records_with(csv_file, key)
    if len(matches) != 1:
        named = ", ".join(f"{name} = {wanted!r}" for name, wanted in key.items())
        what = "no row" if not matches else f"{len(matches)} rows"
        return _rejected(file, f"{what} in {file} with {named}")
    start, end, cells = matches[0]
    row = dict(zip(csv_file.header, cells, strict=False))
    typed = field_problems(file, column, value, source_url, source_date, quote, quote_lang, row)
    if typed:
        return _rejected_fields(file, typed)
    row[column] = value.strip()
    row = _provenance(row, columns, source_url, today, source_date, confidence, quote, quote_lang)
    changed = [csv_file.render_row(row)]
    if dataset is not None:
        checked = check_row(dataset, file, csv_file.lines[0], changed[0], line=start + 1)
        return _suggestion(data_dir, file, csv_file, start, end, changed, checked)
    return _suggestion(data_dir, file, csv_file, start, end, changed)


def add_row(
    data_dir: Path, file: str, row: dict[str, str], today: dt.date, confidence: str | None = None,
) -> Suggestion:
    """Append a new row (e.g. a plan: every column it has a source for) and check the result.

    Columns not given stay empty (unknown); `seen_on` is today and the confidence medium unless
    given. Rejected without a diff: an unknown file or column, a source that is not http(s).
    """
    problem = _check_file(file)
    if problem:
        return _rejected(file, problem)
    columns = [spec.name for spec in schema.FILES[file]]
    problems = [f"column {name!r}: not a column of {file}" for name in row if name not in columns]
    source = _source_problem(str(row.get("source_url", "")))
    if source:
        problems.append(source)
    if problems:
        return _rejected(file, *problems)
    cells = {name: str(value).strip() for name, value in row.items()}
    cells = _provenance(
        cells, columns, cells["source_url"], today, cells.get("source_date"),
        confidence or cells.get("confidence"), cells.get("source_quote"), cells.get("source_lang"),
    )
    csv_file = _read(data_dir, file)
    if isinstance(csv_file, str):
        return _rejected(file, csv_file)
    changed = [csv_file.render_row(cells)]
    end = len(csv_file.lines)
    if csv_file.lines and not csv_file.lines[-1].endswith(("\n", "\r")):
        # a file without a final newline would glue the new row on: its last line changes too
        return _suggestion(data_dir, file, csv_file, end - 1, end,
                           [csv_file.lines[-1] + csv_file.newline, *changed])
    return _suggestion(data_dir, file, csv_file, end, end, changed)
