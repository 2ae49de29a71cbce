"""Every recording screen of the counter answers a recorded form with a redirect to the stock
page (post/redirect/get); the same form sent again (the back button, a double tap) records
nothing and says it was recorded before, in the page's language, instead of the success again;
sent again with other values it records nothing, says what happened and what to do, and the
form gets a new key. The form's key travels in its address (once.js puts it there), so the
back button leads to the same form. Every test runs on SQLite and on PostgreSQL."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest

from tests.e2e import test_counter_pages as counter
from tests.e2e.conftest import events_recorded
from tests.e2e.test_counter_pages import hidden, open_form, post, signed_in

shop = counter.shop  # the counter pages' fixture

AGAIN = {
    "vi": "Biểu mẫu này đã được ghi nhận trước đó; lần này không ghi thêm gì.",
    "en": "This form was already recorded; nothing new was recorded this time.",
}
OTHER = {
    "vi": "Biểu mẫu này đã được gửi và ghi nhận trước đó với nội dung khác, nên lần này chưa ghi "
    "gì. Nếu đây là một lần mới, hãy kiểm tra các ô rồi bấm gửi lần nữa.",
    "en": "This form was already sent and recorded with other values, so nothing was recorded "
    "this time. If this is a new one, check the fields and press the button again.",
}


def _sold(app, shop) -> UUID:
    line = {"product_id": shop["tea"], "qty": 3, "unit_price_vnd": 120_000}
    return UUID(app.extensions["ocop"].sell(shop["point"], [line])["id"])


def _in_transit(app, shop) -> str:
    market = app.extensions["ocop"]
    an_hour_ago = datetime.now(timezone(timedelta(hours=7))) - timedelta(hours=1)
    market.receive_stock(shop["second"], [{"product_id": shop["tea"], "qty": 6}], an_hour_ago)
    line = [{"product_id": shop["tea"], "qty": 4}]
    return market.transfer_stock(shop["second"], shop["point"], line)["id"]


def _received(app, shop) -> str:
    line = [{"product_id": shop["wine"], "qty": 2}]
    return app.extensions["ocop"].receive_stock(shop["point"], line)["id"]


@dataclass(frozen=True)
class Screen:
    path: Callable  # (app, shop) -> the screen's path under /counter/<point>
    fields: dict
    changed: dict  # other values sent under the same key
    done: dict  # what the stock page says after recording, by language


SCREENS = {
    "transfer": Screen(
        lambda app, shop: "transfer",
        {"product_id": "tea", "qty": "3", "to_outlet_id": "second"},
        {"qty": "2"},
        {"vi": "Đã chuyển hàng", "en": "Stock sent"},
    ),
    "count": Screen(
        lambda app, shop: "count",
        {"lot": "tea|T1", "counted": "7", "reason": "Kiểm kê cuối tháng"},
        {"counted": "6"},
        {"vi": "Đã ghi kiểm kê (chênh lệch -3)", "en": "Stock count recorded (difference -3)"},
    ),
    "write-off": Screen(
        lambda app, shop: "write-off",
        {"lot": "tea|T1", "qty": "1", "reason": "damaged"},
        {"qty": "2"},
        {"vi": "Đã xuất hủy", "en": "Written off"},
    ),
    "threshold": Screen(
        lambda app, shop: "thresholds",
        {"product_id": "tea", "low_stock_threshold": "3"},
        {"low_stock_threshold": "4"},
        {"vi": "Đã đặt ngưỡng sắp hết hàng", "en": "Low-stock threshold saved"},
    ),
    "receive": Screen(
        lambda app, shop: "receive",
        {"lines-0-product_id": "wine", "lines-0-qty": "2", "lines-0-lot": "R1", "action": "record"},
        {"lines-0-qty": "3"},
        {"vi": "Đã nhập hàng", "en": "Stock received"},
    ),
    "receive-transfer": Screen(
        lambda app, shop: f"transfers/{_in_transit(app, shop)}",
        {"lines-0-qty_received": "4", "action": "full"},
        {"lines-0-qty_received": "3", "action": "counted"},
        {"vi": "Đã nhận 4, ghi mất 0", "en": "Received 4, recorded 0 lost"},
    ),
    "return": Screen(
        lambda app, shop: f"sales/{_sold(app, shop)}/return",
        {"product_id": "tea", "qty": "1", "reason": "Khách đổi ý"},
        {"qty": "2"},
        {"vi": "Đã nhận hàng trả lại", "en": "Return recorded"},
    ),
    "supplier-return": Screen(
        lambda app, shop: "supplier-return",
        {"lot": "tea|T1", "qty": "1", "reason": "Hàng lỗi"},
        {"qty": "2"},
        {"vi": "Đã trả hàng cho nhà sản xuất", "en": "Returned to the producer"},
    ),
    "reversal": Screen(
        lambda app, shop: f"receipts/{_received(app, shop)}/reversal",
        {"reason": "Nhập nhầm"},
        {"reason": "Nhập nhầm số lượng"},
        {"vi": "Đã hủy phiếu nhập", "en": "Receipt reversed"},
    ),
}


def _filled(shop, fields: dict) -> dict:
    """The form's values with the shop's ids put in ("tea", "tea|T1", "second")."""
    named = {name: str(value) for name, value in shop.items()}
    filled = {}
    for name, value in fields.items():
        head, bar, tail = value.partition("|")
        filled[name] = named.get(head, head) + bar + tail if head in named else value
    return filled


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_a_recorded_form_redirects_and_sent_again_says_it_was_recorded_before(
    client, shop, app, name, lang
):
    screen = SCREENS[name]
    url = f"/counter/{shop['point']}/{screen.path(app, shop)}"
    form = open_form(signed_in(client, lang), url)
    fields = _filled(shop, screen.fields)
    answer = client.post(url, data=form | fields)
    assert answer.status_code == 302 and answer.location.endswith(f"/counter/{shop['point']}")
    first = client.get(answer.location).get_data(as_text=True)
    assert screen.done[lang] in first and AGAIN[lang] not in first
    after_first = events_recorded(app)

    again = post(client, url, form, **fields)  # the back button, or a second tap
    assert AGAIN[lang] in again and screen.done[lang] not in again
    assert events_recorded(app) == after_first


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_a_form_sent_again_with_other_values_records_nothing_and_says_what_to_do(
    client, shop, app, name, lang
):
    screen = SCREENS[name]
    url = f"/counter/{shop['point']}/{screen.path(app, shop)}"
    form = open_form(signed_in(client, lang), url)
    fields = _filled(shop, screen.fields)
    assert client.post(url, data=form | fields).status_code == 302
    after_first = events_recorded(app)

    answer = client.post(url, data=form | fields | _filled(shop, screen.changed))
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert OTHER[lang] in html and 'id="sent-other"' in html
    assert "Biểu mẫu này đã được gửi với nội dung khác" not in html
    assert events_recorded(app) == after_first
    assert hidden(html, "idempotency_key") != form["idempotency_key"]  # sent now, it records


def test_a_form_opened_from_an_address_with_its_key_keeps_that_key(client, shop, app):
    url = f"/counter/{shop['point']}/write-off"
    key = "0123456789abcdef0123456789abcdef"
    html = signed_in(client).get(f"{url}?idempotency_key={key}").get_data(as_text=True)
    assert hidden(html, "idempotency_key") == key
    assert "data-key-in-address" in html and "/static/once.js" in html
    html = client.get(f"{url}?idempotency_key=not-a-key").get_data(as_text=True)
    assert len(hidden(html, "idempotency_key")) == 32  # a malformed one gets a new key


def test_the_back_button_to_a_form_recorded_before_leads_to_the_same_key_and_records_once(
    client, shop, app
):
    """The back button re-opens the address once.js wrote (with the key); sending the form
    from there again records nothing."""
    url = f"/counter/{shop['point']}/count"
    key = open_form(signed_in(client), url)["idempotency_key"]
    fields = {"lot": f"{shop['tea']}|T1", "counted": "7", "reason": "Kiểm kê cuối tháng"}
    back = client.get(f"{url}?idempotency_key={key}").get_data(as_text=True)
    form = {"csrf_token": hidden(back, "csrf_token"), "idempotency_key": key}
    assert "Đã ghi kiểm kê (chênh lệch -3)" in post(client, url, form, **fields)
    after_first = events_recorded(app)
    back = client.get(f"{url}?idempotency_key={key}").get_data(as_text=True)
    assert hidden(back, "idempotency_key") == key
    again = post(
        client, url, {"csrf_token": hidden(back, "csrf_token"), "idempotency_key": key}, **fields
    )
    assert AGAIN["vi"] in again and events_recorded(app) == after_first


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Chuyến hàng này đã được nhận rồi; không ghi thêm gì."),
        ("en", "This transfer was already received; nothing new was recorded."),
    ],
)
def test_opening_a_transfer_received_already_leads_to_the_transfers_saying_so(
    client, shop, app, lang, said
):
    transfer = _in_transit(app, shop)
    url = f"/counter/{shop['point']}/transfers/{transfer}"
    form = open_form(signed_in(client, lang), url) | {"lines-0-qty_received": "4", "action": "full"}
    assert client.post(url, data=form).status_code == 302
    html = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert said in html
