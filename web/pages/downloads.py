"""Tables as CSV or Excel (openpyxl) downloads."""

import csv
import io

from flask import Response
from openpyxl import Workbook

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(name: str, fmt: str, header: list[str], rows: list[list]) -> Response:
    """A table as ``name.csv`` (UTF-8 with BOM, so spreadsheet programs read Vietnamese) or
    ``name.xlsx``."""
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([header, *rows])
        body = ("\ufeff" + text.getvalue()).encode("utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = name[:31]
        for row in [header, *rows]:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        body = out.getvalue()
    return Response(
        body,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
