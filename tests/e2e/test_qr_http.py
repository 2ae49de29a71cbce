"""QR codes a phone scans: each image is decoded (zxing-cpp) and the address it holds is opened
in the app, which must show the right product page (and a lot's expiry). Both stores."""

import io
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit
from uuid import UUID

import pytest
import zxingcpp
from PIL import Image

from domain.gtin import with_check_digit
from tests.conftest import TEST_CONFIG
from web import create_app

ICT = timezone(timedelta(hours=7))
HONEY_GTIN = "8936000000028"
FRESH_LOT, OLD_LOT = "L 2026/1", "OLD-1"


@pytest.fixture
def shop(app) -> dict[str, UUID]:
    """Honey (GTIN-13, certified 4 stars) in two lots, one long expired; tea without a GTIN."""
    market = app.extensions["ocop"]
    producer = UUID(
        market.register_producer("HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")["id"]
    )
    honey, tea = (
        UUID(market.register_product(producer, name, "food", "hũ", 150_000, gtin)["id"])
        for name, gtin in (("Mật ong hoa nhãn", HONEY_GTIN), ("Chè búp", None))
    )
    market.certify(honey, 80, date(2025, 1, 10), "12/QĐ-UBND")
    point = UUID(
        market.open_outlet("Điểm OCOP Đông Anh", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
            "id"
        ]
    )
    lines = [
        {"product_id": honey, "qty": 3, "lot": FRESH_LOT, "expires_on": date(2099, 12, 31)},
        {"product_id": honey, "qty": 2, "lot": OLD_LOT, "expires_on": date(2025, 6, 30)},
        {"product_id": tea, "qty": 4},
    ]
    market.receive_stock(point, lines, datetime(2025, 2, 1, 9, tzinfo=ICT))
    return {"honey": honey, "tea": tea, "point": point}


def scanned(client, path: str) -> str:
    """What a phone reads from the PNG at ``path``: the one QR code's text."""
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "image/png"
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.data)).convert("L"))
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    return codes[0].text


def opened(client, url: str):
    """Open a scanned address in the app, following its redirects, as a phone's browser does."""
    parts = urlsplit(url)
    assert parts.netloc == "localhost"  # the test client's host: the request's own host
    return client.get(parts.path, query_string=parts.query, follow_redirects=True)


def test_a_products_qr_code_holds_its_gs1_digital_link_and_opens_its_page(client, shop):
    url = scanned(client, f"/p/{shop['honey']}/qr.png")
    assert url == "http://localhost/01/08936000000028"
    page = opened(client, url)
    assert page.status_code == 200 and page.request.path == f"/p/{shop['honey']}"
    assert "Mật ong hoa nhãn" in page.get_data(as_text=True)


def test_a_product_without_gtin_holds_its_public_page_address(client, shop):
    url = scanned(client, f"/p/{shop['tea']}/qr.png")
    assert url == f"http://localhost/p/{shop['tea']}"
    assert "Chè búp" in opened(client, url).get_data(as_text=True)


def test_a_lots_qr_code_opens_the_page_with_its_expiry(client, shop):
    url = scanned(client, f"/p/{shop['honey']}/qr.png?lot={FRESH_LOT}")
    assert url == "http://localhost/01/08936000000028/10/L%202026%2F1?17=991231"
    page = opened(client, url).get_data(as_text=True)
    assert "Mật ong hoa nhãn" in page and "Lô L 2026/1" in page
    assert "Hạn sử dụng 31/12/2099" in page and "Còn hạn" in page


def test_an_expired_lot_is_said_expired_on_its_page(client, shop):
    page = opened(client, scanned(client, f"/p/{shop['honey']}/qr.png?lot={OLD_LOT}"))
    text = page.get_data(as_text=True)
    assert "Hạn sử dụng 30/06/2025" in text and "Đã hết hạn" in text


def test_a_lot_of_a_product_without_gtin_opens_its_page_with_the_lot(app, client, shop):
    market = app.extensions["ocop"]
    line = {"product_id": shop["tea"], "qty": 1, "lot": "T1", "expires_on": date(2098, 1, 2)}
    market.receive_stock(shop["point"], [line], datetime(2025, 3, 1, 9, tzinfo=ICT))
    url = scanned(client, f"/p/{shop['tea']}/qr.png?lot=T1")
    assert url == f"http://localhost/p/{shop['tea']}?lot=T1"
    assert "Hạn sử dụng 02/01/2098" in opened(client, url).get_data(as_text=True)


def test_an_unrecorded_lot_shows_the_expiry_its_code_carries(client, shop):
    page = client.get("/01/8936000000028/10/NEW?17=270200", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Lô NEW" in text
    assert "Hạn sử dụng 28/02/2027" in text and "hạn theo mã trên nhãn" in text


@pytest.mark.parametrize("body", ["9638507", "61414100003", "893600000004", "1893600000004"])
def test_each_gtin_length_resolves_to_the_product_holding_it(app, client, shop, body):
    held = with_check_digit(body)  # a GTIN-8, -12, -13 or -14 as registered
    length = len(held)
    market = app.extensions["ocop"]
    producer = market.register_producer("HTX", "cooperative", "Hà Nội", "Vân Hà")["id"]
    product = market.register_product(UUID(producer), "Gạo", "food", "túi", 1, held)["id"]
    for written in {held.zfill(n) for n in (8, 12, 13, 14) if n >= length}:
        response = client.get(f"/01/{written}")
        assert (response.status_code, response.location) == (302, f"/p/{product}"), written


def test_a_bad_check_digit_is_a_400_page_naming_the_right_digit(client, shop):
    response = client.get("/01/08936000000029")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Mã GTIN 08936000000029 không hợp lệ" in text and "phải là 8" in text
    english = client.get("/01/08936000000029?lang=en").get_data(as_text=True)
    assert "GTIN 08936000000029 is not valid" in english


@pytest.mark.parametrize("gtin", ["8936000000", "abc", "089360000000280"])
def test_a_gtin_of_a_wrong_length_is_a_400_page(client, shop, gtin):
    response = client.get(f"/01/{gtin}")
    assert response.status_code == 400
    assert "Phải có 8, 12, 13 hoặc 14 chữ số" in response.get_data(as_text=True)


def test_an_unknown_gtin_is_a_404_page_in_the_pages_language(client, shop):
    unknown = with_check_digit("893600000099")
    response = client.get(f"/01/{unknown}")
    assert response.status_code == 404
    assert f"Không có sản phẩm nào mang mã GTIN {unknown}" in response.get_data(as_text=True)
    english = client.get(f"/01/{unknown}?lang=en")
    assert english.status_code == 404
    assert f"No product has the GTIN {unknown}" in english.get_data(as_text=True)


def test_a_bad_expiry_in_the_code_is_a_400_page(client, shop):
    response = client.get("/01/8936000000028/10/L1?17=271340")
    assert response.status_code == 400 and "YYMMDD" in response.get_data(as_text=True)


def test_a_corrected_gtin_still_opens_the_product_from_older_packages(app, client, shop):
    market = app.extensions["ocop"]
    new_gtin = with_check_digit("893600000003")
    market.correct_product(shop["honey"], gtin=new_gtin, reason="in sai mã")
    assert client.get(f"/01/{new_gtin}").location == f"/p/{shop['honey']}"
    assert client.get(f"/01/{HONEY_GTIN}").location == f"/p/{shop['honey']}"


def test_qr_images_are_cached_by_browsers_and_revalidated(client, shop):
    svg = client.get(f"/p/{shop['honey']}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.data.startswith(b"<svg") and b"/01/08936000000028" in svg.data  # its title
    assert svg.headers["Cache-Control"] in ("public, max-age=3600", "max-age=3600, public")
    again = client.get(f"/p/{shop['honey']}/qr.svg", headers={"If-None-Match": svg.headers["ETag"]})
    assert again.status_code == 304


def test_an_unknown_product_or_lot_has_no_qr_code(client, shop):
    assert client.get("/p/00000000-0000-4000-8000-000000000000/qr.png").status_code == 404
    unknown_lot = client.get(f"/p/{shop['honey']}/qr.png?lot=NOPE")
    assert unknown_lot.status_code == 404 and unknown_lot.headers["Cache-Control"] == "no-store"
    assert client.get(f"/p/{shop['honey']}/labels?lot=NOPE").status_code == 404


def test_the_configured_public_address_is_the_host_of_the_codes(database_url, shop, app):
    public = create_app(
        TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_PUBLIC_URL": "https://ocop.vn/"}
    )
    try:
        url = scanned(public.test_client(), f"/p/{shop['honey']}/qr.png")
    finally:
        public.extensions["ocop_read"].close()
        public.extensions["ocop"].close()
    assert url == "https://ocop.vn/01/08936000000028"


def test_the_public_page_shows_its_qr_code_and_stars_in_its_language(client, shop):
    page = client.get(f"/p/{shop['honey']}").get_data(as_text=True)
    assert "4 sao" in page and f'src="/p/{shop["honey"]}/qr.svg"' in page
    assert f'href="/p/{shop["honey"]}/labels"' in page
    assert "4 stars" in client.get(f"/p/{shop['honey']}?lang=en").get_data(as_text=True)


def test_a_sheet_of_labels_says_what_the_package_needs(client, shop):
    page = client.get(f"/p/{shop['honey']}/labels?lot={FRESH_LOT}").get_data(as_text=True)
    assert page.count('class="label"') == 12 and page.count('class="sheet"') == 1
    for text in ("Mật ong hoa nhãn", "HTX Vân Hà", "4 sao", "GCN số 12/QĐ-UBND"):
        assert text in page
    assert "Hiệu lực 10/01/2025 – 09/01/2028" in page
    assert "GTIN 8936000000028" in page and "HSD 31/12/2099" in page
    assert "http://localhost/01/08936000000028/10/L%202026%2F1?17=991231" in page


def test_labels_fill_as_many_a4_sheets_as_needed(client, shop):
    page = client.get(f"/p/{shop['tea']}/labels?n=13").get_data(as_text=True)
    assert page.count('class="label"') == 13 and page.count('class="sheet"') == 2
    assert "Sản phẩm chưa có chứng nhận OCOP." in page


@pytest.mark.parametrize("count", ["0", "241", "abc", "-1", "1e3"])
def test_a_bad_number_of_labels_is_a_400_page_saying_the_range(client, shop, count):
    response = client.get(f"/p/{shop['tea']}/labels?n={count}")
    assert response.status_code == 400
    assert "Số nhãn phải là số nguyên từ 1 đến 240" in response.get_data(as_text=True)


def test_officers_and_staff_find_the_labels_on_their_product_and_stock_pages(app, client, shop):
    from tests.e2e.test_officer_pages import PASSWORD, sign_in

    market = app.extensions["ocop"]
    market.register_user("thu", "officer", PASSWORD)
    market.register_user("lan", "staff", PASSWORD, [shop["point"]])
    sign_in(client, "thu")
    officer_page = client.get(f"/officers/products/{shop['honey']}").get_data(as_text=True)
    assert f'href="/p/{shop["honey"]}/labels" id="labels"' in officer_page
    sign_in(client, "lan")
    stock = client.get(f"/counter/{shop['point']}").get_data(as_text=True)
    assert f'href="/p/{shop["honey"]}/labels?lot=L+2026/1"' in stock
    assert f'href="/p/{shop["honey"]}/labels?lot=OLD-1"' in stock
