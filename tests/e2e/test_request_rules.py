"""Rules about requests themselves: future dates, keys bound to the query, account answers."""

from datetime import date, timedelta

import pytest

from marketplace.clock import today as vietnam_today
from tests.e2e.conftest import API, assert_error, created_id

TOMORROW = (date.today() + timedelta(days=2)).isoformat()  # tomorrow in Vietnam at the latest


@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "/products/{product}/certifications",
            {"score": 80, "certified_on": TOMORROW, "certificate_no": "F-1"},
            "certified_on",
        ),
        ("/products/{product}/revocations", {"reason": "x", "revoked_on": TOMORROW}, "revoked_on"),
        (
            "/outlets",
            {
                "name": "Tương lai",
                "kind": "supermarket",
                "province": "Hà Nội",
                "commune": "Yên Hòa",
                "opened_on": TOMORROW,
            },
            "opened_on",
        ),
        ("/outlets/{outlet}/closure", {"closed_on": TOMORROW}, "closed_on"),
    ],
)
def test_a_day_in_the_future_is_refused_because_it_would_take_effect_at_once(
    market, path, body, field
):
    before = market.recorded()
    response = market.post(
        path.format(product=market.product_id, outlet=market.supermarket_id), body
    )
    error = assert_error(response, 422)
    assert field in error["fields"] and market.recorded() == before


def test_a_delisting_dated_in_the_future_is_refused(market):
    url = (
        f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}?delisted_on={TOMORROW}"
    )
    assert_error(market.client.delete(url, headers=market.admin), 422)


def test_the_same_key_on_a_different_query_string_is_a_different_request(market):
    base = f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}"
    headers = {**market.admin, "Idempotency-Key": "delist-1"}
    today = vietnam_today()  # listed today (Vietnam time) by the market fixture
    yesterday = today - timedelta(days=1)
    assert market.client.delete(f"{base}?delisted_on={today}", headers=headers).status_code == 204
    again = market.client.delete(f"{base}?delisted_on={yesterday}", headers=headers)
    assert_error(again, 422, "idempotency_key_reused")


def test_registering_a_user_answers_the_account_as_documented(market):
    response = market.post(
        "/users",
        {
            "username": "lan",
            "role": "staff",
            "password": "a long password",
            "outlet_ids": [market.point_id],
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body == {
        "id": created_id(response),
        "username": "lan",
        "role": "staff",
        "outlet_ids": [market.point_id],
        "disabled": False,  # an account also says whether it is disabled (issue 12)
    }
