"""Reading an import file: an Excel workbook (.xlsx, its first sheet) or a CSV (UTF-8 with or
without a BOM, comma or semicolon), and finding the header row below any merged title rows."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from marketplace.imports.columns import Column, column_named

HEADER_SEARCH = 20
"""Rows searched for the header: titles, a date line and blank rows may stand above it."""


FILE_PROBLEMS = {
    "not_a_workbook": "not an Excel workbook (.xlsx)",
    "not_utf8": "not a UTF-8 text file: save the CSV as UTF-8",
    "no_header": "no header row: none of the first {rows} rows names this kind's columns",
    "missing_column": "the file has no column {column}",
}
"""Why a file cannot be imported, in English (the pages translate the reason)."""


class UnreadableFile(Exception):
    """The file is not a workbook or a UTF-8 CSV, or no row of it heads this kind's columns,
    or it lacks a needed column: its reason (a code the page translates), the values its
    wording needs, and the English wording."""

    def __init__(self, reason: str, **params: Any) -> None:
        self.reason, self.params = reason, params
        super().__init__(FILE_PROBLEMS[reason].format(**params))


@dataclass
class Table:
    """The header (its row number and cells as written) and the data rows below it, each with
    its row number in the file."""

    header_row: int
    headers: list[Any]
    rows: Iterator[tuple[int, list[Any]]]


def read_table(data: BinaryIO, filename: str, columns: tuple[Column, ...]) -> Table:
    """The table of a file named ``filename`` (.xlsx or .csv) whose header names ``columns``."""
    head = data.read(4)
    data.seek(0)
    if filename.lower().endswith(".xlsx") or head.startswith(b"PK"):
        return _header_found(_workbook_rows(data), columns)
    return _csv_table(data.read(), columns)


def _workbook_rows(data: BinaryIO) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # only when a workbook is read: ``ocop`` starts faster
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(data, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as broken:
        raise UnreadableFile("not_a_workbook") from broken
    sheet = book.worksheets[0]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
        finally:
            book.close()

    return rows()


def _csv_table(raw: bytes, columns: tuple[Column, ...]) -> Table:
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("not_utf8") from None
    best: tuple[int, str] = (-1, ",")
    for delimiter in (",", ";"):  # the one whose header names more columns
        sample = csv.reader(io.StringIO(content), delimiter=delimiter)
        found = max(
            (_named(row, columns) for _, row in zip(range(HEADER_SEARCH), sample)), default=0
        )
        best = max(best, (found, delimiter), key=lambda pair: pair[0])
    reader = csv.reader(io.StringIO(content), delimiter=best[1])
    return _header_found(enumerate(reader, start=1), columns)


def _named(cells: list[Any], columns: tuple[Column, ...]) -> int:
    return sum(1 for cell in cells if cell not in (None, "") and column_named(columns, cell))


def _header_found(rows: Iterator[tuple[int, list[Any]]], columns) -> Table:
    """The first row naming the most columns among the first HEADER_SEARCH rows is the header."""
    seen: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        seen.append((number, cells))
        if len(seen) == HEADER_SEARCH:
            break
    scored = [(_named(cells, columns), -index) for index, (_, cells) in enumerate(seen)]
    if not scored or max(scored)[0] == 0:
        raise UnreadableFile("no_header", rows=HEADER_SEARCH)
    index = -max(scored)[1]
    header_row, headers = seen[index]

    def data_rows() -> Iterator[tuple[int, list[Any]]]:
        yield from seen[index + 1 :]
        yield from rows

    return Table(header_row, headers, data_rows())
