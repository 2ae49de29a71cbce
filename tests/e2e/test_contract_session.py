"""The HTTP contract of DESIGN.md, walked through as a client would, and all-or-nothing sales."""

from uuid import UUID

import pytest

from tests.e2e.conftest import (
    API,
    ISSUED_ON,
    assert_error,
    created_id,
    only_keys_of,
    post_together,
    sold_events,
    user,
)

PLACE = {"province": "Hà Nội", "district": "Thanh Xuân", "commune": "Khương Đình"}


def test_scripted_session_answers_every_step_as_the_contract_says(app, client):
    auth = user(app, client, "programme-admin", "admin")

    def post(path, body):
        return client.post(f"{API}{path}", json=body, headers=auth)

    producer_id = created_id(
        post("/producers", {"name": "HTX Gốm Bát Tràng", "kind": "cooperative", **PLACE})
    )
    product_id = created_id(
        post(
            "/products",
            {
                "producer_id": producer_id,
                "name": "Bình gốm",
                "group": "handicraft",
                "unit": "chiếc",
                "price_vnd": 450000,
                "gtin": "8936000000035",
            },
        )
    )
    certificate = {"score": 92, "certified_on": ISSUED_ON, "certificate_no": "HN-2024-001"}
    assert created_id(post(f"/products/{product_id}/certifications", certificate)) == product_id
    supermarket_id = created_id(
        post(
            "/outlets",
            {"name": "Big C Thăng Long", "kind": "supermarket", "opened_on": "2024-01-02", **PLACE},
        )
    )
    created_id(post(f"/outlets/{supermarket_id}/listings", {"product_id": product_id}))
    receipt = {
        "lines": [
            {
                "product_id": product_id,
                "qty": 12,
                "lot": "B1",
                "expires_on": "2030-06-30",
                "unit_cost_vnd": 300000,
            }
        ]
    }
    created_id(post(f"/outlets/{supermarket_id}/receipts", receipt))
    sale = {"lines": [{"product_id": product_id, "qty": 5, "unit_price_vnd": 450000}]}
    created_id(post(f"/outlets/{supermarket_id}/sales", sale))

    inventory = client.get(f"{API}/outlets/{supermarket_id}/inventory", headers=auth)
    product = client.get(f"{API}/products/{product_id}?as_of=2024-06-01", headers=auth)

    assert (inventory.status_code, product.status_code) == (200, 200)
    expected_inventory = {
        "items": [
            {
                "product_id": product_id,
                "on_hand": 7,
                "lots": [{"lot": "B1", "expires_on": "2030-06-30", "on_hand": 7}],
            }
        ]
    }
    assert only_keys_of(expected_inventory, inventory.get_json()) == expected_inventory
    expected_product = {
        "id": product_id,
        "name": "Bình gốm",
        "group": "handicraft",
        "producer_id": producer_id,
        "certificate": {
            "stars": 5,
            "score": 92,
            "certificate_no": "HN-2024-001",
            "certified_on": ISSUED_ON,
            "valid_until": "2027-03-14",
            "status": "valid",
        },
    }
    assert only_keys_of(expected_product, product.get_json()) == expected_product


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2024-03-14", None),  # the day before issue: no certificate yet
        ("2024-03-15", "valid"),  # the issue day
        ("2027-03-14", "valid"),  # issue + 36 months - 1 day: the last valid day
        ("2027-03-15", "expired"),  # the day after
    ],
)
def test_product_as_of_a_day_shows_the_certificate_as_it_stood(market, as_of, status):
    response = market.client.get(
        f"{API}/products/{market.product_id}?as_of={as_of}", headers=market.admin
    )

    assert response.status_code == 200
    certificate = response.get_json()["certificate"]
    if status is None:
        assert certificate is None
    else:
        assert certificate["status"] == status
        assert certificate["valid_until"] == "2027-03-14"


def test_revoked_certificate_is_revoked_from_the_revocation_day_and_valid_before(market):
    path = f"/products/{market.product_id}"
    revoked = market.post(
        f"{path}/revocations", {"reason": "failed criterion", "revoked_on": "2025-06-01"}
    )
    assert revoked.status_code == 201

    def status_on(day):
        response = market.client.get(f"{API}{path}?as_of={day}", headers=market.admin)
        return response.get_json()["certificate"]["status"]

    assert status_on("2025-05-31") == "valid"
    assert status_on("2025-06-01") == "revoked"
    assert status_on("2027-03-15") == "revoked"


def test_stars_that_disagree_with_the_score_are_refused_with_422_and_record_nothing(market):
    before = market.recorded()
    body = {"score": 75, "stars": 5, "certified_on": "2025-01-10", "certificate_no": "TN-9"}

    response = market.post(f"/products/{market.product_id}/certifications", body)

    assert "stars" in assert_error(response, 422)["fields"]
    assert market.recorded() == before


def test_stars_that_agree_with_the_score_are_accepted(market):
    body = {"score": 75, "stars": 4, "certified_on": "2025-01-10", "certificate_no": "TN-9"}

    response = market.post(f"/products/{market.product_id}/certifications", body)

    assert response.status_code == 201
    assert response.get_json()["certificate"]["stars"] == 4


def test_delisted_product_answers_204_and_then_cannot_be_sold_at_the_supermarket(market):
    path = f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}"

    delisted = market.client.delete(path, headers=market.admin)

    assert delisted.status_code == 204
    assert delisted.get_data() == b""
    before = market.recorded()
    assert_error(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)), 409)
    assert market.recorded() == before
    assert market.stock()[market.product_id] == 10


def test_sale_within_stock_is_recorded_once_and_reduces_inventory(market):
    response = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(4))

    assert UUID(created_id(response))
    assert market.stock()[market.product_id] == 6
    assert sold_events(market.app) == 1


def test_sale_beyond_stock_is_refused_with_409_and_records_nothing(market):
    before = market.recorded()

    response = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(11))

    assert_error(response, 409, "insufficient_stock")
    assert market.recorded() == before
    assert market.stock() == {
        market.product_id: 10,
        market.other_product_id: 4,
    }


@pytest.mark.parametrize(
    "second_line",
    [
        pytest.param(("other", 5), id="another-product-beyond-its-stock"),
        pytest.param(("same", 3), id="same-product-twice-beyond-stock-together"),
    ],
)
def test_multi_line_sale_with_one_line_beyond_stock_is_refused_with_409_and_records_nothing(
    market, second_line
):
    which, qty = second_line
    second = market.other_product_id if which == "other" else market.product_id
    lines = [
        {"product_id": market.product_id, "qty": 8, "unit_price_vnd": 85000},
        {"product_id": second, "qty": qty, "unit_price_vnd": 120000},
    ]
    before = market.recorded()

    response = market.post(f"/outlets/{market.supermarket_id}/sales", {"lines": lines})

    assert_error(response, 409, "insufficient_stock")
    assert market.recorded() == before
    assert sold_events(market.app) == 0
    assert market.stock() == {
        market.product_id: 10,
        market.other_product_id: 4,
    }


def test_inventory_of_an_unknown_outlet_is_404(market):
    response = market.client.get(f"{API}/outlets/{UUID(int=7)}/inventory", headers=market.admin)

    assert_error(response, 404, "not_found")


def test_unknown_product_is_404(market):
    response = market.client.get(f"{API}/products/{UUID(int=7)}", headers=market.admin)

    assert_error(response, 404, "not_found")


def test_concurrent_sales_competing_for_the_last_units_sell_them_once(market):
    url = f"{API}/outlets/{market.supermarket_id}/sales"

    answers = post_together(market.app, [(url, market.sale(6), market.admin)] * 2)

    assert sorted(status for status, _ in answers) == [201, 409]
    assert sold_events(market.app) == 1
    assert market.stock()[market.product_id] == 4


def test_concurrent_sales_without_a_key_are_both_recorded(market):
    url = f"{API}/outlets/{market.supermarket_id}/sales"

    answers = post_together(market.app, [(url, market.sale(3), market.admin)] * 2)

    assert [status for status, _ in answers] == [201, 201]
    assert answers[0][1]["id"] != answers[1][1]["id"]
    assert sold_events(market.app) == 2
    assert market.stock()[market.product_id] == 4
