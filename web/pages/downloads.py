"""Tables as CSV or Excel (openpyxl) downloads, with no cell a spreadsheet would run as a formula."""

import csv
import io

from flask import Response
from openpyxl import Workbook

from marketplace.spreadsheet import csv_row, starts_formula

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(name: str, fmt: str, header: list[str], rows: list[list]) -> Response:
    """A table as ``name.csv`` (UTF-8 with BOM, so spreadsheet programs read Vietnamese) or
    ``name.xlsx``."""
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(csv_row(row) for row in [header, *rows])
        body = ("\ufeff" + text.getvalue()).encode("utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = name[:31]
        for row in [header, *rows]:
            sheet.append(row)
            _as_text(sheet[sheet.max_row])
        out = io.BytesIO()
        book.save(out)
        body = out.getvalue()
    return Response(
        body,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _as_text(cells) -> None:
    """openpyxl stores text beginning with '=' as a formula: make such cells text cells, marked
    with Excel's quote prefix so that editing one keeps it text."""
    for cell in cells:
        if starts_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
