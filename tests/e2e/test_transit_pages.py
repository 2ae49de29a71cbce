"""The counter pages of transfers in transit and thresholds, without a browser: both outlets
show a transfer on its way, the destination's staff receive it in full or as counted (once),
and a threshold set on a page brings a product into the low-stock list. Both stores."""

import re
from uuid import UUID

from tests.e2e import test_counter_pages as counter
from tests.e2e.test_counter_pages import PASSWORD, on_hand, open_form, recorded, signed_in

shop = counter.shop  # the counter pages' fixture


def sent(app, shop, qty: int = 4) -> str:
    line = [{"product_id": shop["tea"], "qty": qty}]
    return app.extensions["ocop"].transfer_stock(shop["second"], shop["point"], line)["id"]


def stocked_second(app, shop) -> None:
    from datetime import datetime, timedelta, timezone

    app.extensions["ocop"].receive_stock(
        shop["second"],
        [{"product_id": shop["tea"], "qty": 6, "lot": "T2"}],
        datetime.now(timezone(timedelta(hours=7))) - timedelta(hours=1),
    )


def test_both_outlets_show_a_transfer_in_transit_and_only_the_destination_receives(
    client, shop, app
):
    stocked_second(app, shop)
    transfer = sent(app, shop)
    page = signed_in(client).get(f"/counter/{shop['point']}").get_data(as_text=True)
    transit = page[page.index('id="in-transit"') :]
    assert "Từ Điểm OCOP Gia Lâm" in transit and f"/transfers/{transfer}" in transit
    app.extensions["ocop"].register_user("minh", "staff", PASSWORD, [shop["second"]])
    other = app.test_client()
    other.get("/language/en")
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]*)"', other.get("/sign-in").get_data(as_text=True)
    )
    other.post(
        "/sign-in", data={"csrf_token": token.group(1), "username": "minh", "password": PASSWORD}
    )
    their = other.get(f"/counter/{shop['second']}").get_data(as_text=True)
    assert "To Điểm OCOP Đông Anh" in their and "In transit" in their
    assert other.get(f"/counter/{shop['point']}/transfers/{transfer}").status_code == 403


def test_a_transfer_received_in_full_from_the_page_records_once(client, shop, app):
    stocked_second(app, shop)
    transfer = sent(app, shop)
    url = f"/counter/{shop['point']}/transfers/{transfer}"
    form = open_form(signed_in(client), url) | {"lines-0-qty_received": "4", "action": "full"}
    for _ in range(2):
        assert client.post(url, data=form).status_code == 302
    assert recorded(app, "Outlet.TransferReceived") == 1
    assert on_hand(app, shop["point"])[(shop["tea"], "T2")] == 4
    back = client.get(url)  # the back button after receiving it: the list, saying so
    assert back.status_code == 302 and back.location.endswith(f"/counter/{shop['point']}/transfers")


def test_a_counted_receipt_records_the_shortfall_and_a_bad_count_is_told_beside_it(
    client, shop, app
):
    stocked_second(app, shop)
    transfer = sent(app, shop)
    url = f"/counter/{shop['point']}/transfers/{transfer}"
    form = open_form(signed_in(client), url)
    html = client.post(
        url, data=form | {"lines-0-qty_received": "9", "action": "counted"}
    ).get_data(as_text=True)
    assert "Tối đa 4, số lượng đã gửi" in html and recorded(app, "Outlet.TransferReceived") == 0
    html = client.post(
        url, data=form | {"lines-0-qty_received": "x", "action": "counted"}
    ).get_data(as_text=True)
    assert "Hãy nhập một số nguyên" in html
    answer = client.post(url, data=form | {"lines-0-qty_received": "3", "action": "counted"})
    assert answer.status_code == 302
    assert on_hand(app, shop["point"])[(shop["tea"], "T2")] == 3
    events = app.extensions["ocop"].recorder.select_notifications(start=1, limit=10000)
    received = app.extensions["ocop"].mapper.to_domain_event(
        next(n for n in events if n.topic.endswith("Outlet.TransferReceived"))
    )
    assert [t.qty for t in received.lost] == [1]


def test_a_threshold_set_on_the_page_brings_the_product_into_low_stock(client, shop, app):
    url = f"/counter/{shop['point']}/thresholds"
    form = open_form(signed_in(client), url)
    fields = {"product_id": str(shop["tea"]), "low_stock_threshold": "12"}
    assert client.post(url, data=form | fields).status_code == 302
    alerts = client.get(f"/counter/{shop['point']}/alerts").get_data(as_text=True)
    low = alerts[alerts.index('id="low-stock"') : alerts.index('id="expiring"')]
    assert "Chè búp Tân Cương" in low
    html = client.post(
        url,
        data=open_form(client, url) | {"product_id": str(shop["wine"]), "low_stock_threshold": "1"},
    ).get_data(as_text=True)
    assert "Hãy chọn một sản phẩm" in html
    assert UUID(str(shop["tea"]))


def test_the_transfers_page_shows_every_transfer_newest_first_fifty_a_page(client, shop, app):
    from datetime import datetime, timedelta, timezone

    market = app.extensions["ocop"]
    earlier = datetime.now(timezone(timedelta(hours=7))) - timedelta(hours=1)
    market.receive_stock(shop["second"], [{"product_id": shop["tea"], "qty": 60}], earlier)
    ids = [sent(app, shop, qty=1) for _ in range(51)]
    market.receive_transfer(shop["point"], UUID(ids[0]))
    signed_in(client)
    url = f"/counter/{shop['point']}/transfers"
    assert url in client.get(f"/counter/{shop['point']}").get_data(as_text=True)

    first = client.get(url).get_data(as_text=True)
    second = client.get(f"{url}?page=2").get_data(as_text=True)

    shown = re.compile(r'data-transfer="([^"]+)"')
    assert "1–50 / 51" in first and 'id="next"' in first and 'id="previous"' in second
    assert shown.findall(first) + shown.findall(second) == ids[::-1]
    received = client.get(f"{url}?state=received").get_data(as_text=True)
    assert shown.findall(received) == [ids[0]] and "1–1 / 1" in received
    in_transit = client.get(f"{url}?state=in_transit").get_data(as_text=True)
    assert shown.findall(in_transit) == ids[:0:-1] and 'id="next"' not in in_transit
    odd = client.get(f"{url}?page=abc&state=nowhere")
    assert odd.status_code == 200 and "1–50 / 51" in odd.get_data(as_text=True)
