"""The outlet's stock rules over HTTP, on both stores: lots keep one expiry, a command dated in
the past is checked against that day, closing needs an empty outlet, listings do not overlap,
and an 'expired' write-off needs an expired lot. Every refusal records nothing."""

from datetime import timedelta

from marketplace.clock import now, today
from tests.e2e.conftest import API, assert_error, created_id
from tests.e2e.test_counter_pages import shop  # noqa: F401 (a fixture)

YESTERDAY = (today() - timedelta(days=1)).isoformat()
DAYS_AGO = (now() - timedelta(days=3)).isoformat()


def refused_and_nothing_recorded(market, path, body, status, code, field=None):
    before = market.recorded()
    error = assert_error(market.post(path, body), status, code)
    if field is not None:
        assert field in error.get("fields", {}), error
    assert market.recorded() == before
    return error


def test_receiving_a_held_lot_with_another_expiry_answers_409_and_keeps_the_lot(market):
    line = {"product_id": market.product_id, "qty": 5, "lot": "L1", "expires_on": "2030-01-01"}
    path = f"/outlets/{market.supermarket_id}/receipts"
    error = refused_and_nothing_recorded(
        market, path, {"lines": [line]}, 409, "lot_expiry_differs", "lines.0.expires_on"
    )
    assert "2099-12-31" in error["message"]
    no_expiry = {k: v for k, v in line.items() if k != "expires_on"}
    created_id(market.post(path, {"lines": [no_expiry]}))  # keeps the held expiry
    lots = market.client.get(f"{API}/outlets/{market.supermarket_id}", headers=market.admin)
    stock = {i["product_id"]: i["lots"] for i in lots.get_json()["stock"]}
    assert stock[market.product_id] == [{"lot": "L1", "on_hand": 15, "expires_on": "2099-12-31"}]


def test_receiving_a_lot_that_has_already_expired_answers_422_naming_expires_on(market):
    line = {"product_id": market.product_id, "qty": 1, "lot": "OLD", "expires_on": YESTERDAY}
    path = f"/outlets/{market.point_id}/receipts"
    refused_and_nothing_recorded(
        market, path, {"lines": [line]}, 422, "lot_expired", "lines.0.expires_on"
    )


def test_a_sale_dated_before_the_product_was_listed_or_received_answers_409(market):
    sale = {**market.sale(1), "sold_at": f"{YESTERDAY}T10:00:00+07:00"}
    path = f"/outlets/{market.supermarket_id}/sales"
    refused_and_nothing_recorded(market, path, sale, 409, "not_listed", "product_id")
    receipt = {"lines": [{"product_id": market.product_id, "qty": 2}]}
    created_id(market.post(f"/outlets/{market.point_id}/receipts", receipt))
    refused_and_nothing_recorded(
        market, f"/outlets/{market.point_id}/sales", sale, 409, "insufficient_stock"
    )


def test_a_sale_dated_in_year_9999_or_beyond_the_clock_skew_answers_422(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    for sold_at in (
        "9999-12-31T23:59:00+00:00",
        "9999-12-31T20:00:00-12:00",
        "0001-01-01T00:00+14:00",
    ):
        error = assert_error(market.post(path, {**market.sale(1), "sold_at": sold_at}), 422)
        assert "sold_at" in error["fields"]
    later = (now() + timedelta(minutes=30)).isoformat()
    assert_error(market.post(path, {**market.sale(1), "sold_at": later}), 422)


def test_closing_an_outlet_that_holds_stock_answers_409_naming_what_is_left(market):
    point = market.point_id
    line = {"product_id": market.product_id, "qty": 3, "lot": "P"}
    created_id(
        market.post(f"/outlets/{point}/receipts", {"lines": [line], "received_at": DAYS_AGO})
    )
    closure = {"closed_on": today().isoformat()}
    error = refused_and_nothing_recorded(
        market, f"/outlets/{point}/closure", closure, 409, "stock_remains", "closed_on"
    )
    assert market.product_id in error["message"] and "3 of product" in error["message"]
    write_off = {"product_id": market.product_id, "lot": "P", "qty": 3, "reason": "damaged"}
    written = market.post(f"/outlets/{point}/write-offs", write_off | {"written_off_at": DAYS_AGO})
    assert written.status_code == 201, written.get_json()
    assert market.post(f"/outlets/{point}/closure", closure).status_code == 201


def test_closing_dated_on_the_day_of_the_latest_movement_answers_409(market):
    path = f"/outlets/{market.point_id}"
    created_id(
        market.post(f"{path}/receipts", {"lines": [{"product_id": market.product_id, "qty": 1}]})
    )
    sold = market.post(f"{path}/sales", market.sale(1))
    assert sold.status_code == 201
    closure = {"closed_on": today().isoformat()}
    refused_and_nothing_recorded(
        market, f"{path}/closure", closure, 409, "movement_after_closing", "closed_on"
    )


def test_a_relisting_dated_before_the_previous_delisting_answers_409_on_listed_on(market):
    path = f"{API}/outlets/{market.supermarket_id}/listings/{market.other_product_id}"
    assert market.client.delete(path, headers=market.admin).status_code == 204
    relisting = {"product_id": market.other_product_id, "listed_on": YESTERDAY}
    refused_and_nothing_recorded(
        market,
        f"/outlets/{market.supermarket_id}/listings",
        relisting,
        409,
        "listing_overlaps",
        "listed_on",
    )


def test_a_delisting_dated_on_the_day_of_a_sale_answers_409(market):
    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)).status_code == 201
    before = market.recorded()
    path = f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}"
    answer = market.client.delete(path, headers=market.admin)
    assert assert_error(answer, 409, "sold_after_delisting")["fields"].keys() == {"delisted_on"}
    assert market.recorded() == before


def test_a_write_off_as_expired_of_a_lot_valid_until_2099_answers_409_naming_reason(market):
    write_off = {"product_id": market.product_id, "lot": "L1", "qty": 1, "reason": "expired"}
    path = f"/outlets/{market.supermarket_id}/write-offs"
    refused_and_nothing_recorded(market, path, write_off, 409, "lot_not_expired", "reason")


def test_a_transfer_the_destination_would_refuse_is_refused_whole(market):
    line = {"product_id": market.product_id, "qty": 1, "lot": "L1", "expires_on": "2030-01-01"}
    received = {"lines": [line], "received_at": DAYS_AGO}
    created_id(market.post(f"/outlets/{market.point_id}/receipts", received))
    stock = market.stock(), market.stock(market.point_id)
    transfer = {
        "to_outlet_id": market.point_id,
        "lines": [{"product_id": market.product_id, "qty": 2}],
    }
    path = f"/outlets/{market.supermarket_id}/transfers"
    refused_and_nothing_recorded(market, path, transfer, 409, "lot_expiry_differs")
    assert (market.stock(), market.stock(market.point_id)) == stock


def stock_refusals() -> list:
    """Each new stock refusal, raised by a real outlet."""
    from datetime import date, datetime
    from uuid import uuid4

    import pytest

    from domain.errors import DomainError
    from domain.lines import ReceiptLine, SaleLine
    from domain.outlet import Outlet
    from domain.values import VIETNAM_TIME, Place

    def at(day: int) -> datetime:
        return datetime(2024, 3, day, 9, tzinfo=VIETNAM_TIME)

    mart, product = (
        Outlet.open("WinMart", "supermarket", Place("Hà Nội", "Láng"), date(2024, 1, 1)),
        uuid4(),
    )
    mart.list_product(product, date(2024, 3, 2))
    mart.receive([ReceiptLine(product, 5, "A", date(2024, 6, 1))], at(2))
    mart.sell([SaleLine(product, 1, 1)], at(20))
    other = uuid4()
    mart.list_product(other, date(2024, 3, 1))
    mart.delist(other, date(2024, 3, 10))
    point = Outlet.open("Điểm OCOP", "ocop_point", Place("Hà Nội", "Láng"), date(2024, 1, 1))
    point.receive([ReceiptLine(other, 1)], at(2))
    point.sell([SaleLine(other, 1, 1)], at(3))
    attempts = [
        lambda: mart.list_product(other, date(2024, 3, 5)),
        lambda: point.close(date(2024, 3, 3)),
        lambda: mart.receive([ReceiptLine(product, 1, "A", date(2025, 1, 1))], at(21)),
        lambda: mart.receive([ReceiptLine(uuid4(), 1, "B", date(2024, 3, 1))], at(21)),
        lambda: mart.sell([SaleLine(product, 1, 1)], at(1)),
        lambda: mart.sell([SaleLine(product, 1, 1)], datetime(2024, 2, 1, tzinfo=VIETNAM_TIME)),
        lambda: mart.delist(product, date(2024, 3, 20)),
        lambda: mart.close(date(2024, 3, 21)),
        lambda: mart.write_off(product, 1, "expired", at(21), lot="A"),
        lambda: mart.count_stock(product, 1, at(21), "count", lot="Z"),
        lambda: mart.count_stock(product, 0, at(3), "count", lot="A"),
    ]
    refusals = []
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            attempt()
        refusals.append(refused.value)
    return refusals


def test_every_stock_refusal_is_told_in_vietnamese_and_english(app):
    from web.pages.refusals import refusal_text

    for refused in stock_refusals():
        for lang in ("vi", "en"):
            with app.test_request_context(f"/?lang={lang}"):
                assert refusal_text(refused) != refused.message, (lang, refused.message)


def test_the_receive_page_says_in_vietnamese_beside_the_line_that_its_lot_has_another_expiry(
    client,
    shop,  # noqa: F811 (the counter pages' fixture)
    app,
):
    from tests.e2e.test_counter_pages import (
        error_beside,
        open_form,
        post,
        receive_url,
        recorded,
        signed_in,
    )

    signed_in(client)
    form = open_form(client, receive_url(shop))
    line = {
        "lines-0-product_id": str(shop["tea"]),
        "lines-0-qty": "3",
        "lines-0-lot": "T1",
        "lines-0-expires_on": "2031-01-01",
        "action": "record",
    }
    html = post(client, receive_url(shop), form, **line)
    expected = "Lô 'T1' đang có ở Điểm OCOP Đông Anh với hạn dùng khác (01/01/2030)"
    assert error_beside(html, "lines-0-expires_on") == expected
    assert recorded(app, "Outlet.StockReceived") == 1


def test_counting_a_product_that_was_never_registered_answers_422_naming_it(market):
    unknown = "00000000-0000-4000-8000-000000000000"
    path = f"/outlets/{market.point_id}/stock-counts"
    for counted in (0, 5):
        body = {"product_id": unknown, "lot": "L1", "counted": counted, "reason": "kiểm kê"}
        refused_and_nothing_recorded(market, path, body, 422, "unknown_reference", "product_id")
