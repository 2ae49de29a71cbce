"""A refused command answers, beside the contract's code and message, the reason it was refused
and the values of that reason as JSON (dates ISO, ids as text), so a client can say it in its own
language; the message stays the English wording made from them."""

from datetime import timedelta
from uuid import uuid4

from marketplace.clock import today
from tests.e2e.conftest import assert_error


def refused(market, path, body, status, code):
    before = market.recorded()
    error = assert_error(market.post(path, body), status, code)
    assert market.recorded() == before
    return error


def test_a_sale_beyond_stock_answers_its_reason_with_the_product_and_the_quantities(market):
    error = refused(
        market,
        f"/outlets/{market.supermarket_id}/sales",
        market.sale(11),
        409,
        "insufficient_stock",
    )
    assert error["reason"] == "insufficient_stock"
    assert error["params"] == {"product": market.product_id, "wanted": 11, "sellable": 10}
    assert error["message"] == f"product {market.product_id}: asked for 11, 10 sellable on hand"


def test_an_expired_lot_answers_its_reason_with_iso_dates(market):
    yesterday = today() - timedelta(days=1)
    line = {"product_id": market.product_id, "qty": 1, "lot": "OLD", "expires_on": str(yesterday)}
    error = refused(
        market, f"/outlets/{market.point_id}/receipts", {"lines": [line]}, 422, "lot_expired"
    )
    assert error["reason"] == "lot_expired"
    assert error["params"] == {"lot": "OLD", "expiry": str(yesterday), "day": str(today())}


def test_a_value_out_of_range_answers_the_class_code_and_the_reason(market):
    body = {"producer_id": market.producer_id, "group": "beverage", "unit": "hộp", "name": "Trà"}
    error = refused(market, "/products", {**body, "price_vnd": 10**11}, 422, "invalid_value")
    assert (error["reason"], error["params"]) == ("at_most", {"maximum": 10_000_000_000})
    assert error["fields"] == {"price_vnd": ["must be at most 10000000000"]}


def test_a_missing_reference_answers_the_kind_and_the_id_it_looked_for(market):
    missing = str(uuid4())
    path = f"/outlets/{market.supermarket_id}/listings"
    error = refused(market, path, {"product_id": missing}, 422, "unknown_reference")
    assert error["reason"] == "no_such_record"
    assert error["params"] == {"kind": "product", "id": missing}
