"""One access rule for each read: the API and the pages ask the same question of the signed-in
user (marketplace/access.py), so they give the same answer.

In the `market` fixture "staff" work at the supermarket and "point_staff" at the OCOP point;
admins, officers and auditors read every outlet.
"""

import re
from datetime import timedelta

import pytest

from marketplace.clock import today
from tests.e2e.conftest import API, PASSWORD, assert_error, created_id

ROLES = ("admin", "officer", "auditor", "staff", "point_staff")
READS_THE_SUPERMARKET = {"admin", "officer", "auditor", "staff"}


def page_client(market, who: str):
    """A test client of its own, signed in to the pages as ``who``."""
    market.headers(who)  # registers the user the first time
    client = market.app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    username = who.replace("_", "-")
    answer = client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": PASSWORD}
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def api_get(market, path: str, who: str):
    return market.client.get(f"{API}{path}", headers=market.headers(who))


def sell_at_the_point(market, qty: int) -> None:
    """Stock the OCOP point and have its staff sell there."""
    point = market.point_id
    created_id(market.post(f"/outlets/{point}/listings", {"product_id": market.product_id}))
    lines = [{"product_id": market.product_id, "qty": 5, "unit_cost_vnd": 50000}]
    created_id(market.post(f"/outlets/{point}/receipts", {"lines": lines}))
    created_id(market.post(f"/outlets/{point}/sales", market.sale(qty), as_="point_staff"))


# Outlet reads: inventory with costs, alerts ------------------------------------------------


def test_staff_cannot_read_another_outlets_inventory(market):
    other = market.supermarket_id

    for path in (f"/outlets/{other}/inventory", f"/outlets/{other}/low-stock"):
        assert_error(api_get(market, path, "point_staff"), 403, "forbidden")
    assert_error(api_get(market, f"/outlets/{other}/expiring", "point_staff"), 403, "forbidden")
    assert page_client(market, "point_staff").get(f"/counter/{other}").status_code == 403


def test_staff_read_their_own_outlets_inventory_with_its_unit_costs(market):
    lines = [{"product_id": market.product_id, "qty": 2, "lot": "C1", "unit_cost_vnd": 61000}]
    created_id(market.post(f"/outlets/{market.supermarket_id}/receipts", {"lines": lines}))

    response = api_get(market, f"/outlets/{market.supermarket_id}/inventory", "staff")

    assert response.status_code == 200
    lots = [lot for item in response.get_json()["items"] for lot in item["lots"]]
    assert {"lot": "C1", "unit_cost_vnd": 61000} in [
        {"lot": lot["lot"], "unit_cost_vnd": lot["unit_cost_vnd"]} for lot in lots
    ]


# Each read of one outlet: (API path, page path) — the same data through the two doors.
OUTLET_READS = [
    ("/outlets/{id}/inventory", "/counter/{id}"),
    ("/outlets/{id}/low-stock", "/counter/{id}/alerts"),
    ("/outlets/{id}/expiring", "/counter/{id}/alerts"),
    ("/reports/sales?outlet_id={id}", "/counter/{id}/today"),
]


@pytest.mark.parametrize("who", ROLES)
def test_the_api_and_the_pages_agree_on_who_reads_an_outlet(market, who):
    pages = page_client(market, who)
    expected = 200 if who in READS_THE_SUPERMARKET else 403

    for api_path, page_path in OUTLET_READS:
        api = api_get(market, api_path.format(id=market.supermarket_id), who)
        page = pages.get(page_path.format(id=market.supermarket_id))
        assert (api.status_code, page.status_code) == (expected, expected), (who, api_path)


@pytest.mark.parametrize("who", ["officer", "auditor"])
def test_a_reader_who_cannot_record_sees_the_stock_page_without_recording_buttons(market, who):
    page = page_client(market, who).get(f"/counter/{market.supermarket_id}")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"/counter/{market.supermarket_id}/sale" not in html
    assert f"/counter/{market.supermarket_id}/today" in html


def test_a_reader_who_cannot_record_sees_expiring_lots_without_write_off_links(market):
    soon = (today() + timedelta(days=10)).isoformat()
    lines = [{"product_id": market.product_id, "qty": 1, "lot": "S1", "expires_on": soon}]
    created_id(market.post(f"/outlets/{market.supermarket_id}/receipts", {"lines": lines}))
    write_off = f"/counter/{market.supermarket_id}/write-off"

    officer = page_client(market, "officer").get(f"/counter/{market.supermarket_id}/alerts")
    staff = page_client(market, "staff").get(f"/counter/{market.supermarket_id}/alerts")

    assert "S1" in officer.get_data(as_text=True)
    assert write_off not in officer.get_data(as_text=True)
    assert write_off in staff.get_data(as_text=True)


def test_an_outlet_s_facts_are_read_by_any_signed_in_user_but_its_stock_by_its_readers(market):
    other = api_get(market, f"/outlets/{market.supermarket_id}", "point_staff")
    own = api_get(market, f"/outlets/{market.supermarket_id}", "staff")

    assert other.status_code == own.status_code == 200
    assert other.get_json()["name"] == "WinMart" and other.get_json()["listings"]
    assert "stock" not in other.get_json()
    assert own.get_json()["stock"]


@pytest.mark.parametrize("who", ROLES)
def test_only_log_readers_read_a_record_as_it_stood_before_through_both_doors(market, who):
    pages = page_client(market, who)
    expected = 200 if who in ("admin", "auditor") else 403

    for kind, record in (("products", market.product_id), ("outlets", market.supermarket_id)):
        for query in (f"?as_of={today()}", "?as_of_version=1"):
            page = pages.get(f"/audit/{kind}/{record}/as-of{query}").status_code
            assert page == expected, (kind, query)
            if (kind, query) != ("products", f"?as_of={today()}"):
                api = api_get(market, f"/{kind}/{record}{query}", who).status_code
                assert api == expected, (kind, query)
    assert api_get(market, f"/products/{market.product_id}", who).status_code == 200


@pytest.mark.parametrize("who", ROLES)
def test_every_signed_in_user_reads_a_products_certificate_on_a_past_day(market, who):
    """The contract's GET /products/{id}?as_of=DATE: the register is public; the auditors'
    as-of page shows the whole record as recorded, and stays theirs."""
    answer = api_get(market, f"/products/{market.product_id}?as_of={today()}", who)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["certificate"] is not None


# The sales report ----------------------------------------------------------------------------


def test_staff_sales_report_counts_only_their_outlets(market):
    sell_at_the_point(market, 2)
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(3), as_="staff"))

    def outlets_reported(who: str) -> dict[str, int]:
        response = api_get(market, "/reports/sales?by=outlet", who)
        assert response.status_code == 200, response.get_json()
        return {item["key"]: item["qty"] for item in response.get_json()["items"]}

    assert outlets_reported("point_staff") == {market.point_id: 2}
    assert outlets_reported("staff") == {market.supermarket_id: 3}
    assert outlets_reported("officer") == {market.point_id: 2, market.supermarket_id: 3}


def test_staff_asking_the_sales_of_another_outlet_are_refused(market):
    sell_at_the_point(market, 2)

    response = api_get(market, f"/reports/sales?outlet_id={market.point_id}", "staff")

    assert_error(response, 403, "forbidden")


def test_an_outlet_filter_narrows_the_sales_report(market):
    sell_at_the_point(market, 2)
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(3), as_="staff"))

    response = api_get(market, f"/reports/sales?outlet_id={market.point_id}", "officer")

    assert response.status_code == 200
    assert response.get_json()["total_qty"] == 2


@pytest.mark.parametrize("who", ROLES)
def test_programme_wide_reads_are_open_to_every_signed_in_user_through_both_doors(market, who):
    pages = page_client(market, who)

    for path in ("/coverage", "/targets?province=Hà Nội&year=2024", "/catalogue", "/users/me"):
        assert api_get(market, path, who).status_code == 200, path
    assert api_get(market, f"/products/{market.product_id}", who).status_code == 200
    for path in ("/dashboard", "/catalogue"):
        assert pages.get(path).status_code == 200, path


@pytest.mark.parametrize("who", ROLES)
def test_the_event_log_is_read_by_the_same_roles_through_both_doors(market, who):
    api = api_get(market, "/events", who).status_code
    page = page_client(market, who).get("/audit").status_code

    assert api == page == (200 if who in ("admin", "auditor") else 403)


# Unknown query arguments ---------------------------------------------------------------------


# Every GET of the API, with its path filled in (the test below checks none is missing).
def api_reads(market) -> dict[str, str]:
    outlet, product = market.supermarket_id, market.product_id
    return {
        "/api/v1/<any(products, outlets, producers):kind>/<uuid:aggregate_id>/history": (
            f"/products/{product}/history"
        ),
        "/api/v1/audit/verify": "/audit/verify",
        "/api/v1/audit/checkpoint": "/audit/checkpoint",
        "/api/v1/audit/verifier-key": "/audit/verifier-key",
        "/api/v1/audit/proof/inclusion": "/audit/proof/inclusion?position=1",
        "/api/v1/audit/proof/consistency": "/audit/proof/consistency?from=1&to=1",
        "/api/v1/catalogue": "/catalogue",
        "/api/v1/catalogue/export": "/catalogue/export",
        "/api/v1/coverage": "/coverage",
        "/api/v1/events": "/events",
        "/api/v1/events/export": "/events/export",
        "/api/v1/outlets": "/outlets",
        "/api/v1/outlets/<uuid:outlet_id>": f"/outlets/{outlet}",
        "/api/v1/outlets/<uuid:outlet_id>/expiring": f"/outlets/{outlet}/expiring",
        "/api/v1/outlets/<uuid:outlet_id>/inventory": f"/outlets/{outlet}/inventory",
        "/api/v1/outlets/<uuid:outlet_id>/inventory/export": f"/outlets/{outlet}/inventory/export",
        "/api/v1/outlets/<uuid:outlet_id>/low-stock": f"/outlets/{outlet}/low-stock",
        "/api/v1/outlets/<uuid:outlet_id>/till": f"/outlets/{outlet}/till",
        "/api/v1/outlets/<uuid:outlet_id>/transfers": f"/outlets/{outlet}/transfers",
        "/api/v1/places": "/places",
        "/api/v1/producers": "/producers",
        "/api/v1/producers/<uuid:producer_id>": f"/producers/{market.producer_id}",
        "/api/v1/products": "/products",
        "/api/v1/products/<uuid:product_id>": f"/products/{product}",
        "/api/v1/reports/sales": "/reports/sales",
        "/api/v1/reports/sales/export": "/reports/sales/export",
        "/api/v1/targets": "/targets?province=Hà Nội&year=2024",
        "/api/v1/users/me": "/users/me",
        "/api/v1/users": "/users",
        "/api/v1/users/<uuid:user_id>": f"/users/{_someone(market)}",
    }


def _someone(market) -> str:
    return market.app.extensions["ocop"].accounts()[0]["id"]


def test_every_get_of_the_api_is_in_the_table(market):
    rules = {r.rule for r in market.app.url_map.iter_rules() if "GET" in r.methods}

    assert {rule for rule in rules if rule.startswith(API)} == set(api_reads(market))


def test_unknown_query_argument_is_refused_with_422(market):
    for path in api_reads(market).values():
        joiner = "&" if "?" in path else "?"
        response = api_get(market, f"{path}{joiner}outlet=x", "admin")

        error = assert_error(response, 422)
        assert "outlet" in error.get("fields", {}), (path, error)


def test_a_misspelt_filter_is_refused_not_answered_unfiltered(market):
    response = api_get(market, f"/reports/sales?outlet_ids={market.point_id}", "officer")

    error = assert_error(response, 422)
    assert list(error["fields"]) == ["outlet_ids"]


def test_a_query_argument_given_twice_is_refused_not_read_once(market):
    own, other = market.supermarket_id, market.point_id
    path = f"/reports/sales?outlet_id={own}&outlet_id={other}"

    error = assert_error(api_get(market, path, "staff"), 422)

    assert list(error["fields"]) == ["outlet_id"]


def test_known_query_arguments_are_still_taken(market):
    response = api_get(market, f"/outlets/{market.supermarket_id}/expiring?days=5", "staff")

    assert response.status_code == 200


def test_pages_ignore_query_arguments_they_do_not_take(market):
    pages = page_client(market, "officer")

    assert pages.get("/dashboard?utm_source=zalo").status_code == 200
    assert pages.get("/catalogue?fbclid=abc").status_code == 200
