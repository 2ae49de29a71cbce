"""Templates of each kind of import, made by code: a title row (merged, as offices write
them), the header with each column's Vietnamese label and API name, and one example row."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from marketplace.imports.kind import Kind

TITLES = {
    "producers": "DANH SÁCH CHỦ THỂ OCOP",
    "products": "DANH SÁCH SẢN PHẨM OCOP",
    "evaluations": "KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP",
    "outlets": "DANH SÁCH ĐIỂM GIỚI THIỆU VÀ BÁN SẢN PHẨM OCOP",
    "stock": "TỒN KHO ĐẦU KỲ",
}


def template_xlsx(kind: Kind) -> bytes:
    """The .xlsx template: a merged title row, the header, an example row."""
    book = Workbook()
    sheet = book.active
    sheet.title = kind.name
    sheet.append([TITLES[kind.name]])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(kind.columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([column.header for column in kind.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.append([column.example for column in kind.columns])
    for index, column in enumerate(kind.columns):
        letter = sheet.cell(row=2, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 2)
        if column.field == "gtin" or column.field.endswith("registration_no"):
            sheet.cell(row=3, column=index + 1).number_format = "@"  # text: keep leading zeros
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(kind: Kind) -> bytes:
    """The .csv template (UTF-8 with a BOM, so that Excel reads the accents): header, example."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header for column in kind.columns])
    writer.writerow([column.example for column in kind.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
