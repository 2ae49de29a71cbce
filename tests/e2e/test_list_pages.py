"""Lists on the pages (issue 14): the officers' producers and products registers and the
admin's users, found by text, province and kind, 50 a page with "1–50 / N"; downloads of the
catalogue, an outlet's stock and today's sales in the page's language."""

import csv
import io
import re
from datetime import date
from uuid import UUID

import pytest

from tests.e2e.test_auditor_pages import sign_in_page

OPENED = date(2024, 1, 1)


@pytest.fixture
def register(app):
    """55 producers in Hà Nội (a household among them) and one in Hải Phòng, a product each,
    and an OCOP point with stock."""
    market = app.extensions["ocop"]
    ids = {}
    for n in range(55):
        kind = "household" if n == 7 else "cooperative"
        producer = market.register_producer(f"HTX Số {n:02d}", kind, "Hà Nội", "Uy Nỗ", "Đông Anh")
        ids[n] = UUID(producer["id"])
    other = market.register_producer("HTX Đồ Sơn", "enterprise", "Hải Phòng", "Vạn Hương")
    honey = market.register_product(UUID(other["id"]), "Mật ong Đồ Sơn", "food", "hũ", 90000)
    market.register_product(ids[0], "Chè búp", "beverage", "hộp", 120000)
    point = market.open_outlet("Điểm OCOP Đông Anh", "ocop_point", "Hà Nội", "Uy Nỗ", OPENED)
    market.receive_stock(UUID(point["id"]), [{"product_id": UUID(honey["id"]), "qty": 6}])
    return {"point": point["id"], "honey": honey["id"]}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def rows(page: str, table: str) -> list[str]:
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr data-\w+=", body)


def total(page: str) -> str:
    return re.search(r'<p id="total">(.*?)</p>', page).group(1)


def test_the_producers_register_shows_fifty_a_page_with_the_total(app, client, register):
    sign_in_page(app, client, "hoa", "officer")
    first = html(client.get("/officers"))
    assert total(first) == "1–50 / 56" and len(rows(first, "producers")) == 50
    names = re.findall(r"<td>(HTX [^<]*)</td>", first)
    assert names[:2] == ["HTX Đồ Sơn", "HTX Số 00"]  # Vietnamese order: Đ before S
    second = html(client.get("/officers?page=2"))
    assert total(second) == "51–56 / 56" and "HTX Số 54" in second and "HTX Đồ Sơn" not in second


def test_the_register_is_filtered_by_province_kind_and_text_without_accents(app, client, register):
    sign_in_page(app, client, "hoa", "officer")
    assert total(html(client.get("/officers?province=Hải Phòng"))) == "1–1 / 1"
    assert total(html(client.get("/officers?kind=household"))) == "1–1 / 1"
    assert total(html(client.get("/officers?q=do son"))) == "1–1 / 1"
    english = html(client.get("/officers?lang=en"))
    assert "Household business" in english and "Kind" in english


@pytest.mark.parametrize("province", ["hai phong", "Thành phố Hải Phòng", "31"])
def test_the_register_takes_a_province_typed_without_accents_or_as_a_code(
    app, client, register, province
):
    sign_in_page(app, client, "hoa", "officer")
    page = html(client.get("/officers", query_string={"province": province}))
    assert total(page) == "1–1 / 1" and 'class="error"' not in page


@pytest.mark.parametrize("query", ["page=0", "page=x", "kind=farm", "province=Atlantis"])
def test_a_bad_filter_is_said_beside_its_field_and_the_list_still_shows(
    app, client, register, query
):
    sign_in_page(app, client, "hoa", "officer")
    page = html(client.get(f"/officers?{query}"))
    assert 'class="error"' in page and total(page) == "1–50 / 56"


def test_the_products_register_names_each_products_producer(app, client, register):
    sign_in_page(app, client, "hoa", "officer")
    page = html(client.get("/officers/products?q=mat ong"))
    assert total(page) == "1–1 / 1" and "HTX Đồ Sơn" in page
    assert total(html(client.get("/officers/products?kind=beverage"))) == "1–1 / 1"
    assert client.get("/officers/products").status_code == 200


def test_only_officers_and_admins_open_the_registers(app, client, register):
    sign_in_page(app, client, "an", "auditor")
    assert client.get("/officers/products").status_code == 403


def test_the_admins_users_page_finds_users_by_role_and_name(app, client, register):
    market = app.extensions["ocop"]
    market.register_user("lan", "staff", "a long password", [UUID(register["point"])])
    sign_in_page(app, client, "quan-tri", "admin")
    staff = html(client.get("/users?kind=staff"))
    assert total(staff) == "1–1 / 1" and "Điểm OCOP Đông Anh" in staff
    assert total(html(client.get("/users?q=QUAN"))) == "1–1 / 1"
    assert total(html(client.get("/users?province=Hà Nội"))) == "1–1 / 1"  # lan, at the point


def test_the_catalogue_downloads_what_its_filters_find_in_the_pages_language(app, client, register):
    sign_in_page(app, client, "hoa", "officer")
    assert "/catalogue/download.csv?q=mat+ong" in html(client.get("/catalogue?q=mat ong"))
    response = client.get("/catalogue/download.csv?q=mat ong")
    header, *found = csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    assert header[:3] == ["Mã", "Sản phẩm", "Nhóm sản phẩm"]
    assert [row[1:3] for row in found] == [["Mật ong Đồ Sơn", "Thực phẩm"]]
    english = client.get("/catalogue/download.csv?q=mat ong&lang=en").get_data(as_text=True)
    assert english.lstrip("\ufeff").startswith("Id,Product,Product group")


def test_an_outlets_stock_and_todays_sales_download_from_the_counter(app, client, register):
    sign_in_page(app, client, "quan-tri", "admin")
    point = register["point"]
    assert f"/counter/{point}/stock.xlsx" in html(client.get(f"/counter/{point}"))
    stock = client.get(f"/counter/{point}/stock.csv").get_data(as_text=True)
    assert "Mật ong Đồ Sơn" in stock and ",6," in stock
    assert f"/counter/{point}/today.csv" in html(client.get(f"/counter/{point}/today"))
    assert client.get(f"/counter/{point}/today.xlsx").status_code == 200


def test_a_page_past_the_end_shows_none_of_the_total(app, client, register):
    sign_in_page(app, client, "hoa", "officer")
    page = html(client.get("/officers?page=9"))
    assert total(page) == "0 / 56" and rows(page, "producers") == []
