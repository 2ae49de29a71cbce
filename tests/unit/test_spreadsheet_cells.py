"""Formula-safe cells (marketplace/spreadsheet.py) and the table downloads built on them."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from marketplace.spreadsheet import csv_cell, from_csv_cell, starts_formula
from web.pages.downloads import table_download

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_a_spreadsheet_would_run_is_quoted_in_csv(text):
    assert starts_formula(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, 2.5, "Chè Tân Cương", "", None, "a=b", "3-2"])
def test_numbers_and_plain_text_are_written_unchanged(value):
    assert not starts_formula(value)
    assert csv_cell(value) == value


@given(st.text(st.sampled_from("=+-@\t\r'aĐ1 "), max_size=6))
def test_the_quote_is_undone_exactly(text):
    assert from_csv_cell(csv_cell(text)) == text


def _rows(fmt: str) -> list[list]:
    response = table_download("t", fmt, ["Điểm bán", "Số"], [[text, -3] for text in FORMULAS])
    if fmt == "csv":
        text = response.get_data().decode("utf-8").lstrip("\ufeff")
        return list(csv.reader(io.StringIO(text, newline="")))
    return [list(row) for row in load_workbook(io.BytesIO(response.get_data())).active.rows]


def test_a_csv_download_quotes_formulas_and_keeps_numbers():
    rows = _rows("csv")
    assert [row[0] for row in rows[1:]] == ["'" + text for text in FORMULAS]
    assert {row[1] for row in rows[1:]} == {"-3"}


def test_an_excel_download_writes_formulas_as_text_cells_and_numbers_as_numbers():
    rows = _rows("xlsx")
    names, numbers = [row[0] for row in rows[1:]], [row[1] for row in rows[1:]]
    as_read = [text.replace("\r", "\n") for text in FORMULAS]  # XML reads a lone CR as LF
    assert [(c.value, c.data_type) for c in names] == [(text, "s") for text in as_read]
    assert all(c.quotePrefix for c in names)  # editing the cell in Excel keeps it text
    assert {(c.value, c.data_type) for c in numbers} == {(-3, "n")}
