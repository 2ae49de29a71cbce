"""Downloads (issue 14): the catalogue, an outlet's inventory and any sales report, as CSV or
Excel from the API, with the same filters as the JSON answers and no formula cell."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import API, assert_error, created_id
from tests.e2e.test_auditor_pages import sign_in_page


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert (
        response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    )
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    return list(sheet.iter_rows(values_only=True))


def get(market, path: str, who: str = "admin"):
    return market.client.get(f"{API}{path}", headers=market.headers(who))


def test_the_catalogue_downloads_every_product_found_with_its_producer(market):
    rows = csv_rows(get(market, "/catalogue/export?q=che%20bup"))
    header, *found = rows
    assert header[:2] == ["id", "name"] and len(found) == 1
    line = dict(zip(header, found[0]))
    assert line["name"] == "Chè búp" and line["producer"] == "HTX Chè Tân Cương"
    assert line["stars"] == "4" and line["province"] == "Thái Nguyên"
    assert len(csv_rows(get(market, "/catalogue/export"))) == 3  # header and both products


def test_the_catalogue_downloads_as_excel_with_numbers_as_numbers(market):
    header, *found = xlsx_rows(get(market, "/catalogue/export?format=xlsx&group=beverage"))
    prices = sorted(row[header.index("price_vnd")] for row in found)
    assert prices == [85000, 120000]


def test_a_catalogue_export_takes_no_paging(market):
    assert "limit" in assert_error(get(market, "/catalogue/export?limit=5"), 422)["fields"]
    assert "format" in assert_error(get(market, "/catalogue/export?format=pdf"), 422)["fields"]


def test_an_outlets_inventory_downloads_a_row_a_lot_with_the_products_name(market):
    header, *lots = csv_rows(get(market, f"/outlets/{market.supermarket_id}/inventory/export"))
    found = sorted((row[header.index("product")], row[header.index("on_hand")]) for row in lots)
    assert found == [("Chè", "10"), ("Chè búp", "4")]


def test_staff_download_only_their_own_outlets_inventory(market):
    path = f"/outlets/{market.supermarket_id}/inventory/export"
    assert get(market, path, "staff").status_code == 200
    assert_error(get(market, path, "point_staff"), 403)


def test_a_sales_report_downloads_with_its_filters_and_names(market):
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(2)))
    sale = market.sale(1, market.other_product_id)
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", sale))
    query = f"by=product&product_id={market.product_id}&format=xlsx"
    header, *rows = xlsx_rows(get(market, f"/reports/sales/export?{query}"))
    assert header[:5] == ("key", "name", "qty", "amount_vnd", "sales")
    assert rows == [(market.product_id, "Chè", 2, 170000, 1, 2, 170000, 0, 0, 0, 0)]
    assert_error(
        get(market, f"/reports/sales/export?outlet_id={market.supermarket_id}", "point_staff"), 403
    )


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "@SUM(A1)"])
def test_a_product_named_like_a_formula_downloads_as_text(market, name):
    product = {"producer_id": market.producer_id, "name": name, "group": "food"}
    created_id(market.post("/products", {**product, "unit": "hộp", "price_vnd": 1}))
    header, *rows = csv_rows(get(market, "/catalogue/export?group=food"))
    assert [row[header.index("name")] for row in rows] == ["'" + name]


def corrected_sales(market) -> None:
    """Chè: 4 sold, one of them returned (refund 85,000), and a sale of 2 voided."""
    outlet = f"/outlets/{market.supermarket_id}"
    sale = created_id(market.post(f"{outlet}/sales", market.sale(4)))
    returned = {"sale_id": sale, "lines": [{"product_id": market.product_id, "qty": 1}]}
    created_id(market.post(f"{outlet}/returns", {**returned, "reason": "Khách đổi ý"}))
    voided = created_id(market.post(f"{outlet}/sales", market.sale(2)))
    created_id(market.post(f"{outlet}/sales/{voided}/void", {"reason": "bấm nhầm"}))


FIGURES = {
    "qty": 3,
    "amount_vnd": 255000,
    "gross_qty": 6,
    "gross_vnd": 510000,
    "returned_qty": 1,
    "returned_vnd": 85000,
    "voided_qty": 2,
    "voided_vnd": 170000,
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_sales_download_carries_the_gross_returned_and_voided_figures(market, fmt):
    corrected_sales(market)
    response = get(market, f"/reports/sales/export?by=product&format={fmt}")
    header, *rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    (line,) = (dict(zip(header, row)) for row in rows)
    as_sent = FIGURES if fmt == "xlsx" else {k: str(v) for k, v in FIGURES.items()}
    assert {name: line[name] for name in FIGURES} == as_sent  # Excel: numbers as numbers
    json = market.client.get(f"{API}/reports/sales?by=product", headers=market.admin).get_json()
    assert {name: json["items"][0][name] for name in FIGURES} == FIGURES


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        (
            "vi",
            (
                "Số lượng bán ra",
                "Tiền bán ra (₫)",
                "Số lượng trả lại",
                "Tiền hoàn trả (₫)",
                "Số lượng hủy",
                "Tiền hủy (₫)",
            ),
        ),
        (
            "en",
            (
                "Quantity sold",
                "Sales amount (₫)",
                "Quantity returned",
                "Amount refunded (₫)",
                "Quantity voided",
                "Amount voided (₫)",
            ),
        ),
    ],
)
def test_todays_sales_download_titles_the_corrected_figures_in_the_pages_language(
    market, lang, titles
):
    corrected_sales(market)
    sign_in_page(market.app, market.client, "quan-tri", "admin")
    path = f"/counter/{market.supermarket_id}/today.xlsx?lang={lang}"
    header, *rows = xlsx_rows(market.client.get(path))
    assert header[-6:] == titles
    assert rows[0][-6:] == (6, 510000, 1, 85000, 2, 170000)
