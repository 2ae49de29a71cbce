"""Ending sessions: a signed-out page cookie or token, and one from before a revoking change,
is refused at the very next request, in every worker (here: a second app on the same store)."""

import re
from uuid import UUID

from tests.e2e.conftest import API, PASSWORD, assert_error, sign_in, sold_events


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]*)"', html).group(1)


def sign_in_page(client, username: str, password: str = PASSWORD) -> None:
    token = csrf(client.get("/sign-in").get_data(as_text=True))
    signed = client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": password}
    )
    assert signed.status_code == 302 and "/sign-in" not in signed.location


def opens_counter(client) -> bool:
    response = client.get("/counter")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def copy_of(app, client):
    """Another browser holding a copy of this client's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_no_longer_opens_pages_after_sign_out(market):
    market.headers("staff")
    client = market.app.test_client()
    sign_in_page(client, "staff")
    thief = copy_of(market.app, client)
    assert opens_counter(thief)

    token = csrf(client.get("/counter").get_data(as_text=True))
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302

    replayed = thief.get("/counter")
    assert replayed.status_code == 302 and "/sign-in" in replayed.location


def test_a_page_session_from_before_a_password_change_goes_to_sign_in(market):
    staff = market.headers("staff")
    client = market.app.test_client()
    sign_in_page(client, "staff")
    assert opens_counter(client)
    change = {"current_password": PASSWORD, "new_password": "a brand new secret"}
    assert (
        market.client.post(f"{API}/users/me/password", json=change, headers=staff).status_code
        == 204
    )

    assert not opens_counter(client)
    sign_in_page(client, "staff", "a brand new secret")
    assert opens_counter(client)


def test_a_page_session_of_a_disabled_user_goes_to_sign_in(market):
    user_id = market.client.get(f"{API}/users/me", headers=market.headers("staff")).get_json()["id"]
    client = market.app.test_client()
    sign_in_page(client, "staff")
    assert market.post(f"/users/{user_id}/disable", None).status_code == 204
    assert not opens_counter(client)


def test_a_revocation_through_another_worker_counts_at_the_next_request(market, other_worker):
    staff = market.headers("staff")
    user_id = market.client.get(f"{API}/users/me", headers=staff).get_json()["id"]
    sale_url = f"{API}/outlets/{market.supermarket_id}/sales"
    assert market.client.post(sale_url, json=market.sale(1), headers=staff).status_code == 201
    assert market.app.extensions["ocop"].cached_principal(UUID(user_id)) is not None

    reset = other_worker.test_client().post(
        f"{API}/users/{user_id}/password",
        json={"new_password": "set by the admin"},
        headers=market.admin,
    )
    assert reset.status_code == 204

    assert_error(market.client.post(sale_url, json=market.sale(1), headers=staff), 401)
    assert_error(market.client.get(f"{API}/users/me", headers=staff), 401)
    assert sold_events(market.app) == 1


def test_a_sign_out_through_another_worker_counts_at_the_next_request(market, other_worker):
    staff = market.headers("staff")
    sale_url = f"{API}/outlets/{market.supermarket_id}/sales"
    assert market.client.post(sale_url, json=market.sale(1), headers=staff).status_code == 201
    other = other_worker.test_client()
    assert other.delete(f"{API}/auth/token", headers=staff).status_code == 204

    assert_error(market.client.post(sale_url, json=market.sale(1), headers=staff), 401)
    assert_error(market.client.get(f"{API}/users/me", headers=staff), 401)
    assert sold_events(market.app) == 1
    fresh = sign_in(market.client, "staff")
    assert market.client.post(sale_url, json=market.sale(1), headers=fresh).status_code == 201
