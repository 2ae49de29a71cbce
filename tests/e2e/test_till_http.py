"""GET /outlets/{id}/till: the sellable stock a till on a phone caches, refreshed by ETag."""

from datetime import timedelta

from marketplace.clock import today
from tests.e2e.conftest import API, assert_error, created_id


def till(market, who: str = "staff", **headers: str):
    url = f"{API}/outlets/{market.supermarket_id}/till"
    return market.client.get(url, headers={**market.headers(who), **headers})


def test_the_till_lists_products_with_producer_gtin_stars_and_lots_expired_marked(market):
    a_month_ago = (today() - timedelta(days=30)).isoformat()
    yesterday = (today() - timedelta(days=1)).isoformat()
    old = {"product_id": market.product_id, "qty": 2, "lot": "L0", "expires_on": yesterday}
    receipt = {"lines": [old], "received_at": f"{a_month_ago}T09:00:00+07:00"}
    created_id(market.post(f"/outlets/{market.supermarket_id}/receipts", receipt))
    response = till(market)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["day"] == today().isoformat()
    tea = next(item for item in body["items"] if item["product_id"] == market.product_id)
    assert (tea["name"], tea["producer"], tea["price_vnd"], tea["stars"]) == (
        "Chè",
        "HTX Chè Tân Cương",
        85000,
        4,
    )
    assert tea["lots"] == [
        {"lot": "L0", "expires_on": yesterday, "qty": 2, "expired": True},
        {"lot": "L1", "expires_on": "2099-12-31", "qty": 10, "expired": False},
    ]
    assert (tea["on_hand"], tea["sellable"]) == (12, 10)


def test_the_till_answers_304_to_its_etag_until_a_sale_changes_the_stock(market):
    etag = till(market).headers["ETag"]
    assert till(market, **{"If-None-Match": etag}).status_code == 304
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "staff"))
    again = till(market, **{"If-None-Match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag


def test_the_till_of_another_outlet_is_refused_to_staff(market):
    url = f"{API}/outlets/{market.point_id}/till"
    assert_error(market.client.get(url, headers=market.headers("staff")), 403)


def test_the_till_of_an_unknown_outlet_is_404(market):
    url = f"{API}/outlets/00000000-0000-4000-8000-000000000000/till"
    assert_error(market.client.get(url, headers=market.admin), 404)
