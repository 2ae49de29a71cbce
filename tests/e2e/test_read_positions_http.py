"""Positions for reading one's own writes: a write answers X-OCOP-Position, a read answers
X-OCOP-Read-Position and, asked with X-OCOP-Min-Position that its views have not reached,
X-OCOP-Stale: true (at once, never an error). Both stores, reads on the store itself; the
replica case is tests/e2e/test_read_replica.py."""

import pytest

from tests.conftest import TEST_CONFIG
from tests.e2e.conftest import API, assert_error
from web import create_app
from web.read import (
    LAG_HEADER,
    MIN_POSITION_HEADER,
    POSITION_HEADER,
    READ_POSITION_HEADER,
    REPLICA_LAG_HEADER,
    STALE_HEADER,
)


def inventory(client, market, **headers: str):
    url = f"{API}/outlets/{market.supermarket_id}/inventory"
    return client.get(url, headers={**market.admin, **headers})


def test_a_write_answers_the_position_of_its_last_event_and_a_repeat_one_at_or_past_it(market):
    key = {"Idempotency-Key": "sale-1"}
    first = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), **key)
    assert first.status_code == 201 and int(first.headers[POSITION_HEADER]) == market.recorded()
    market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1))
    again = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), **key)
    assert again.json == first.json
    assert int(again.headers[POSITION_HEADER]) >= int(first.headers[POSITION_HEADER])


def test_a_refused_write_answers_no_position(market):
    refused = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1000))
    assert refused.status_code == 409 and POSITION_HEADER not in refused.headers


def test_a_read_fed_in_this_process_includes_the_write_it_is_asked_for(client, market):
    sold = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(3))
    response = inventory(client, market, **{MIN_POSITION_HEADER: sold.headers[POSITION_HEADER]})
    assert response.status_code == 200 and STALE_HEADER not in response.headers
    assert int(response.headers[READ_POSITION_HEADER]) == market.recorded()
    assert REPLICA_LAG_HEADER not in response.headers  # no replica configured


def test_a_read_asked_for_a_position_its_views_have_not_reached_says_it_is_stale(client, market):
    beyond = str(market.recorded() + 1)
    response = inventory(client, market, **{MIN_POSITION_HEADER: beyond})
    assert response.status_code == 200 and response.headers[STALE_HEADER] == "true"


def test_a_read_of_views_fed_elsewhere_says_it_is_stale_until_they_reach_the_write(
    app, market, database_url
):
    external = create_app(
        TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_PROJECTIONS": "external"}
    )
    try:
        client = external.test_client()
        sold = client.post(
            f"{API}/outlets/{market.supermarket_id}/sales",
            json=market.sale(2),
            headers=market.admin,
        )
        asked = {MIN_POSITION_HEADER: sold.headers[POSITION_HEADER]}
        stale = inventory(client, market, **asked)
        assert stale.headers[STALE_HEADER] == "true" and int(stale.headers[LAG_HEADER]) > 0
        app.extensions["ocop_read"].refresh()  # the projector's turn
        fresh = inventory(client, market, **asked)
        assert STALE_HEADER not in fresh.headers and fresh.headers[LAG_HEADER] == "0"
    finally:
        external.extensions["ocop_read"].close()
        external.extensions["ocop"].close()


@pytest.mark.parametrize("given", ["abc", "-1", "1.5", " 7", "", "١٢", "9" * 30, str(2**63)])
def test_a_min_position_that_is_not_a_position_is_refused_naming_the_header(client, market, given):
    response = inventory(client, market, **{MIN_POSITION_HEADER: given})
    error = assert_error(response, 422)
    assert MIN_POSITION_HEADER in error["fields"]
