"""The core of "Suggest a correction": a changed or new row, checked, as a reviewable diff.

A suggestion is validated exactly as `python -m simatlas validate` validates the data: the change is
written into a temporary copy of the data folder and `loader.load_dataset` reads it. So a
suggestion that passes here passes the command and the app, and the reviewer gets a unified diff of
the CSV file that applies with `git apply`. Nothing here writes to the real data folder.

Every changed row gets fresh provenance: the new source's address, `seen_on` = today, the source's
own date only when given, and a confidence (medium unless given).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from simatlas import schema
from simatlas.loader import DataError, load_dataset

DEFAULT_CONFIDENCE = "medium"
# Set through the arguments of a suggestion, never as the corrected column itself.
PROVENANCE_COLUMNS = schema.EVIDENCE


@dataclass(frozen=True)
class Suggestion:
    """What a correction would change; `problems` empty means it validates and can be proposed."""

    file: str
    diff: str = ""
    new_lines: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.problems


def _rejected(file: str, *problems: str) -> Suggestion:
    return Suggestion(file=file, problems=tuple(problems))


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


def _matches(header: list[str], cells: list[str], key: dict[str, str]) -> bool:
    row = dict(zip(header, cells, strict=False))
    return all(row.get(name, "").strip() == str(wanted).strip() for name, wanted in key.items())


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


def _suggestion(data_dir: Path, file: str, csv_file: _CsvFile, new_lines: list[str], changed: list[str]):
    diff = "".join(difflib.unified_diff(
        csv_file.lines, new_lines,
        fromfile=f"a/{data_dir.name}/{file}", tofile=f"b/{data_dir.name}/{file}",
    ))
    problems = _validate(data_dir, file, "".join(new_lines))
    return Suggestion(
        file=file, diff=diff, new_lines=tuple(line.rstrip("\r\n") for line in changed), problems=problems
    )


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
    quote: str | None = None, quote_lang: str | None = None,
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
    source = _source_problem(source_url)
    if source:
        problems.append(source)
    if problems:
        return _rejected(file, *problems)
    csv_file = _read(data_dir, file)
    if isinstance(csv_file, str):
        return _rejected(file, csv_file)
    matches = [record for record in csv_file.records if _matches(csv_file.header, record[2], key)]
    if len(matches) != 1:
        named = ", ".join(f"{name} = {wanted!r}" for name, wanted in key.items())
        what = "no row" if not matches else f"{len(matches)} rows"
        return _rejected(file, f"{what} in {file} with {named}")
    start, end, cells = matches[0]
    row = dict(zip(csv_file.header, cells, strict=False))
    row[column] = value.strip()
    row = _provenance(row, columns, source_url, today, source_date, confidence, quote, quote_lang)
    changed = [csv_file.render_row(row)]
    new_lines = csv_file.lines[:start] + changed + csv_file.lines[end:]
    return _suggestion(data_dir, file, csv_file, new_lines, changed)


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
    lines = list(csv_file.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += csv_file.newline  # a file without a final newline would glue the new row on
    changed = [csv_file.render_row(cells)]
    return _suggestion(data_dir, file, csv_file, lines + changed, changed)
