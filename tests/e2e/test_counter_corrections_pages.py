"""The counter's correction pages without a browser: a sale's return from today's sales, its
void by a manager only, a receipt's reversal from the recent receipts, a return to the producer
and a write-off for "other" with its note; each records once, and a refusal is told beside its
field in the page's language. Every test runs on SQLite and on PostgreSQL."""

from uuid import UUID

from tests.e2e import test_counter_pages
from tests.e2e.test_counter_pages import (
    PASSWORD,
    error_beside,
    hidden,
    on_hand,
    open_form,
    post,
    recorded,
    signed_in,
)

shop = test_counter_pages.shop  # the counter pages' fixture


def sold_tea(app, shop) -> UUID:
    """Three teas (lot T1) sold now at the shop's point; the sale's id."""
    line = {"product_id": shop["tea"], "qty": 3, "unit_price_vnd": 120_000}
    return UUID(app.extensions["ocop"].sell(shop["point"], [line])["id"])


def test_todays_sales_offer_a_return_and_staff_record_it_once(client, shop, app):
    sale = sold_tea(app, shop)
    html = signed_in(client).get(f"/counter/{shop['point']}/today").get_data(as_text=True)
    url = f"/counter/{shop['point']}/sales/{sale}/return"
    assert f'href="{url}"' in html and "/void" not in html  # staff do not void
    form = open_form(client, url)
    fields = {"product_id": str(shop["tea"]), "qty": "1", "reason": "Khách đổi ý"}
    for _ in range(2):
        assert client.post(url, data=form | fields).status_code == 302
    assert recorded(app, "Outlet.SaleReturned") == 1
    assert on_hand(app, shop["point"])[(shop["tea"], "T1")] == 10 - 3 + 1


def test_a_return_beyond_the_sale_is_told_beside_the_quantity_in_english_too(client, shop, app):
    sale = sold_tea(app, shop)
    url = f"/counter/{shop['point']}/sales/{sale}/return"
    fields = {"product_id": str(shop["tea"]), "qty": "4", "reason": "x"}
    html = post(signed_in(client, "en"), url, open_form(client, url), **fields)
    assert "at most 3 more can be returned" in error_beside(html, "qty").lower()
    assert recorded(app, "Outlet.SaleReturned") == 0


def test_only_a_manager_voids_and_the_sale_then_shows_as_voided(client, shop, app):
    sale = sold_tea(app, shop)
    url = f"/counter/{shop['point']}/sales/{sale}/void"
    assert signed_in(client).get(url).status_code == 403
    app.extensions["ocop"].register_user("hoa", "manager", PASSWORD, [shop["point"]])
    client = app.test_client()
    token = hidden(client.get("/sign-in").get_data(as_text=True), "csrf_token")
    client.post("/sign-in", data={"csrf_token": token, "username": "hoa", "password": PASSWORD})
    assert f'href="{url}"' in client.get(f"/counter/{shop['point']}/today").get_data(as_text=True)
    assert client.post(url, data=open_form(client, url) | {"reason": "Bấm nhầm"}).status_code == 302
    assert recorded(app, "Outlet.SaleVoided") == 1
    assert "Đã hủy" in client.get(f"/counter/{shop['point']}/today").get_data(as_text=True)


def test_a_receipt_is_reversed_from_the_recent_receipts(client, shop, app):
    market = app.extensions["ocop"]
    receipt = market.receive_stock(shop["point"], [{"product_id": shop["wine"], "qty": 2}])["id"]
    html = signed_in(client).get(f"/counter/{shop['point']}/receipts").get_data(as_text=True)
    url = f"/counter/{shop['point']}/receipts/{receipt}/reversal"
    assert f'href="{url}"' in html
    assert (
        client.post(url, data=open_form(client, url) | {"reason": "Nhập nhầm"}).status_code == 302
    )
    assert recorded(app, "Outlet.ReceiptReversed") == 1
    assert (shop["wine"], "") not in on_hand(app, shop["point"])


def test_a_return_to_the_producer_takes_the_lot_down(client, shop, app):
    url = f"/counter/{shop['point']}/supplier-return"
    fields = {"lot": f"{shop['honey']}|M1", "qty": "2", "reason": "Lỗi bao bì"}
    assert signed_in(client).post(url, data=open_form(client, url) | fields).status_code == 302
    assert recorded(app, "Outlet.ReturnedToSupplier") == 1
    assert on_hand(app, shop["point"])[(shop["honey"], "M1")] == 3


def test_a_write_off_for_another_reason_needs_its_note(client, shop, app):
    url = f"/counter/{shop['point']}/write-off"
    fields = {"lot": f"{shop['honey']}|M1", "qty": "1", "reason": "other"}
    html = post(signed_in(client), url, open_form(client, url), **fields)
    assert error_beside(html, "note") == "Không được để trống"
    assert recorded(app, "Outlet.WrittenOff") == 0
    done = client.post(url, data=open_form(client, url) | fields | {"note": "Chuột cắn"})
    assert done.status_code == 302 and recorded(app, "Outlet.WrittenOff") == 1
