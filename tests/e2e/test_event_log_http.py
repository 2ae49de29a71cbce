"""Auditors over HTTP: the event log, histories, time travel, verification, and who may do what."""

import re

import pytest

from tests.e2e.conftest import API, assert_error

UUID_RE = re.compile(r"\{[a-z_]+\}|<[^>]+>")


def get(market, path, who="auditor"):
    return market.client.get(f"{API}{path}", headers=market.headers(who))


def test_the_log_reads_in_order_with_who_and_when_and_pages_on(market):
    first = get(market, "/events?limit=3").get_json()
    assert [e["position"] for e in first["items"]] == sorted(e["position"] for e in first["items"])
    event = first["items"][0]
    assert set(event) >= {
        "position",
        "aggregate_id",
        "aggregate_type",
        "version",
        "type",
        "timestamp",
        "user",
        "data",
        "link",
    }
    assert event["user"] and len(event["link"]) == 64
    rest = get(market, f"/events?after={first['next_after']}&limit=1000").get_json()
    assert rest["items"][0]["position"] > first["next_after"] - 1
    assert len(first["items"]) + len(rest["items"]) == market.recorded() or rest["items"]


def test_the_log_filters_by_aggregate_type_event_type_user_and_aggregate(market):
    sold = get(market, "/events?aggregate_type=Outlet&type=ProductListed").get_json()["items"]
    assert sold and {(e["aggregate_type"], e["type"]) for e in sold} == {
        ("Outlet", "ProductListed")
    }
    mine = get(market, f"/events?aggregate_id={market.supermarket_id}").get_json()["items"]
    assert {e["aggregate_id"] for e in mine} == {market.supermarket_id}
    assert [e["version"] for e in mine] == list(range(1, len(mine) + 1))
    user = mine[0]["user"]
    assert {e["user"] for e in get(market, f"/events?user={user}").get_json()["items"]} == {user}
    assert get(market, "/events?user=nobody").get_json()["items"] == []


@pytest.mark.parametrize(
    "kind, attribute",
    [("products", "product_id"), ("outlets", "supermarket_id"), ("producers", "producer_id")],
)
def test_one_aggregates_history_lists_its_events_in_version_order(market, kind, attribute):
    body = get(market, f"/{kind}/{getattr(market, attribute)}/history").get_json()
    assert [e["version"] for e in body["items"]] == list(range(1, len(body["items"]) + 1))
    assert body["items"][0]["type"] in ("Registered", "Opened")


def test_a_history_of_the_wrong_kind_is_404(market):
    assert_error(get(market, f"/outlets/{market.product_id}/history"), 404)


def test_an_outlet_as_recorded_at_an_earlier_version_shows_the_stock_before_a_sale(market):
    before = get(market, f"/outlets/{market.supermarket_id}").get_json()
    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(3)).status_code == 201
    now = get(market, f"/outlets/{market.supermarket_id}").get_json()
    then = get(
        market, f"/outlets/{market.supermarket_id}?as_of_version={before['version']}"
    ).get_json()
    stock = lambda body: {i["product_id"]: i["on_hand"] for i in body["stock"]}
    assert now["version"] == before["version"] + 1
    assert (
        stock(then) == stock(before)
        and stock(now)[market.product_id] == stock(before)[market.product_id] - 3
    )


def test_an_outlet_as_of_a_day_before_it_was_recorded_did_not_exist_yet(market):
    assert_error(get(market, f"/outlets/{market.supermarket_id}?as_of=2001-01-01"), 404)


def test_verify_reports_the_head_and_proves_growth_from_it(market):
    first = get(market, "/audit/verify").get_json()
    assert (
        first["ok"] and first["events_checked"] == market.recorded() and first["first_bad"] is None
    )
    market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1))
    later = get(market, f"/audit/verify?since_head={first['head']}").get_json()
    assert later["ok"] and later["events_checked"] == first["events_checked"] + 1
    wrong = first["head"].split(":")[0] + ":" + "0" * 64
    assert get(market, f"/audit/verify?since_head={wrong}").get_json()["ok"] is False
    assert_error(get(market, "/audit/verify?since_head=nonsense"), 422)


@pytest.mark.parametrize("who", ["staff", "officer"])
@pytest.mark.parametrize("path", ["/events", "/audit/verify", "/products/{p}/history"])
def test_only_auditors_and_admins_read_the_log(market, who, path):
    assert_error(get(market, path.replace("{p}", market.product_id), who), 403)


OWN_ACCOUNT = ("/api/v1/auth/token", "/api/v1/users/me/password")
"""Signing in and out and changing one's own password: every user's, auditors' too."""

COSIGNATURES = "/api/v1/audit/checkpoint/cosignatures"
"""Handing the log a witness's cosignature (the state audit may be a witness): checked against
the witnesses' keys and kept beside the log, never an event."""


def write_routes(market):
    """Every POST and DELETE the API documents, with ids filled in, but one's own account's."""
    spec = market.client.get("/api/openapi.json").get_json()
    for path, methods in spec["paths"].items():
        for method in ("post", "delete"):
            if method in methods and path not in (*OWN_ACCOUNT, COSIGNATURES):
                yield method, UUID_RE.sub(market.supermarket_id, path)


def test_an_auditor_may_write_nothing(market):
    auditor = market.headers("auditor")  # registered before counting
    before = market.recorded()
    routes = list(write_routes(market))
    assert len(routes) >= 15
    for method, path in routes:
        response = getattr(market.client, method)(path, json={}, headers=auditor)
        assert response.status_code == 403, (method, path, response.status_code)
    assert market.recorded() == before


def test_an_auditor_may_hand_the_log_a_cosignature_which_records_no_event(market):
    auditor = market.headers("auditor")
    before = market.recorded()
    response = market.client.post(COSIGNATURES, json={}, headers=auditor)
    assert response.status_code == 422  # allowed, and told what is missing
    assert market.recorded() == before
