"""Every download writes text that a spreadsheet would run as a formula as text (issue 12), on
both stores: the dashboard's CSV and Excel tables and the auditors' event export."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import API
from tests.offline_verifier import run_verifier

NAMES = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"]


@pytest.fixture
def formula_outlets(app):
    """Outlets named like formulas, with nothing on their shelves (so never counted)."""
    market = app.extensions["ocop"]
    for name in NAMES:
        market.open_outlet(name, "supermarket", "Hà Nội", "Dịch Vọng", date(2024, 1, 1), "Cầu Giấy")


@pytest.fixture
def officer_pages(app, client):
    app.extensions["ocop"].register_user("hoa", "officer", "a long password")
    html = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post(
        "/sign-in", data={"csrf_token": token, "username": "hoa", "password": "a long password"}
    )
    return client


def test_outlets_named_like_formulas_download_as_quoted_csv_text(formula_outlets, officer_pages):
    text = officer_pages.get("/dashboard/not-counted.csv?as_of=2025-01-01").get_data(as_text=True)
    names = [row[0] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))][1:]
    assert sorted(names) == sorted("'" + name for name in NAMES)


def test_outlets_named_like_formulas_download_as_excel_text_cells(formula_outlets, officer_pages):
    data = officer_pages.get("/dashboard/not-counted.xlsx?as_of=2025-01-01").get_data()
    cells = [row[0] for row in load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2)]
    assert sorted((c.value, c.data_type) for c in cells) == sorted((n, "s") for n in NAMES)


def test_numbers_in_an_excel_download_stay_numbers(formula_outlets, officer_pages):
    data = officer_pages.get("/dashboard/coverage-over-time.xlsx?as_of=2025-01-31").get_data()
    last = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))[-1]
    assert (last[1].value, last[1].data_type) == (len(NAMES), "n")


def test_an_event_export_of_outlets_named_like_formulas_has_no_formula_cell_and_verifies(
    market, tmp_path
):
    place = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
    for name in NAMES:
        outlet = {"name": name, "kind": "supermarket", "opened_on": "2024-01-01", **place}
        assert market.post("/outlets", outlet).status_code == 201
    export = market.client.get(f"{API}/events/export?format=csv", headers=market.headers("auditor"))
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True))))
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
    path = tmp_path / "export.csv"
    path.write_bytes(export.get_data())
    code, out = run_verifier(path)
    assert code == 0, out
