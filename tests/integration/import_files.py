"""Import files made by the tests with openpyxl and csv, as offices write them: a merged
title row above the header, Vietnamese headers, dates as text or Excel dates."""

import csv
import io
from typing import Any

from openpyxl import Workbook

from marketplace.imports import KINDS, Report, import_file
from web.api.import_schemas import IMPORT_SCHEMAS


def workbook(header: list[str], *rows: list[Any], title: str | None = "DANH SÁCH") -> io.BytesIO:
    """An .xlsx: a title merged across the columns (and a blank row), then header and rows."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def csv_file(header: list[str], *rows: list[Any], delimiter=",", bom=True) -> io.BytesIO:
    """A UTF-8 CSV, with a BOM as Excel writes it unless ``bom`` is False."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO((("\ufeff" if bom else "") + out.getvalue()).encode("utf-8"))


def imported(app, kind: str, data: io.BytesIO, name: str = "file.xlsx", **options) -> Report:
    """The report of importing ``data`` as ``kind`` (as the CLI does, as SYSTEM)."""
    data.seek(0)
    return import_file(app, KINDS[kind], IMPORT_SCHEMAS[kind], data, name, **options)


def outcomes(report: Report) -> list[tuple[int, str, str | None]]:
    """(row, outcome, column) of every row."""
    return [(row.row, row.outcome, row.column) for row in report.rows]
