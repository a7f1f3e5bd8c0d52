"""KPI measurements from CSV files beside a journey (what a BI export produces), each problem located at its row
and column like a YAML problem.

    maps/<journey>.csv          columns kpi, date, value and optionally source, note: any KPI of the journey
    maps/<journey>.<kpi>.csv    columns date, value and optionally source, note: that one KPI

A header names the columns in any order, in English or German (`datum`, `wert`, …); the delimiter is a comma, a
semicolon (then `31,5` is a decimal comma, as spreadsheets in German write it) or a tab. Dates are YYYY-MM-DD or
DD.MM.YYYY. The rows join the KPI's `history` before the journey is validated, so the site knows no difference.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fields import slugify
from .messages import t
from .problems import Problem
from .text_checks import LineIndex, capped, decode, invisible_characters, invisible_problem
from .validation import did_you_mean

COLUMNS = {"kpi": ("kpi", "kennzahl"), "date": ("date", "datum"), "value": ("value", "wert"),
           "source": ("source", "quelle"), "note": ("note", "notiz", "anmerkung")}
"""Each column and the header names it may have (case and surrounding spaces ignored)."""
DELIMITERS = ",;\t"
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Table:
    """A CSV file of measurements: its name as problems give it, its bytes, and the KPI it is for (None: a `kpi`
    column says, row by row)."""

    file: str
    raw: bytes
    kpi: str | None


def tables_by_journey(folder: Path) -> dict[str, list[Path]]:
    """The CSV files of measurements in the journeys folder, in name order, by the journey file stem they belong to
    (one listing of the folder for all journeys)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        found.setdefault(path.stem.split(".", 1)[0], []).append(path)
    return found


def kpi_of(path: Path, journey_file: Path) -> str | None:
    """The KPI a table is for, from its name (`<journey>.<kpi>.csv`); None for the journey's own table."""
    return path.stem[len(journey_file.stem) + 1:] or None


def merge_measurements(data: object, tables: list[Table], max_bytes: int) -> list[Problem]:
    """Add each table's rows to the `history` of its KPI in a journey's YAML `data`; the problems of the rows left
    out. Rows equal to a measurement already there are left out without a problem."""
    kpis = _kpis(data)
    problems: list[Problem] = []
    for table in tables:
        problems += _merge(table, kpis, max_bytes)
    return problems


def _kpis(data: object) -> dict[str, dict[str, Any]]:
    """KPI id (given, or from its name) → its YAML mapping, for the KPIs whose `history` is a list or absent."""
    entries = data.get("kpis") if isinstance(data, dict) else None
    found: dict[str, dict[str, Any]] = {}
    for kpi in entries if isinstance(entries, list) else []:
        if not isinstance(kpi, dict) or not isinstance(kpi.setdefault("history", []), list):
            continue
        name = kpi.get("id") or (slugify(str(kpi["name"])) if kpi.get("name") else None)
        if name:
            found[str(name)] = kpi
    return found


def _merge(table: Table, kpis: dict[str, dict[str, Any]], max_bytes: int) -> list[Problem]:
    if table.kpi and table.kpi not in kpis:
        return [Problem(table.file, message=t("is named for the KPI `{id}`, which this journey does not have", id=table.kpi),
                        hint=_kpi_hint(table.kpi, kpis))]
    text, problems = decode(table.raw, table.file, max_bytes)
    if text is None:
        return problems
    lines = LineIndex(text)
    hidden = capped([invisible_problem(table.file, line, column, char) for line, column, char in invisible_characters(lines)])
    if hidden:
        return hidden
    control = _CONTROL.search(text)
    if control:
        return [Problem(table.file, *lines.position(control.start()), "",
                        t("contains the control character U+{code:04X}", code=ord(control.group())),
                        t("delete it: a measurement is plain text"))]
    try:
        rows = list(_rows(text))
    except csv.Error as exc:
        return [Problem(table.file, message=t("cannot be read as CSV: {reason}", reason=str(exc)),
                        hint=t("save it as CSV (comma- or semicolon-separated) from the spreadsheet or BI tool"))]
    if not rows:
        return [Problem(table.file, message=t("is empty"), hint=_header_hint(table))]
    header, *body = rows
    columns, problems = _columns(table, header)
    if problems:
        return problems
    for row in body:
        if any(cell.strip() for cell in row.cells):
            problems += _add_row(table, row, columns, kpis)
    return problems


@dataclass(frozen=True)
class _Row:
    line: int
    starts: list[int]
    """The column (from 1) at which each cell starts, where the row is one line; else 1 for each."""
    cells: list[str]
    delimiter: str


def _rows(text: str) -> Iterator[_Row]:
    """The rows of a CSV text with their line and the columns their cells start at."""
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    lines = text.split("\n")
    previous = 0
    for cells in reader:
        line = previous + 1
        one_line = reader.line_num == line
        previous = reader.line_num
        starts = _starts(lines[line - 1], delimiter) if one_line else []
        yield _Row(line, starts if len(starts) == len(cells) else [1] * len(cells), cells, delimiter)


def _starts(line: str, delimiter: str) -> list[int]:
    """The column (from 1) at which each cell of a one-line row starts, quotes respected."""
    starts, quoted = [1], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(index + 2)
    return starts


def _columns(table: Table, header: _Row) -> tuple[dict[str, int], list[Problem]]:
    """Column → its index in the rows, from the header; or the problems of the header."""
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header.cells):
        name = cell.strip().lower()
        column = names.get(name)
        if column is None or column in found:
            message = t("column `{name}` is named twice", name=cell) if column else t("unknown column `{name}`", name=cell)
            hint = did_you_mean(name, names) or _header_hint(table)
            problems.append(Problem(table.file, header.line, header.starts[index], cell, message, hint))
        else:
            found[column] = index
    needed = ["date", "value"] + ([] if table.kpi else ["kpi"])
    missing = [column for column in needed if column not in found]
    if missing and not problems:
        problems.append(Problem(table.file, header.line, 1, "", t("the header has no column {columns}",
                                                                   columns=", ".join(f"`{c}`" for c in missing)),
                                _header_hint(table)))
    return found, problems


def _kpi_hint(kpi_id: str, kpis: dict[str, dict[str, Any]]) -> str:
    return did_you_mean(kpi_id, kpis) or t("KPIs of this journey: {ids}", ids=", ".join(kpis) or t("none"))


def _header_hint(table: Table) -> str:
    if table.kpi:
        return t("start the file with the header `date,value` (optionally `,source,note`)")
    return t("start the file with the header `kpi,date,value` (optionally `,source,note`)")


def _add_row(table: Table, row: _Row, columns: dict[str, int], kpis: dict[str, dict[str, Any]]) -> list[Problem]:
    """Add one row to its KPI's history; its problems instead, if any."""
    def cell(column: str) -> str:
        index = columns.get(column)
        return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

    def problem(column: str, message: str, hint: str) -> Problem:
        index = columns.get(column, 0)
        return Problem(table.file, row.line, row.starts[index] if index < len(row.starts) else 1, column, message, hint)

    kpi_id = table.kpi or cell("kpi")
    kpi = kpis.get(kpi_id)
    if kpi is None:
        return [problem("kpi", t("no KPI of this journey has the id `{id}`", id=kpi_id), _kpi_hint(kpi_id, kpis))]
    entry: dict[str, Any] = {}
    problems = []
    for column, read in (("date", _day), ("value", lambda text: _value(text, row.delimiter))):
        value, found = read(cell(column))
        entry[column] = value
        problems += [problem(column, message, hint) for message, hint in found]
    entry |= {column: cell(column) for column in ("source", "note") if cell(column)}
    if problems:
        return problems
    return _append(kpi, entry, problem)


def _append(kpi: dict[str, Any], entry: dict[str, Any], problem: Any) -> list[Problem]:
    """Add `entry` to the KPI's history unless a measurement of its day is there: same value, left out; else a problem."""
    for known in kpi["history"]:
        if isinstance(known, dict) and str(known.get("date")) == entry["date"].isoformat():
            if _same_number(known.get("value"), entry["value"]):
                return []
            return [problem("value", t("{day} is measured twice, here {value:g} and {other} elsewhere",
                                        day=entry["date"].isoformat(), value=entry["value"], other=known.get("value")),
                            t("keep one value per day: delete this row or the other measurement"))]
    kpi["history"].append(entry)
    return []


def _same_number(known: object, value: float) -> bool:
    try:
        return float(str(known)) == value
    except ValueError:
        return False


def _day(text: str) -> tuple[dt.date | None, list[tuple[str, str]]]:
    german = _GERMAN_DATE.fullmatch(text)
    iso = f"{german[3]}-{int(german[2]):02d}-{int(german[1]):02d}" if german else text
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            return dt.date.fromisoformat(iso), []
    except ValueError:
        pass
    if not text:
        return None, [(t("the date is missing"), t("write the day of the measurement as YYYY-MM-DD, e.g. 2026-03-31"))]
    return None, [(t("`{value}` is not a valid date", value=text), t("write an existing date as YYYY-MM-DD or DD.MM.YYYY"))]


def _value(text: str, delimiter: str) -> tuple[float | None, list[tuple[str, str]]]:
    number = text.replace(",", ".", 1) if delimiter == ";" and text.count(",") == 1 and "." not in text else text
    if _NUMBER.fullmatch(number):
        value = float(number)
        if value == value and abs(value) != float("inf"):
            return value, []
    if not text:
        return None, [(t("the value is missing"), t("write the measured value as a plain number such as 42 or 12.5"))]
    return None, [(t("`{value}` is not a plain number", value=text),
                   t("write a plain number such as 42 or 12.5, without unit or thousands separator"))]
