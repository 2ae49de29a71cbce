"""What the customer paid (khách đưa) is recorded with the sale: `paid_vnd` on POST
/outlets/{id}/sales, never less than the total, and the receipt shows it and the change."""

import re

import pytest

from tests.e2e.conftest import PASSWORD, assert_error, created_id, sold_events


def sales(market) -> str:
    return f"/outlets/{market.supermarket_id}/sales"


def sold_data(app) -> list[dict]:
    """The data of every Outlet.Sold event, as the log shows it."""
    marketplace = app.extensions["ocop"]
    notifications = marketplace.recorder.select_notifications(start=1, limit=10000)
    return [
        vars(marketplace.mapper.to_domain_event(n))
        for n in notifications
        if n.topic.endswith("Outlet.Sold")
    ]


def receipt_html(market, sale_id: str, query: str = "") -> str:
    """The sale's receipt page as the supermarket's staff sees it."""
    client = market.app.test_client()
    client.get("/language/vi")
    html = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]*)"', html).group(1)
    client.post("/sign-in", data={"csrf_token": token, "username": "admin", "password": PASSWORD})
    url = f"/counter/{market.supermarket_id}/sales/{sale_id}{query}"
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    html = response.get_data(as_text=True)
    return html[html.index('id="receipt"') :]


def test_a_sale_records_what_the_customer_paid_and_the_receipt_shows_the_change(market):
    body = market.sale(2) | {"paid_vnd": 200000}  # 2 × 85.000 = 170.000
    sale_id = created_id(market.post(sales(market), body, "staff"))
    assert sold_data(market.app)[-1]["paid_vnd"] == 200000
    receipt = receipt_html(market, sale_id)
    assert 'id="receipt-paid">200.000' in receipt
    assert 'id="receipt-change">30.000' in receipt


def test_the_receipt_ignores_a_paid_amount_edited_into_its_address(market):
    sale_id = created_id(market.post(sales(market), market.sale(1) | {"paid_vnd": 100000}))
    receipt = receipt_html(market, sale_id, "?paid=999999")
    assert 'id="receipt-paid">100.000' in receipt and "999.999" not in receipt


def test_a_sale_without_a_paid_amount_has_none_on_its_receipt(market):
    sale_id = created_id(market.post(sales(market), market.sale(1)))
    assert sold_data(market.app)[-1].get("paid_vnd") is None
    receipt = receipt_html(market, sale_id, "?paid=100000")
    assert "receipt-paid" not in receipt and "receipt-change" not in receipt


def test_exactly_the_total_is_accepted_with_no_change(market):
    sale_id = created_id(market.post(sales(market), market.sale(1) | {"paid_vnd": 85000}))
    assert 'id="receipt-change">0' in receipt_html(market, sale_id)


def test_paying_less_than_the_total_is_422_naming_paid_vnd_and_records_nothing(market):
    before = sold_events(market.app)
    response = market.post(sales(market), market.sale(2) | {"paid_vnd": 169999}, "staff")
    error = assert_error(response, 422)
    assert error["reason"] == "paid_below_total"
    assert error["params"] == {"total": 170000}
    assert "paid_vnd" in error["fields"]
    assert sold_events(market.app) == before


@pytest.mark.parametrize("paid", ["200000", 200000.5, True, -1, [200000], {"vnd": 1}])
def test_a_paid_amount_that_is_not_whole_vnd_is_422_naming_paid_vnd(market, paid):
    before = sold_events(market.app)
    error = assert_error(market.post(sales(market), market.sale(1) | {"paid_vnd": paid}), 422)
    assert "paid_vnd" in error["fields"], error
    assert sold_events(market.app) == before


def test_a_huge_paid_amount_is_refused_naming_paid_vnd(market):
    error = assert_error(market.post(sales(market), market.sale(1) | {"paid_vnd": 10**19}), 422)
    assert "paid_vnd" in error["fields"], error


def test_null_paid_vnd_is_the_same_as_none_said(market):
    created_id(market.post(sales(market), market.sale(1) | {"paid_vnd": None}))
    assert sold_data(market.app)[-1].get("paid_vnd") is None


def test_a_repeat_with_the_same_key_answers_the_first_sale_and_records_it_once(market):
    body = market.sale(1) | {"paid_vnd": 100000}
    key = {"Idempotency-Key": "till-paid-1"}
    first = market.post(sales(market), body, "staff", **key)
    again = market.post(sales(market), body, "staff", **key)
    assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())
    assert sold_events(market.app) == 1
    other = market.post(sales(market), market.sale(1) | {"paid_vnd": 90000}, "staff", **key)
    assert_error(other, 422, "idempotency_key_reused")
    assert sold_events(market.app) == 1


def test_paid_vnd_is_in_the_sale_schema_of_the_openapi_document(market):
    document = market.client.get("/api/openapi.json").get_json()
    sale = document["components"]["schemas"]["SaleCreate"]["properties"]
    assert sale["paid_vnd"]["type"] == "integer"
