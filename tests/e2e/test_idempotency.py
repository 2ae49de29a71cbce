"""Idempotency-Key: a retried POST gets the first answer back and is recorded once."""

import pytest

from tests.e2e.conftest import API, assert_error, created_id, post_together, sold_events


def test_repeated_sale_with_the_same_key_answers_the_same_and_records_nothing_more(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    first = market.post(path, market.sale(3), **{"Idempotency-Key": "till-7-receipt-42"})
    after_first = market.recorded()

    again = market.post(path, market.sale(3), **{"Idempotency-Key": "till-7-receipt-42"})

    assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())
    assert first.status_code == 201
    assert market.recorded() == after_first
    assert market.stock()[market.product_id] == 7
    assert sold_events(market.app) == 1


@pytest.mark.parametrize("create", ["producers", "receipts"])
def test_repeated_create_with_the_same_key_answers_the_same_id_and_records_nothing_more(
    market, create
):
    path, body = {
        "producers": (
            "/producers",
            {
                "name": "HTX Sen Tây Hồ",
                "kind": "cooperative",
                "province": "Hà Nội",
                "commune": "Tây Hồ",
            },
        ),
        "receipts": (
            f"/outlets/{market.supermarket_id}/receipts",
            {"lines": [{"product_id": market.product_id, "qty": 5}]},
        ),
    }[create]
    first_id = created_id(market.post(path, body, **{"Idempotency-Key": "k-1"}))
    after_first = market.recorded()

    assert created_id(market.post(path, body, **{"Idempotency-Key": "k-1"})) == first_id
    assert market.recorded() == after_first


def test_same_key_with_a_different_body_is_422_idempotency_key_reused_and_records_nothing(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    created_id(market.post(path, market.sale(3), **{"Idempotency-Key": "k-2"}))
    after_first = market.recorded()

    response = market.post(path, market.sale(4), **{"Idempotency-Key": "k-2"})

    assert_error(response, 422, "idempotency_key_reused")
    assert market.recorded() == after_first
    assert market.stock()[market.product_id] == 7


def test_same_key_sent_by_different_users_is_independent(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    market.headers("staff")

    by_admin = created_id(market.post(path, market.sale(3), **{"Idempotency-Key": "shared"}))
    by_staff = created_id(
        market.post(path, market.sale(3), as_="staff", **{"Idempotency-Key": "shared"})
    )

    assert by_admin != by_staff
    again = market.post(path, market.sale(3), as_="staff", **{"Idempotency-Key": "shared"})
    assert created_id(again) == by_staff
    assert market.stock()[market.product_id] == 4
    assert sold_events(market.app) == 2


def test_key_of_a_refused_request_records_nothing_so_the_corrected_request_may_reuse_it(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    key = {"Idempotency-Key": "k-3"}
    before = market.recorded()

    assert_error(market.post(path, market.sale(0), **key), 422)
    assert market.recorded() == before

    created_id(market.post(path, market.sale(2), **key))
    assert market.stock()[market.product_id] == 8


def test_repeated_delist_with_the_same_key_answers_204_again_and_records_nothing_more(market):
    path = f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}"
    headers = {**market.admin, "Idempotency-Key": "k-4"}
    assert market.client.delete(path, headers=headers).status_code == 204
    after_first = market.recorded()

    again = market.client.delete(path, headers=headers)

    assert again.status_code == 204
    assert market.recorded() == after_first


def test_request_without_a_key_is_recorded_each_time(market):
    path = f"/outlets/{market.supermarket_id}/sales"

    ids = {created_id(market.post(path, market.sale(2))) for _ in range(2)}

    assert len(ids) == 2
    assert market.stock()[market.product_id] == 6


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_double_submit_with_one_key_records_one_sale_and_both_get_its_id(market, round_):
    url = f"{API}/outlets/{market.supermarket_id}/sales"
    headers = {**market.admin, "Idempotency-Key": f"double-tap-{round_}"}

    first, second = post_together(market.app, [(url, market.sale(3), headers)] * 2)

    assert first[0] == second[0] == 201, (first, second)
    assert first[1] == second[1]
    assert sold_events(market.app) == 1
    assert market.stock()[market.product_id] == 7


def test_concurrent_requests_with_one_key_but_different_bodies_record_only_one(market):
    url = f"{API}/outlets/{market.supermarket_id}/sales"
    headers = {**market.admin, "Idempotency-Key": "double-tap-different"}

    answers = post_together(
        market.app, [(url, market.sale(3), headers), (url, market.sale(4), headers)]
    )

    assert sorted(status for status, _ in answers) == [201, 422], answers
    refused = next(body for status, body in answers if status == 422)
    assert refused["error"]["code"] == "idempotency_key_reused"
    assert sold_events(market.app) == 1
    assert market.stock()[market.product_id] in (6, 7)


def test_an_idempotency_key_over_200_characters_is_refused_and_records_nothing(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    before = market.stock()[market.product_id]
    refused = market.post(path, market.sale(3), **{"Idempotency-Key": "till-7/" + "x" * 194})
    assert_error(refused, 422)
    assert "Idempotency-Key" in refused.get_json()["error"]["fields"]
    assert market.stock()[market.product_id] == before


def test_distinct_keys_of_200_characters_are_distinct_requests(market):
    path = f"/outlets/{market.supermarket_id}/sales"
    prefix = "till-7/" + "x" * 192  # 199 characters
    first = created_id(market.post(path, market.sale(3), **{"Idempotency-Key": prefix + "A"}))
    second = created_id(market.post(path, market.sale(3), **{"Idempotency-Key": prefix + "B"}))
    assert first != second and market.stock()[market.product_id] == 4
