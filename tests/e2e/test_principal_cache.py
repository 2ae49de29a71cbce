"""The principal cache: a write is authorised on the user this worker last read, and its save
records only if the user is unchanged, so a change of role or outlets counts on the very next
request, even one served by another worker (here: a second app on the same store)."""

from dataclasses import replace
from uuid import UUID

import pytest

from marketplace.access import Session
from marketplace.errors import NotAllowed
from marketplace.messages import Sell
from tests.e2e.conftest import API, assert_error, sold_events


def staff_id(market) -> UUID:
    market.headers("point_staff")
    return UUID(
        market.client.get(f"{API}/users/me", headers=market.headers("point_staff")).get_json()["id"]
    )


def test_a_binding_made_in_another_worker_lets_the_next_request_write(market, other_worker):
    ocop = market.app.extensions["ocop"]
    user_id = staff_id(market)
    refused = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "point_staff")
    assert_error(refused, 403)
    assert ocop.cached_principal(user_id) is not None  # this worker now remembers the user

    binding = other_worker.test_client().post(
        f"{API}/users/{user_id}/outlets",
        json={"outlet_id": market.supermarket_id},
        headers=market.admin,
    )
    assert binding.status_code in (200, 201), binding.get_json()

    sold = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "point_staff")
    assert sold.status_code == 201, sold.get_json()
    assert sold_events(market.app) == 1


def test_a_write_on_a_stale_cached_principal_is_not_recorded_and_is_authorised_again(
    market, other_worker
):
    """A revocation, simulated: this worker remembers the user bound to the supermarket at an
    old version, as it would have before the binding was taken away."""
    ocop = market.app.extensions["ocop"]
    user_id = staff_id(market)
    principal, version = ocop.current_principal(user_id)
    stale = replace(principal, outlet_ids=principal.outlet_ids | {UUID(market.supermarket_id)})
    # Another worker changes the user (any change moves the version on).
    third = market.post(
        "/outlets",
        {
            "name": "Điểm 3",
            "kind": "ocop_point",
            "opened_on": "2024-01-01",
            "province": "Hà Nội",
            "commune": "Dịch Vọng",
        },
    ).get_json()["id"]
    bound = other_worker.test_client().post(
        f"{API}/users/{user_id}/outlets", json={"outlet_id": third}, headers=market.admin
    )
    assert bound.status_code == 201, bound.get_json()
    ocop._principals[user_id] = (stale, version)
    before = market.recorded()

    refused = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "point_staff")

    assert_error(refused, 403)
    assert market.recorded() == before
    assert sold_events(market.app) == 0
    assert ocop.cached_principal(user_id)[1] > version  # read afresh


def test_a_refusal_on_a_stale_cached_principal_is_checked_before_it_is_given(market, other_worker):
    ocop = market.app.extensions["ocop"]
    user_id = staff_id(market)
    principal, version = ocop.current_principal(user_id)
    bound = other_worker.test_client().post(
        f"{API}/users/{user_id}/outlets",
        json={"outlet_id": market.supermarket_id},
        headers=market.admin,
    )
    assert bound.status_code == 201, bound.get_json()
    stale = replace(principal, outlet_ids=principal.outlet_ids | {UUID(market.supermarket_id)})
    ocop._principals[user_id] = (stale, version)

    too_many = market.post(
        f"/outlets/{market.supermarket_id}/sales", market.sale(99), "point_staff"
    )

    assert_error(too_many, 409)
    assert ocop.cached_principal(user_id)[1] > version


def test_reads_always_read_the_user_afresh(market):
    ocop = market.app.extensions["ocop"]
    user_id = staff_id(market)
    principal, version = ocop.current_principal(user_id)
    # As if remembered before a (hypothetical) demotion from admin: an older version.
    ocop._principals[user_id] = (replace(principal, role="admin"), version - 1)

    answer = market.client.get(f"{API}/events", headers=market.headers("point_staff"))

    assert_error(answer, 403)


def test_a_save_authorised_on_an_old_version_of_the_user_records_nothing(market):
    ocop = market.app.extensions["ocop"]
    user_id = staff_id(market)
    principal, version = ocop.current_principal(user_id)
    session = Session(user_id, ocop.new_session(principal)["sid"], principal.sessions_generation)
    # This worker's cache says the user may sell at the supermarket: at an old version, then
    # at the current one (the save checks the version, not what the cache says).
    supermarket = UUID(market.supermarket_id)
    allowed_there = replace(principal, outlet_ids=frozenset({supermarket}))
    sale = Sell(
        supermarket, [{"product_id": UUID(market.product_id), "qty": 1, "unit_price_vnd": 1}]
    )
    before = market.recorded()
    ocop._principals[user_id] = (allowed_there, version - 1)
    with pytest.raises(NotAllowed):  # the save refused, then the user read afresh is refused
        ocop.execute(sale, session)
    assert market.recorded() == before
    ocop._principals[user_id] = (allowed_there, version)
    ocop.execute(sale, session)
    assert sold_events(market.app) == 1


def test_a_user_changing_themselves_is_not_a_change_by_someone_else(market):
    ocop = market.app.extensions["ocop"]
    admin_id = UUID(market.client.get(f"{API}/users/me", headers=market.admin).get_json()["id"])
    first = market.client.post(
        f"{API}/users/{admin_id}/outlets",
        json={"outlet_id": market.point_id},
        headers=market.admin,
    )
    second = market.client.post(
        f"{API}/users/{admin_id}/outlets",
        json={"outlet_id": market.supermarket_id},
        headers=market.admin,
    )
    assert first.status_code in (200, 201), first.get_json()
    assert second.status_code in (200, 201), second.get_json()
    _, version = ocop.current_principal(admin_id)
    assert version == 3
