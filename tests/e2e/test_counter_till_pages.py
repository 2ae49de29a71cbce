"""The counter as a till (issue 16) without a browser: matches that tell products apart, an
expired lot marked and never offered, a refusal that names it, the receipt after a sale, and a
resent form that says what was recorded. Every test runs on SQLite and on PostgreSQL."""

from datetime import date, datetime
from uuid import UUID

import pytest

from tests.e2e import test_counter_pages
from tests.e2e.test_counter_pages import (
    ICT,
    error_beside,
    hidden,
    open_form,
    post,
    recorded,
    sale_url,
    signed_in,
)

shop = test_counter_pages.shop  # the fixture: an OCOP point with tea and honey, and Lan

BASKET = "Giỏ mây Phú Nghĩa"


@pytest.fixture
def baskets(app, shop):
    """Five baskets of one name from five producers at the shop: the second certified with 4
    stars, the third held only in lot L2503 that expired on 24/11/2025, the fourth in L2503
    and in a good lot L2612."""
    market = app.extensions["ocop"]
    ids = []
    for n in range(5):
        producer = market.register_producer(
            f"Tổ hợp tác mây tre {n + 1}", "cooperative", "Hà Nội", "Phú Nghĩa", "Chương Mỹ"
        )["id"]
        gtin = f"893600010{n}00{n}"
        gtin = gtin + str(_check_digit(gtin))
        product = market.register_product(
            UUID(producer), BASKET, "handicraft", "cái", 90_000 + 10_000 * n, gtin
        )
        ids.append(UUID(product["id"]))
    market.certify(ids[1], 78, date(2025, 1, 10), "QĐ-GM-2")
    lots = [{"product_id": ids[n], "qty": 3, "lot": f"G{n}"} for n in (0, 1, 4)]
    expired = {"lot": "L2503", "expires_on": date(2025, 11, 24)}
    lots += [{"product_id": ids[n], "qty": 2} | expired for n in (2, 3)]
    lots.append({"product_id": ids[3], "qty": 4, "lot": "L2612", "expires_on": date(2030, 12, 1)})
    market.receive_stock(shop["point"], lots, datetime(2025, 2, 1, 9, tzinfo=ICT))
    return ids


def _check_digit(digits: str) -> int:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def test_matches_of_one_name_show_producer_gtin_price_and_stars(client, shop, baskets):
    signed_in(client)
    html = post(client, sale_url(shop), open_form(client, sale_url(shop)), find="gio may")
    matches = html[html.index('id="matches"') : html.index("</ul>", html.index('id="matches"'))]
    items = matches.split("<li>")[1:]
    assert len(items) == 5
    assert all(BASKET in item for item in items)
    for n in range(5):
        assert f"Tổ hợp tác mây tre {n + 1}" in matches
        assert f"{90 + 10 * n}.000" in matches
    assert sum("★★★★" in item for item in items) == 1
    second = next(item for item in items if str(baskets[1]) in item)
    assert "★★★★" in second and "Tổ hợp tác mây tre 2" in second


def test_an_expired_lot_is_marked_and_a_product_held_only_in_it_is_not_offered(
    client, shop, baskets
):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    html = post(client, sale_url(shop), form, find="gio may")
    items = {pid: next(i for i in html.split("<li>") if f'value="{pid}"' in i) for pid in baskets}
    assert "lô L2503 hết hạn ngày 24/11/2025" in items[baskets[2]]
    assert " disabled" in items[baskets[2]].split(">")[0] and "còn 0" in items[baskets[2]]
    assert "lô L2503 hết hạn" in items[baskets[3]] and "còn 4" in items[baskets[3]]
    assert " disabled" not in items[baskets[3]].split(">")[0]
    html = post(client, sale_url(shop), form, pick=str(baskets[2]))
    assert "lines-0-product_id" not in html
    assert error_beside(html, "find") == "Không còn hàng bán được: các lô còn lại đã hết hạn"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Không đủ hàng: cần 1, chỉ còn 0 có thể bán; lô L2503 hết hạn ngày 24/11/2025"),
        (
            "en",
            "Not enough stock: asked for 1, only 0 can be sold; lot L2503 expired on 24 Nov 2025",
        ),
    ],
)
def test_selling_from_an_expired_lot_is_refused_saying_which_lot_expired_when(
    client, shop, baskets, app, lang, expected
):
    signed_in(client, lang)
    lines = {"lines-0-product_id": str(baskets[2]), "lines-0-qty": "1", "action": "record"}
    html = post(client, sale_url(shop), open_form(client, sale_url(shop)), **lines)
    assert error_beside(html, "lines-0-qty") == expected
    assert recorded(app, "Outlet.Sold") == 0


# After a sale: its receipt -------------------------------------------------------------------


def _sell_tea_and_honey(client, shop, form: dict | None = None, **more) -> object:
    form = form or open_form(client, sale_url(shop))
    lines = {
        "lines-0-product_id": str(shop["tea"]),
        "lines-0-qty": "2",
        "lines-1-product_id": str(shop["honey"]),
        "lines-1-qty": "1",
        "action": "record",
    }
    return client.post(sale_url(shop), data=form | lines | more)


def test_a_recorded_sale_leads_to_its_receipt_with_paid_change_and_a_new_sale(client, shop, app):
    app.extensions["ocop"].certify(shop["tea"], 92, date(2025, 1, 10), "QĐ-CHE-1")
    signed_in(client)
    response = _sell_tea_and_honey(client, shop, paid="500000")
    assert response.status_code in (302, 303)
    receipt_url = response.headers["Location"]
    assert f"/counter/{shop['point']}/sales/" in receipt_url
    html = client.get(receipt_url).get_data(as_text=True)
    receipt = html[html.index('id="receipt"') :]
    assert "Điểm OCOP Đông Anh" in receipt and "Số 1" in receipt
    assert "Chè búp Tân Cương" in receipt and "★★★★★" in receipt
    assert "Mật ong hoa nhãn" in receipt and "490.000" in receipt  # 2 × 120.000 + 250.000
    assert "500.000" in receipt and "10.000" in receipt  # paid, and the change
    assert f'href="{sale_url(shop)}"' in html and "Bán tiếp" in html
    assert recorded(app, "Outlet.Sold") == 1


def test_paying_less_than_the_total_is_told_beside_paid_and_records_nothing(client, shop, app):
    signed_in(client)
    html = _sell_tea_and_honey(client, shop, paid="400000").get_data(as_text=True)
    assert error_beside(html, "paid") == "Khách đưa ít hơn tổng cộng (490.000\u00a0₫)"
    assert recorded(app, "Outlet.Sold") == 0


def test_the_receipt_prints_on_a_till_roll(client, shop):
    signed_in(client)
    receipt_url = _sell_tea_and_honey(client, shop).headers["Location"]
    html = client.get(receipt_url).get_data(as_text=True)
    assert 'rel="stylesheet" href="/static/receipt.css"' in html
    with client.get("/static/receipt.css") as response:
        css = response.get_data(as_text=True)
    assert "@media print" in css and "@page" in css and "80mm" in css and "58mm" in css


def test_todays_sales_lead_to_each_receipt_and_its_return(client, shop):
    signed_in(client)
    sale_id = _sell_tea_and_honey(client, shop).headers["Location"].split("/sales/")[1][:36]
    html = client.get(f"/counter/{shop['point']}/today").get_data(as_text=True)
    assert f'href="/counter/{shop["point"]}/sales/{sale_id}"' in html
    assert f'href="/counter/{shop["point"]}/sales/{sale_id}/return"' in html


def test_another_outlets_receipt_is_not_shown(client, shop, app):
    signed_in(client)
    sale_id = _sell_tea_and_honey(client, shop).headers["Location"].split("/sales/")[1][:36]
    assert client.get(f"/counter/{shop['second']}/sales/{sale_id}").status_code == 403


# A form sent again ---------------------------------------------------------------------------


def test_an_identical_resend_leads_to_the_same_receipt_saying_it_was_recorded_before(
    client, shop, app
):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    first = _sell_tea_and_honey(client, shop, form)
    assert "Đã ghi nhận bán hàng" in client.get(first.headers["Location"]).get_data(as_text=True)
    again = _sell_tea_and_honey(client, shop, form)
    assert again.headers["Location"] == first.headers["Location"]
    html = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Bán hàng này đã được ghi nhận trước đó" in html
    assert "Đã ghi nhận bán hàng" not in html
    assert recorded(app, "Outlet.Sold") == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Biểu mẫu này đã được gửi rồi"),
        ("en", "This form was already sent"),
    ],
)
def test_a_resend_with_other_lines_says_it_was_sent_and_shows_what_was_recorded(
    client, shop, app, lang, expected
):
    signed_in(client, lang)
    form = open_form(client, sale_url(shop))
    first = _sell_tea_and_honey(client, shop, form)
    html = _sell_tea_and_honey(client, shop, form, **{"lines-0-qty": "3"}).get_data(as_text=True)
    assert expected in html
    assert f'href="{first.headers["Location"].split("?")[0]}"' in html
    assert recorded(app, "Outlet.Sold") == 1


def test_adding_a_line_answers_a_redirect_so_back_or_reload_never_resends_a_form(client, shop):
    signed_in(client)
    form = open_form(client, sale_url(shop))
    response = client.post(sale_url(shop), data=form | {"find": "8936000000011", "paid": "5"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert hidden(html, "lines-0-product_id") == str(shop["tea"])
    assert hidden(html, "idempotency_key") == form["idempotency_key"]  # still records once
    assert 'id="paid"' in html and 'value="5"' in html
    response = client.post(sale_url(shop), data=form | {"find": "mat ong"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="matches"' in html and f'value="{shop["honey"]}"' in html


def test_a_sale_built_over_redirects_records_from_the_page_it_ends_on(client, shop, app):
    signed_in(client)
    response = client.post(sale_url(shop), data=open_form(client, sale_url(shop)) | {"find": "che"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    form = {name: hidden(html, name) for name in ("csrf_token", "idempotency_key")}
    lines = {"lines-0-product_id": hidden(html, "lines-0-product_id"), "lines-0-qty": "1"}
    response = client.post(sale_url(shop), data=form | lines | {"action": "record", "paid": ""})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    assert recorded(app, "Outlet.Sold") == 1


def test_adding_a_line_to_a_receipt_of_stock_answers_a_redirect_too(client, shop):
    signed_in(client)
    url = f"/counter/{shop['point']}/receive"
    form = open_form(client, url)
    response = client.post(url, data=form | {"find": "Rượu"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert hidden(html, "lines-0-product_id") == str(shop["wine"])
    line = {"lines-0-product_id": str(shop["wine"]), "lines-0-lot": "RV-1", "find": "mat ong"}
    response = client.post(url, data=form | line | {"lines-0-expires_on": "2027-07-01"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="RV-1"' in html and 'value="2027-07-01"' in html and 'id="matches"' in html
