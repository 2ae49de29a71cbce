"""The counter pages without a browser: sale by search or barcode, receipt, transfer, stock count,
write-off, today's sales and the alert lists; each records once, and bad input is told beside
its field and records nothing. Every test runs on SQLite and on PostgreSQL."""

import re
from datetime import date, datetime, timedelta, timezone
from html import unescape
from uuid import UUID

import pytest

from marketplace.clock import today

ICT = timezone(timedelta(hours=7))
PASSWORD = "a long password"
TEA_GTIN = "8936000000011"
HONEY_GTIN = "8936000000028"


@pytest.fixture
def shop(app):
    """An OCOP point with tea (lot T1) and honey (lot M1, expiring in 10 days) in stock, a
    rice wine in the catalogue only, a second point in Hà Nội, one in Hải Phòng, and Lan,
    who works at the first point."""
    market = app.extensions["ocop"]
    producer = UUID(
        market.register_producer("HTX Tân Cương", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")[
            "id"
        ]
    )

    def product(name, price, gtin=None):
        return UUID(market.register_product(producer, name, "food", "hộp", price, gtin)["id"])

    tea = product("Chè búp Tân Cương", 120_000, TEA_GTIN)
    honey = product("Mật ong hoa nhãn", 250_000, HONEY_GTIN)
    honey_soap = product("Xà phòng mật ong", 40_000)
    wine = product("Rượu làng Vân", 150_000)

    def outlet(name, province="Hà Nội", commune="Uy Nỗ"):
        return UUID(
            market.open_outlet(name, "ocop_point", province, commune, date(2024, 1, 1))["id"]
        )

    point, second, far = (
        outlet("Điểm OCOP Đông Anh"),
        outlet("Điểm OCOP Gia Lâm"),
        outlet("Điểm OCOP Thủy Nguyên", "Hải Phòng", "Lưu Kiếm"),
    )
    market.receive_stock(
        point,
        [
            {"product_id": tea, "qty": 10, "lot": "T1", "expires_on": date(2030, 1, 1)},
            {
                "product_id": honey,
                "qty": 5,
                "lot": "M1",
                "expires_on": today() + timedelta(days=10),
            },
            {"product_id": honey_soap, "qty": 2},
        ],
        datetime(2025, 2, 1, 9, tzinfo=ICT),
    )
    market.register_user("lan", "staff", PASSWORD, [point])
    return {
        "point": point,
        "second": second,
        "far": far,
        "tea": tea,
        "honey": honey,
        "soap": honey_soap,
        "wine": wine,
    }


# Helpers ------------------------------------------------------------------------------------


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


def signed_in(client, lang: str = "vi"):
    client.get(f"/language/{lang}")
    token = hidden(client.get("/sign-in").get_data(as_text=True), "csrf_token")
    client.post("/sign-in", data={"csrf_token": token, "username": "lan", "password": PASSWORD})
    return client


def open_form(client, url: str) -> dict:
    """The form's CSRF token and idempotency key, as a browser would send them back."""
    html = client.get(url).get_data(as_text=True)
    return {
        "csrf_token": hidden(html, "csrf_token"),
        "idempotency_key": hidden(html, "idempotency_key"),
    }


def post(client, url: str, form: dict, **fields) -> str:
    """The page the browser shows after sending the form (following a redirect)."""
    return client.post(url, data=form | fields, follow_redirects=True).get_data(as_text=True)


def recorded(app, event: str) -> int:
    """How many events of a type (Outlet.Sold, Outlet.StockReceived …) the store holds."""
    notifications = app.extensions["ocop"].recorder.select_notifications(start=1, limit=10000)
    return sum(1 for n in notifications if n.topic.endswith(event))


def on_hand(app, outlet_id: UUID) -> dict[tuple[UUID, str], int]:
    """What the outlet holds by (product, lot), from the aggregate itself."""
    items = app.extensions["ocop"].outlet(outlet_id)["stock"]
    return {(UUID(i["product_id"]), lot["lot"]): lot["on_hand"] for i in items for lot in i["lots"]}


def error_beside(html: str, field_id: str) -> str:
    """The first inline error printed after the field with this id."""
    after = html[html.index(f'id="{field_id}"') :]
    return unescape(re.search(r'<p class="error">([^<]*)</p>', after).group(1))


def sale_url(shop) -> str:
    return f"/counter/{shop['point']}/sale"


# The stock page ----------------------------------------------------------------------------


def test_the_stock_page_links_every_counter_screen(client, shop):
    html = signed_in(client).get(f"/counter/{shop['point']}").get_data(as_text=True)
    for screen in ("sale", "receive", "transfer", "count", "write-off", "today", "alerts"):
        assert f'href="/counter/{shop["point"]}/{screen}"' in html


@pytest.mark.parametrize(
    "screen", ["sale", "receive", "transfer", "count", "write-off", "today", "alerts"]
)
def test_staff_get_a_403_page_for_another_outlets_screens(client, shop, screen):
    signed_in(client)
    response = client.get(f"/counter/{shop['second']}/{screen}")
    assert response.status_code == 403 and response.mimetype == "text/html"


def test_a_screen_of_an_unknown_outlet_is_refused_not_a_500(client, shop, app):
    app.extensions["ocop"].register_user("boss", "admin", PASSWORD)
    token = hidden(client.get("/sign-in").get_data(as_text=True), "csrf_token")
    client.post("/sign-in", data={"csrf_token": token, "username": "boss", "password": PASSWORD})
    assert client.get("/counter/00000000-0000-4000-8000-000000000000/sale").status_code == 404


# The sale screen ----------------------------------------------------------------------------


def test_a_scanned_barcode_adds_its_line_and_a_second_scan_adds_one_more(client, shop, app):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    html = post(client, sale_url(shop), form, find=TEA_GTIN, action="find")
    assert "Chè búp Tân Cương" in html and hidden(html, "lines-0-product_id") == str(shop["tea"])
    html = post(
        client,
        sale_url(shop),
        form,
        find=TEA_GTIN,
        action="find",
        **{"lines-0-product_id": str(shop["tea"]), "lines-0-qty": "1"},
    )
    assert 'value="2"' in html and "240.000" in html  # the total, worked out without scripts
    assert recorded(app, "Outlet.Sold") == 0


def test_a_name_search_ignores_accents_and_offers_a_choice_when_several_match(client, shop, app):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    html = post(client, sale_url(shop), form, find="mat ong", action="find")
    assert 'id="matches"' in html
    assert f'value="{shop["honey"]}"' in html and f'value="{shop["soap"]}"' in html
    html = post(client, sale_url(shop), form, pick=str(shop["honey"]))
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])
    assert recorded(app, "Outlet.Sold") == 0


def test_a_product_not_in_stock_here_is_not_found_and_said_beside_the_search(client, shop):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    html = post(client, sale_url(shop), form, find="Rượu làng Vân", action="find")
    assert "Không tìm thấy sản phẩm nào khớp với “Rượu làng Vân”" == error_beside(html, "find")


def test_removing_a_line_keeps_the_others(client, shop):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    lines = {
        "lines-0-product_id": str(shop["tea"]),
        "lines-0-qty": "2",
        "lines-1-product_id": str(shop["honey"]),
        "lines-1-qty": "3",
    }
    html = post(client, sale_url(shop), form, remove="0", **lines)
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])
    assert "lines-1-product_id" not in html


def test_a_two_line_sale_records_once_though_the_form_is_sent_twice(client, shop, app):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    lines = {
        "lines-0-product_id": str(shop["tea"]),
        "lines-0-qty": "2",
        "lines-1-product_id": str(shop["honey"]),
        "lines-1-qty": "1",
        "action": "record",
    }
    for _ in range(2):  # a double tap, or the browser resending the form
        response = client.post(sale_url(shop), data=form | lines)
        assert response.status_code == 302
    assert recorded(app, "Outlet.Sold") == 1
    stock = on_hand(app, shop["point"])
    assert stock[(shop["tea"], "T1")] == 8 and stock[(shop["honey"], "M1")] == 4


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Không đủ hàng: cần 11, chỉ còn 10 có thể bán"),
        ("en", "Not enough stock: asked for 11, only 10 can be sold"),
    ],
)
def test_a_sale_beyond_the_stock_is_refused_beside_its_line_in_the_page_language(
    client, shop, app, lang, expected
):
    signed_in(client, lang)
    form = open_form(client, sale_url(shop))
    lines = {
        "lines-0-product_id": str(shop["honey"]),
        "lines-0-qty": "1",
        "lines-1-product_id": str(shop["tea"]),
        "lines-1-qty": "11",
        "action": "record",
    }
    html = post(client, sale_url(shop), form, **lines)
    assert error_beside(html, "lines-1-qty") == expected
    assert "lines-0-qty" in html and 'id="lines-0-qty"' in html.split(expected)[0]
    assert recorded(app, "Outlet.Sold") == 0


@pytest.mark.parametrize(
    ("qty", "expected"),
    [("abc", "Hãy nhập một số nguyên"), ("0", "Từ 1 đến"), ("", "Hãy nhập số lượng")],
)
def test_a_bad_sale_quantity_is_told_beside_the_line_and_records_nothing(
    client, shop, app, qty, expected
):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    lines = {"lines-0-product_id": str(shop["tea"]), "lines-0-qty": qty, "action": "record"}
    html = post(client, sale_url(shop), form, **lines)
    assert error_beside(html, "lines-0-qty").startswith(expected)
    assert recorded(app, "Outlet.Sold") == 0


@pytest.mark.parametrize("product", ["not-a-uuid", "wine"])
def test_a_sale_line_of_a_product_not_stocked_here_records_nothing(client, shop, app, product):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    product_id = str(shop.get(product, product))
    lines = {"lines-0-product_id": product_id, "lines-0-qty": "1", "action": "record"}
    html = post(client, sale_url(shop), form, **lines)
    assert error_beside(html, "lines-0-qty") == "Sản phẩm này không còn hàng ở điểm bán"
    assert recorded(app, "Outlet.Sold") == 0


def test_a_sale_with_no_line_asks_for_a_product(client, shop, app):
    signed_in(client)
    html = post(client, sale_url(shop), open_form(client, sale_url(shop)), action="record")
    assert error_beside(html, "find") == "Hãy thêm ít nhất một sản phẩm"
    assert recorded(app, "Outlet.Sold") == 0


def test_a_sale_form_reused_with_other_lines_is_not_recorded_twice_and_says_so(client, shop, app):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    first = {"lines-0-product_id": str(shop["tea"]), "lines-0-qty": "1", "action": "record"}
    client.post(sale_url(shop), data=form | first)
    html = post(client, sale_url(shop), form, **(first | {"lines-0-qty": "2"}))
    assert "Biểu mẫu này đã được gửi rồi với các dòng khác, nên lần này chưa ghi gì." in html
    assert hidden(html, "idempotency_key") != form["idempotency_key"]
    assert recorded(app, "Outlet.Sold") == 1


# Receiving stock ----------------------------------------------------------------------------


def receive_url(shop) -> str:
    return f"/counter/{shop['point']}/receive"


def test_receiving_a_catalogue_product_not_yet_in_stock_adds_its_lot_once(client, shop, app):
    signed_in(client)
    form = open_form(client, receive_url(shop))
    html = post(client, receive_url(shop), form, find="Rượu", action="find")
    assert hidden(html, "lines-0-product_id") == str(shop["wine"])
    line = {
        "lines-0-product_id": str(shop["wine"]),
        "lines-0-qty": "12",
        "lines-0-lot": "RV-2025-07",
        "lines-0-expires_on": "2027-07-01",
        "lines-0-unit_cost_vnd": "100000",
        "action": "record",
    }
    for _ in range(2):
        assert client.post(receive_url(shop), data=form | line).status_code == 302
    assert recorded(app, "Outlet.StockReceived") == 2  # the fixture's and this one
    assert on_hand(app, shop["point"])[(shop["wine"], "RV-2025-07")] == 12
    lots = app.extensions["ocop"].outlet(shop["point"])["stock"]
    wine = next(i for i in lots if i["product_id"] == str(shop["wine"]))
    assert wine["lots"][0]["expires_on"] == "2027-07-01"


def test_a_barcode_finds_the_catalogue_product_to_receive(client, shop):
    signed_in(client)
    form = open_form(client, receive_url(shop))
    html = post(client, receive_url(shop), form, find=HONEY_GTIN, action="find")
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("expires_on", "31/12/2026", "Ngày không hợp lệ"),
        ("expires_on", "2200-01-01", "Phải là ngày từ 01/01/1900 đến 31/12/2199"),
        ("expires_on", "9999-12-31", "Phải là ngày từ 01/01/1900 đến 31/12/2199"),
        ("qty", "-3", "Từ 1 đến"),
        ("qty", "99999999999", "Từ 1 đến"),
        ("lot", "L" * 101, "Tối đa 100 ký tự"),
        ("lot", "L\u00001", "Không được chứa ký tự điều khiển"),
        ("unit_cost_vnd", "ba mươi", "Hãy nhập một số nguyên"),
    ],
)
def test_a_bad_receipt_line_is_refused_beside_its_field_and_records_nothing(
    client, shop, app, field, value, expected
):
    signed_in(client)
    form = open_form(client, receive_url(shop))
    line = {
        "lines-0-product_id": str(shop["wine"]),
        "lines-0-qty": "12",
        "lines-0-lot": "L1",
        "lines-0-expires_on": "2027-07-01",
        "action": "record",
    } | {f"lines-0-{field}": value}
    html = post(client, receive_url(shop), form, **line)
    assert error_beside(html, f"lines-0-{field}").startswith(expected)
    assert recorded(app, "Outlet.StockReceived") == 1


def test_a_receipt_line_of_an_unknown_product_is_refused_and_records_nothing(client, shop, app):
    signed_in(client)
    form = open_form(client, receive_url(shop))
    line = {
        "lines-0-product_id": "00000000-0000-4000-8000-000000000000",
        "lines-0-qty": "1",
        "action": "record",
    }
    html = post(client, receive_url(shop), form, **line)
    assert error_beside(html, "lines-0-product_id") == "Không tìm thấy bản ghi"
    assert recorded(app, "Outlet.StockReceived") == 1


# Transfers -----------------------------------------------------------------------------------


def transfer_url(shop) -> str:
    return f"/counter/{shop['point']}/transfer"


def test_a_transfer_sends_stock_to_another_outlet_of_the_province_once(client, shop, app):
    signed_in(client)
    form = open_form(client, transfer_url(shop))
    page = client.get(transfer_url(shop)).get_data(as_text=True)
    assert "Điểm OCOP Gia Lâm" in page and "Điểm OCOP Thủy Nguyên" not in page
    fields = {"product_id": str(shop["tea"]), "qty": "3", "to_outlet_id": str(shop["second"])}
    for _ in range(2):
        assert client.post(transfer_url(shop), data=form | fields).status_code == 302
    assert recorded(app, "Outlet.TransferredOut") == 1
    assert on_hand(app, shop["point"])[(shop["tea"], "T1")] == 7
    assert (shop["tea"], "T1") not in on_hand(app, shop["second"])  # in transit until received


@pytest.mark.parametrize(
    ("fields", "field_id", "expected"),
    [
        ({"qty": "11"}, "qty", "Không đủ hàng: cần 11, chỉ còn 10 có thể bán"),
        ({"qty": "x"}, "qty", "Hãy nhập một số nguyên"),
        ({"to_outlet_id": "00000000-0000-4000-8000-000000000000"}, "to_outlet_id", "Hãy chọn"),
        ({"to_outlet_id": "far"}, "to_outlet_id", "Hãy chọn điểm nhận"),
        ({"product_id": "wine"}, "product_id", "Hãy chọn một sản phẩm"),
    ],
)
def test_a_bad_transfer_is_refused_beside_its_field_and_records_nothing(
    client, shop, app, fields, field_id, expected
):
    signed_in(client)
    form = open_form(client, transfer_url(shop))
    sent = {"product_id": str(shop["tea"]), "qty": "3", "to_outlet_id": str(shop["second"])}
    sent |= {k: str(shop.get(v, v)) for k, v in fields.items()}
    html = post(client, transfer_url(shop), form, **sent)
    assert error_beside(html, field_id).startswith(expected)
    assert recorded(app, "Outlet.TransferredOut") == 0


# Stock counts and write-offs ----------------------------------------------------------------


def test_a_stock_count_sets_the_lot_to_what_was_counted_once(client, shop, app):
    signed_in(client)
    url = f"/counter/{shop['point']}/count"
    form = open_form(client, url)
    fields = {"lot": f"{shop['tea']}|T1", "counted": "7", "reason": "Kiểm kê cuối tháng"}
    first, again = (post(client, url, form, **fields) for _ in range(2))
    assert "Đã ghi kiểm kê (chênh lệch -3)" in first
    assert "Đã ghi kiểm kê" not in again  # sent again: nothing new, and it says so
    assert "Biểu mẫu này đã được ghi nhận trước đó; lần này không ghi thêm gì." in again
    assert recorded(app, "Outlet.StockCounted") == 1
    assert on_hand(app, shop["point"])[(shop["tea"], "T1")] == 7


@pytest.mark.parametrize(
    ("fields", "field_id", "expected"),
    [
        ({"counted": "-1"}, "counted", "Từ 0 đến"),
        ({"counted": ""}, "counted", "Hãy nhập số lượng"),
        ({"lot": "not-a-lot"}, "lot", "Hãy chọn một lô"),
        ({"reason": ""}, "reason", "Hãy ghi lý do kiểm kê"),
        ({"reason": "\u200b\u200e"}, "reason", "Không được để trống"),
        ({"reason": "ok\u001b[2J"}, "reason", "Không được chứa ký tự điều khiển"),
    ],
)
def test_a_bad_stock_count_is_refused_beside_its_field_and_records_nothing(
    client, shop, app, fields, field_id, expected
):
    signed_in(client)
    url = f"/counter/{shop['point']}/count"
    form = open_form(client, url)
    sent = {"lot": f"{shop['tea']}|T1", "counted": "7", "reason": "Kiểm kê"} | fields
    html = post(client, url, form, **sent)
    assert error_beside(html, field_id).startswith(expected)
    assert recorded(app, "Outlet.StockCounted") == 0


def write_off_url(shop) -> str:
    return f"/counter/{shop['point']}/write-off"


def test_a_write_off_with_its_reason_takes_the_lot_down_once(client, shop, app):
    signed_in(client)
    form = open_form(client, write_off_url(shop))
    fields = {"lot": f"{shop['honey']}|M1", "qty": "2", "reason": "damaged"}
    for _ in range(2):
        assert client.post(write_off_url(shop), data=form | fields).status_code == 302
    assert recorded(app, "Outlet.WrittenOff") == 1
    assert on_hand(app, shop["point"])[(shop["honey"], "M1")] == 3


def test_write_off_beyond_the_lot_is_refused_beside_the_quantity_and_records_nothing(
    client, shop, app
):
    signed_in(client)
    form = open_form(client, write_off_url(shop))
    fields = {"lot": f"{shop['honey']}|M1", "qty": "6", "reason": "expired"}
    html = post(client, write_off_url(shop), form, **fields)
    assert error_beside(html, "qty") == "Lô 'M1' chỉ còn 5"
    assert recorded(app, "Outlet.WrittenOff") == 0


@pytest.mark.parametrize(
    ("fields", "field_id", "expected"),
    [
        ({"reason": "stolen"}, "reason", "Hãy chọn lý do"),
        ({"reason": ""}, "reason", "Hãy chọn lý do"),
        ({"lot": f"{UUID(int=7)}|M1"}, "lot", "Hãy chọn một lô"),
        ({"qty": "1.5"}, "qty", "Hãy nhập một số nguyên"),
    ],
)
def test_a_bad_write_off_is_refused_beside_its_field_and_records_nothing(
    client, shop, app, fields, field_id, expected
):
    signed_in(client)
    form = open_form(client, write_off_url(shop))
    sent = {"lot": f"{shop['honey']}|M1", "qty": "1", "reason": "expired"} | fields
    html = post(client, write_off_url(shop), form, **sent)
    assert error_beside(html, field_id) == expected
    assert recorded(app, "Outlet.WrittenOff") == 0


def test_the_write_off_screen_reads_in_english_with_the_domains_reasons(client, shop):
    signed_in(client, "en")
    html = client.get(write_off_url(shop)).get_data(as_text=True)
    assert ">Expired<" in html and ">Damaged<" in html and "best before" in html


# Today's sales and the alert lists ---------------------------------------------------------


def test_todays_sales_list_only_todays_sales_with_their_total_in_vnd(client, shop, app):
    market = app.extensions["ocop"]
    market.sell(
        shop["point"],
        [{"product_id": shop["tea"], "qty": 1, "unit_price_vnd": 120_000}],
        datetime(2025, 2, 2, 10, tzinfo=ICT),
    )
    for qty in (1, 2):
        market.sell(
            shop["point"], [{"product_id": shop["tea"], "qty": qty, "unit_price_vnd": 120_000}]
        )
    html = signed_in(client).get(f"/counter/{shop['point']}/today").get_data(as_text=True)
    assert re.search(r'id="day-total"[^>]*>360.000\xa0₫<', html)
    assert html.count("data-sale=") == 2
    assert today().strftime("%d/%m/%Y") in html


def test_the_alerts_list_low_stock_and_the_lots_expiring_soon(client, shop, app):
    market = app.extensions["ocop"]
    market.list_product(shop["point"], shop["soap"], date(2025, 2, 1), low_stock_threshold=3)
    html = signed_in(client).get(f"/counter/{shop['point']}/alerts").get_data(as_text=True)
    low = html[html.index('id="low-stock"') : html.index('id="expiring"')]
    assert "Xà phòng mật ong" in low and "Chè" not in low
    expiring = html[html.index('id="expiring"') :]
    assert "Mật ong hoa nhãn" in expiring and "Chè" not in expiring
    expected = (today() + timedelta(days=10)).strftime("%d/%m/%Y")
    assert expected in expiring
    assert f"lot={shop['honey']}%7CM1" in expiring  # a link to write the lot off


def test_a_supermarket_sale_of_an_unlisted_product_is_refused_beside_its_line(client, shop, app):
    market = app.extensions["ocop"]
    mart = UUID(
        market.open_outlet("WinMart Đông Anh", "supermarket", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
            "id"
        ]
    )
    market.receive_stock(
        mart, [{"product_id": shop["tea"], "qty": 3}], datetime(2025, 2, 1, tzinfo=ICT)
    )
    market.register_user("minh", "staff", PASSWORD, [mart])
    token = hidden(client.get("/sign-in").get_data(as_text=True), "csrf_token")
    client.post("/sign-in", data={"csrf_token": token, "username": "minh", "password": PASSWORD})
    url = f"/counter/{mart}/sale"
    line = {"lines-0-product_id": str(shop["tea"]), "lines-0-qty": "1", "action": "record"}
    html = post(client, url, open_form(client, url), **line)
    assert error_beside(html, "lines-0-product_id") == "Sản phẩm chưa được niêm yết ở đây"
    assert recorded(app, "Outlet.Sold") == 0
