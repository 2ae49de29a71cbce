"""Transfers in transit, reopening and thresholds over HTTP, on both stores: sent stock is in
neither outlet until the destination's staff receive it (in full, or short with the rest
recorded as lost); a closed outlet reopens; a threshold is set for any product stocked."""

from datetime import timedelta

from marketplace.clock import today
from tests.e2e.conftest import API, assert_error, created_id


def send(market, qty=4, to=None, as_="staff"):
    body = {
        "to_outlet_id": to or market.point_id,
        "lines": [{"product_id": market.product_id, "qty": qty}],
    }
    return created_id(market.post(f"/outlets/{market.supermarket_id}/transfers", body, as_=as_))


def transfers(market, outlet_id, **query):
    answer = market.client.get(
        f"{API}/outlets/{outlet_id}/transfers", query_string=query, headers=market.admin
    )
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def receive(market, transfer_id, body=None, as_="point_staff", outlet=None):
    path = f"/outlets/{outlet or market.point_id}/transfers/{transfer_id}/receipt"
    return market.post(path, body or {}, as_=as_)


def coverage_selling(market) -> int:
    return market.client.get(f"{API}/coverage", headers=market.admin).get_json()["selling"]


def test_sent_stock_is_in_transit_in_neither_outlet_and_shown_on_both(market):
    transfer_id = send(market)
    assert market.stock()[market.product_id] == 6
    assert market.product_id not in market.stock(market.point_id)
    for outlet_id, direction in ((market.supermarket_id, "out"), (market.point_id, "in")):
        (item,) = transfers(market, outlet_id, state="in_transit")
        assert (item["id"], item["direction"], item["state"]) == (
            transfer_id,
            direction,
            "in_transit",
        )
        assert [(l["lot"], l["qty_sent"], l["qty_received"]) for l in item["lines"]] == [
            ("L1", 4, None)
        ]


def test_a_full_receipt_brings_the_stock_in_with_its_lot_and_expiry(market):
    transfer_id = send(market)
    answer = receive(market, transfer_id)
    assert answer.status_code == 201 and answer.get_json()["received"] == 4
    assert market.stock(market.point_id)[market.product_id] == 4
    lots = market.client.get(f"{API}/outlets/{market.point_id}/inventory", headers=market.admin)
    (item,) = lots.get_json()["items"]
    assert [(l["lot"], l["expires_on"]) for l in item["lots"]] == [("L1", "2099-12-31")]
    assert transfers(market, market.point_id, state="in_transit") == []
    (done,) = transfers(market, market.supermarket_id, state="received")
    assert done["lines"][0]["qty_received"] == 4 and done["lines"][0]["qty_lost"] == 0


def test_a_short_receipt_records_the_shortfall_as_lost(market):
    transfer_id = send(market)
    body = {"lines": [{"product_id": market.product_id, "lot": "L1", "qty_received": 3}]}
    answer = receive(market, transfer_id, body)
    assert answer.status_code == 201 and answer.get_json() == {
        "id": transfer_id,
        "received": 3,
        "lost": 1,
    }
    assert market.stock(market.point_id)[market.product_id] == 3
    (done,) = transfers(market, market.point_id)
    assert (done["lines"][0]["qty_received"], done["lines"][0]["qty_lost"]) == (3, 1)


def test_a_transfer_is_received_once(market):
    transfer_id = send(market)
    assert receive(market, transfer_id).status_code == 201
    before = market.recorded()
    assert_error(receive(market, transfer_id), 409, "already_received")
    assert market.recorded() == before


def test_only_the_destinations_staff_receive_and_the_sender_acts_for_its_own_outlet(market):
    transfer_id = send(market)
    before = market.recorded()
    assert_error(receive(market, transfer_id, as_="staff"), 403)
    body = {
        "to_outlet_id": market.supermarket_id,
        "lines": [{"product_id": market.product_id, "qty": 1}],
    }
    assert_error(market.post(f"/outlets/{market.point_id}/transfers", body, as_="staff"), 403)
    assert market.recorded() == before


def test_an_unknown_transfer_or_one_sent_elsewhere_answers_404(market):
    transfer_id = send(market)
    assert_error(receive(market, "00000000-0000-4000-8000-000000000000"), 404)
    assert_error(receive(market, transfer_id, as_="admin", outlet=market.supermarket_id), 404)


def test_receipt_lines_that_name_what_was_not_sent_answer_422_naming_the_field(market):
    transfer_id = send(market)
    for line, field in (
        ({"product_id": market.other_product_id, "qty_received": 1}, "lines.0.product_id"),
        ({"product_id": market.product_id, "lot": "X", "qty_received": 1}, "lines.0.lot"),
        ({"product_id": market.product_id, "qty_received": -1}, "lines.0.qty_received"),
    ):
        error = assert_error(receive(market, transfer_id, {"lines": [line]}), 422)
        assert field in error["fields"], error
    line = {"product_id": market.product_id, "qty_received": 5}
    error = assert_error(receive(market, transfer_id, {"lines": [line]}), 409)
    assert error["reason"] == "more_than_sent"


def test_a_supermarket_is_refused_a_product_it_does_not_list(market):
    line = {"product_id": market.product_id, "qty": 2}
    created_id(market.post(f"/outlets/{market.point_id}/receipts", {"lines": [line]}))
    body = {"to_outlet_id": market.supermarket_id, "lines": [line]}
    path = f"/outlets/{market.point_id}/transfers"
    market.client.delete(
        f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}", headers=market.admin
    )
    before = market.recorded()
    error = assert_error(market.post(path, body), 409, "not_listed")
    assert error["reason"] == "product_not_listed" and market.recorded() == before


def test_an_outlet_with_a_transfer_on_its_way_cannot_close(market):
    send(market)
    error = assert_error(
        market.post(f"/outlets/{market.point_id}/closure", {"closed_on": today().isoformat()}), 409
    )
    assert error["reason"] == "transfers_in_transit"


def test_a_reopened_outlet_counts_open_only_in_its_open_periods(market):
    day = lambda n: (today() - timedelta(days=n)).isoformat()
    created_id(
        market.post(
            "/products",
            {
                "producer_id": market.producer_id,
                "group": "food",
                "unit": "gói",
                "name": "Bánh",
                "price_vnd": 1000,
            },
        )
    )
    shop = created_id(
        market.post(
            "/outlets",
            {
                "name": "Co.op",
                "kind": "supermarket",
                "opened_on": day(40),
                "province": "Hà Nội",
                "commune": "Láng",
            },
        )
    )
    assert market.post(f"/outlets/{shop}/closure", {"closed_on": day(20)}).status_code == 201
    assert_error(market.post(f"/outlets/{shop}/reopening", {"reopened_on": day(21)}), 409)
    answer = market.post(f"/outlets/{shop}/reopening", {"reopened_on": day(10)})
    assert answer.status_code == 201, answer.get_json()
    assert_error(market.post(f"/outlets/{shop}/reopening", {"reopened_on": day(5)}), 409)
    total = lambda n: market.client.get(
        f"{API}/coverage", query_string={"as_of": day(n)}, headers=market.admin
    ).get_json()["total"]
    assert (total(30), total(15), total(5)) == (2, 1, 2)
    receipt = {
        "lines": [{"product_id": market.product_id, "qty": 1}],
        "received_at": f"{day(15)}T09:00:00+07:00",
    }
    error = assert_error(market.post(f"/outlets/{shop}/receipts", receipt), 409)
    assert error["reason"] == "closed_that_day"
    assert (
        market.client.get(f"{API}/outlets/{shop}", headers=market.admin).get_json()["closed_on"]
        is None
    )


def test_a_threshold_set_at_an_ocop_point_gives_low_stock_alerts(market):
    line = {"product_id": market.product_id, "qty": 3}
    created_id(market.post(f"/outlets/{market.point_id}/receipts", {"lines": [line]}))
    low = lambda: market.client.get(
        f"{API}/outlets/{market.point_id}/low-stock", headers=market.admin
    ).get_json()["items"]
    assert low() == []
    path = f"{API}/outlets/{market.point_id}/thresholds/{market.product_id}"
    answer = market.client.put(
        path, json={"low_stock_threshold": 5}, headers=market.headers("point_staff")
    )
    assert answer.status_code == 200, answer.get_json()
    assert [(i["product_id"], i["on_hand"], i["low_stock_threshold"]) for i in low()] == [
        (market.product_id, 3, 5)
    ]
    market.client.put(path, json={"low_stock_threshold": 2}, headers=market.admin)
    assert low() == []


def test_a_threshold_replaces_the_listings_and_is_refused_for_a_product_not_stocked(market):
    path = f"{API}/outlets/{market.supermarket_id}/thresholds/{market.product_id}"
    assert (
        market.client.put(path, json={"low_stock_threshold": 50}, headers=market.admin).status_code
        == 200
    )
    low = market.client.get(
        f"{API}/outlets/{market.supermarket_id}/low-stock", headers=market.admin
    )
    assert [(i["on_hand"], i["low_stock_threshold"]) for i in low.get_json()["items"]] == [(10, 50)]
    before = market.recorded()
    other = f"{API}/outlets/{market.point_id}/thresholds/{market.product_id}"
    error = assert_error(
        market.client.put(other, json={"low_stock_threshold": 1}, headers=market.admin), 409
    )
    assert error["reason"] == "not_stocked"
    assert_error(
        market.client.put(path, json={"low_stock_threshold": -1}, headers=market.admin), 422
    )
    assert market.recorded() == before


def transfers_page(market, outlet_id, **query) -> dict:
    answer = market.client.get(
        f"{API}/outlets/{outlet_id}/transfers", query_string=query, headers=market.admin
    )
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_the_transfers_list_pages_newest_first_with_the_total(market):
    sent = [send(market, qty=1) for _ in range(3)]
    receive(market, sent[0])

    first = transfers_page(market, market.supermarket_id, limit=2)
    rest = transfers_page(market, market.supermarket_id, limit=2, offset=2)

    assert first["total"] == rest["total"] == 3
    assert [t["id"] for t in first["items"] + rest["items"]] == sent[::-1]
    assert set(first["items"][0]) >= {"id", "direction", "state", "lines", "sent_at"}
    in_transit = transfers_page(market, market.point_id, state="in_transit", limit=1)
    assert in_transit["total"] == 2 and [t["id"] for t in in_transit["items"]] == [sent[2]]
    assert transfers_page(market, market.point_id, state="received")["total"] == 1
    assert transfers_page(market, market.point_id, offset=3) == {"total": 3, "items": []}


def test_a_transfers_page_out_of_bounds_is_422_naming_it(market):
    path = f"{API}/outlets/{market.supermarket_id}/transfers"
    for query, name in (("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset")):
        answer = market.client.get(f"{path}?{query}", headers=market.admin)
        assert name in assert_error(answer, 422)["fields"], query
