"""The users' lifecycle over the API: passwords, roles, bindings, disabling, the admin's list,
and the tokens each change ends."""

import pytest

from tests.e2e.conftest import API, PASSWORD, assert_error, sign_in, sold_events

NEW = "a brand new secret"


def me(market, headers) -> dict:
    response = market.client.get(f"{API}/users/me", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def refused_token(market, headers) -> None:
    assert_error(market.client.get(f"{API}/users/me", headers=headers), 401, "unauthorized")


def test_a_user_changes_their_password_and_earlier_tokens_end(market):
    officer = market.headers("officer")
    other_token = sign_in(market.client, "officer")
    response = market.post(
        "/users/me/password", {"current_password": PASSWORD, "new_password": NEW}, "officer"
    )
    assert response.status_code == 204, response.get_json()
    refused_token(market, officer)
    refused_token(market, other_token)
    assert me(market, sign_in(market.client, "officer", NEW))["role"] == "officer"
    refused = market.client.post(
        f"{API}/auth/token", json={"username": "officer", "password": PASSWORD}
    )
    assert_error(refused, 401, "unauthorized")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": "not it at all", "new_password": NEW}, "current_password"),
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
        ({"current_password": PASSWORD, "new_password": "OFFICER"}, "new_password"),
        ({"current_password": PASSWORD}, "new_password"),
    ],
)
def test_a_refused_password_change_names_the_field_and_changes_nothing(market, body, field):
    officer = market.headers("officer")
    before = market.recorded()
    error = assert_error(market.post("/users/me/password", body, "officer"), 422)
    assert field in error["fields"]
    assert market.recorded() == before
    assert me(market, officer)["username"] == "officer"


def test_an_admin_resets_a_password_and_the_users_tokens_end(market):
    officer = market.headers("officer")
    user_id = me(market, officer)["id"]
    assert_error(market.post(f"/users/{user_id}/password", {"new_password": NEW}, "auditor"), 403)
    assert_error(market.post(f"/users/{user_id}/password", {"new_password": "short"}), 422)
    unknown = "00000000-0000-0000-0000-000000000007"
    assert_error(market.post(f"/users/{unknown}/password", {"new_password": NEW}), 404)
    own = me(market, market.admin)["id"]
    assert_error(market.post(f"/users/{own}/password", {"new_password": NEW}), 409)

    assert market.post(f"/users/{user_id}/password", {"new_password": NEW}).status_code == 204
    refused_token(market, officer)
    assert me(market, sign_in(market.client, "officer", NEW))["id"] == user_id


def test_an_admin_changes_a_role_and_the_users_tokens_end(market):
    officer = market.headers("officer")
    user_id = me(market, officer)["id"]
    patch = market.client.patch
    url = f"{API}/users/{user_id}"
    assert_error(patch(url, json={"role": "admin"}, headers=officer), 403)
    assert_error(patch(url, json={"role": "boss"}, headers=market.admin), 422)
    assert_error(patch(url, json={"role": "officer"}, headers=market.admin), 409)
    own = me(market, market.admin)["id"]
    assert_error(patch(f"{API}/users/{own}", json={"role": "officer"}, headers=market.admin), 409)

    changed = patch(url, json={"role": "auditor"}, headers=market.admin)
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["role"] == "auditor" and changed.get_json()["disabled"] is False
    refused_token(market, officer)
    assert me(market, sign_in(market.client, "officer"))["role"] == "auditor"


def test_a_disabled_user_cannot_sign_in_and_enabling_does_not_revive_old_tokens(market):
    officer = market.headers("officer")
    user_id = me(market, officer)["id"]
    assert market.post(f"/users/{user_id}/disable", None).status_code == 204
    refused_token(market, officer)
    signing_in = {"username": "officer", "password": PASSWORD}
    wrong = {"username": "officer", "password": "wrong password"}
    disabled = assert_error(market.client.post(f"{API}/auth/token", json=signing_in), 401)
    assert disabled == assert_error(market.client.post(f"{API}/auth/token", json=wrong), 401)
    assert_error(market.post(f"/users/{user_id}/disable", None), 409)

    assert market.post(f"/users/{user_id}/enable", None).status_code == 204
    assert_error(market.post(f"/users/{user_id}/enable", None), 409)
    refused_token(market, officer)
    assert me(market, sign_in(market.client, "officer"))["id"] == user_id


def test_an_admin_cannot_disable_themselves(market):
    own = me(market, market.admin)["id"]
    assert_error(market.post(f"/users/{own}/disable", None), 409)
    assert me(market, market.admin)["id"] == own


def test_unbinding_ends_the_staff_members_tokens_and_their_writes_there(market):
    staff = market.headers("staff")
    user_id = me(market, staff)["id"]
    assert (
        market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "staff").status_code
        == 201
    )
    url = f"{API}/users/{user_id}/outlets/{market.supermarket_id}"
    assert_error(market.client.delete(url, headers=staff), 403)

    assert market.client.delete(url, headers=market.admin).status_code == 204
    sold = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1), "staff")
    assert_error(sold, 401)
    fresh = sign_in(market.client, "staff")
    assert me(market, fresh)["outlet_ids"] == []
    again = market.client.post(
        f"{API}/outlets/{market.supermarket_id}/sales", json=market.sale(1), headers=fresh
    )
    assert_error(again, 403)
    assert sold_events(market.app) == 1
    error = assert_error(market.client.delete(url, headers=market.admin), 409)
    assert "outlet_id" in error["fields"]


def test_the_admin_lists_and_reads_accounts(market):
    market.headers("officer")
    staff_id = me(market, market.headers("staff"))["id"]
    listed = market.client.get(f"{API}/users", headers=market.admin)
    assert listed.status_code == 200
    items = listed.get_json()["items"]
    assert [u["username"] for u in items] == ["admin", "officer", "staff"]
    assert all(u["disabled"] is False and "password" not in u for u in items)
    one = market.client.get(f"{API}/users/{staff_id}", headers=market.admin).get_json()
    assert one == {key: items[2][key] for key in one}  # the list also names the outlets
    assert one["outlet_ids"] == [market.supermarket_id]
    assert items[2]["outlets"] == [{"id": market.supermarket_id, "name": "WinMart"}]
    assert_error(market.client.get(f"{API}/users", headers=market.headers("officer")), 403)
    unknown = f"{API}/users/00000000-0000-0000-0000-000000000007"
    assert_error(market.client.get(unknown, headers=market.admin), 404)


def test_signing_out_ends_that_token_only(market):
    first = market.headers("officer")
    second = sign_in(market.client, "officer")
    assert market.client.delete(f"{API}/auth/token", headers=first).status_code == 204
    refused_token(market, first)
    assert me(market, second)["username"] == "officer"
    assert_error(market.client.delete(f"{API}/auth/token", headers=first), 401)
    assert_error(market.client.delete(f"{API}/auth/token"), 401)


def test_a_write_with_a_signed_out_token_is_401_and_records_nothing(market):
    staff = market.headers("staff")
    sale_url = f"{API}/outlets/{market.supermarket_id}/sales"
    assert market.client.post(sale_url, json=market.sale(1), headers=staff).status_code == 201
    # This worker now trusts its cached principal for the staff member's writes.
    assert market.client.delete(f"{API}/auth/token", headers=staff).status_code == 204
    assert_error(market.client.post(sale_url, json=market.sale(1), headers=staff), 401)
    assert sold_events(market.app) == 1


def test_an_admin_acting_on_their_own_account_is_told_so(market):
    own = me(market, market.admin)["id"]
    error = assert_error(market.post(f"/users/{own}/disable", None), 409)
    assert "your own" in error["fields"]["user_id"][0]


def test_an_idempotent_password_change_is_fingerprinted_only_by_a_keyed_digest(app, client):
    """The request-key store keeps a fingerprint of each request sent with a key; a plain
    SHA-256 over a body holding a password would be a fast, unsalted hash of it."""
    import hashlib

    from marketplace.persistence import RequestKey
    from tests.e2e.conftest import API, PASSWORD, user

    headers = user(app, client, "binh", "officer")
    body = b'{"current_password": "%s", "new_password": "a brand new password"}' % (
        PASSWORD.encode()
    )
    answer = client.post(
        f"{API}/users/me/password",
        data=body,
        content_type="application/json",
        headers={**headers, "Idempotency-Key": "change-1"},
    )
    assert answer.status_code == 204, answer.get_json()
    market = app.extensions["ocop"]
    user_id = next(a["id"] for a in market.accounts() if a["username"] == "binh")
    stored = market.recorder.select_result(RequestKey(str(user_id), "change-1", ""))
    plain = hashlib.sha256(b"POST /api/v1/users/me/password?\n" + body).hexdigest()
    assert stored is not None and stored.fingerprint != plain
