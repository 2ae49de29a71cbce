"""Sign-in, bearer tokens, and what each role may record."""

from uuid import UUID, uuid4

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from tests.e2e.conftest import API, PASSWORD, assert_error, created_id, sign_in

TOKEN_SALT = "ocop-api-token"
LONG_AGO = 1_600_000_000  # 2020-09-13: far beyond any token lifetime


class SignedLongAgo(TimestampSigner):
    """Signs as if the clock read LONG_AGO, so a token is already expired without waiting."""

    def get_timestamp(self) -> int:
        return LONG_AGO


def token(app, user_id: UUID | str, *, secret: str | None = None, signer=TimestampSigner) -> str:
    serializer = URLSafeTimedSerializer(
        secret or app.config["SECRET_KEY"], salt=TOKEN_SALT, signer=signer
    )
    return serializer.dumps({"uid": str(user_id), "sid": uuid4().hex, "gen": 0})


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def producer() -> dict:
    return {
        "name": "HTX Mây tre",
        "kind": "cooperative",
        "province": "Hà Nội",
        "commune": "Phú Nghĩa",
    }


def outlet() -> dict:
    return {
        "name": "Điểm OCOP Chương Mỹ",
        "kind": "ocop_point",
        "province": "Hà Nội",
        "commune": "Chúc Sơn",
        "opened_on": "2024-05-01",
    }


# Sign-in and tokens ----------------------------------------------------------------------


def test_sign_in_answers_a_bearer_token_that_opens_the_api(market):
    response = market.client.get(f"{API}/users/me", headers=market.admin)

    assert response.status_code == 200
    assert response.get_json()["username"] == "admin"


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param({"username": "admin", "password": "wrong password"}, id="wrong-password"),
        pytest.param({"username": "nobody", "password": PASSWORD}, id="unknown-user"),
    ],
)
def test_sign_in_with_bad_credentials_is_401(market, credentials):
    response = market.client.post(f"{API}/auth/token", json=credentials)

    assert_error(response, 401, "unauthorized")
    assert "token" not in response.get_json()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/outlets/{outlet}/inventory"),
        ("POST", "/producers"),
        ("POST", "/outlets/{outlet}/sales"),
        ("GET", "/products/{product}"),
    ],
)
def test_request_without_a_token_is_401_with_the_json_error_shape(market, method, path):
    before = market.recorded()
    url = API + path.format(outlet=market.supermarket_id, product=market.product_id)

    response = market.client.open(url, method=method, json=producer())

    assert_error(response, 401, "unauthorized")
    assert market.recorded() == before


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(lambda app, admin: "Bearer not-a-token", id="garbled"),
        pytest.param(lambda app, admin: "Bearer " + admin[:-4] + "AAAA", id="tampered-signature"),
        pytest.param(
            lambda app, admin: "Bearer " + token(app, UUID(int=1), secret="other"),
            id="signed-with-another-key",
        ),
        pytest.param(lambda app, admin: "Bearer " + token(app, UUID(int=1)), id="unknown-user"),
        pytest.param(lambda app, admin: "Basic YWRtaW46cGFzc3dvcmQ=", id="not-bearer"),
        pytest.param(lambda app, admin: "Bearer ", id="empty-bearer"),
        pytest.param(lambda app, admin: admin, id="token-without-scheme"),
    ],
)
def test_bad_or_garbled_token_is_401_and_records_nothing(market, authorization):
    admin_token = market.admin["Authorization"].removeprefix("Bearer ")
    before = market.recorded()

    response = market.client.post(
        f"{API}/producers",
        json=producer(),
        headers={"Authorization": authorization(market.app, admin_token)},
    )

    assert_error(response, 401, "unauthorized")
    assert market.recorded() == before


def test_expired_token_is_401_while_a_fresh_one_for_the_same_user_works(market):
    me = market.client.get(f"{API}/users/me", headers=market.admin).get_json()
    expired = bearer(token(market.app, me["id"], signer=SignedLongAgo))
    fresh = bearer(token(market.app, me["id"]))

    response = market.client.get(f"{API}/users/me", headers=expired)

    assert "expired" in assert_error(response, 401, "unauthorized")["message"]
    assert market.client.get(f"{API}/users/me", headers=fresh).status_code == 200


def test_a_token_of_the_format_before_sessions_is_401(market):
    me = market.client.get(f"{API}/users/me", headers=market.admin).get_json()
    serializer = URLSafeTimedSerializer(market.app.config["SECRET_KEY"], salt=TOKEN_SALT)
    old = bearer(serializer.dumps({"uid": me["id"]}))

    assert_error(market.client.get(f"{API}/users/me", headers=old), 401, "unauthorized")


# Roles -----------------------------------------------------------------------------------


def _writes(m):
    """Every kind of write, as (path, body), against the market fixture's records."""
    return {
        "producers": ("/producers", producer()),
        "products": (
            "/products",
            {
                "producer_id": m.producer_id,
                "name": "Nón lá",
                "group": "handicraft",
                "unit": "chiếc",
                "price_vnd": 90000,
            },
        ),
        "certifications": (
            f"/products/{m.product_id}/certifications",
            {"score": 80, "certified_on": "2025-02-01", "certificate_no": "X-1"},
        ),
        "outlets": ("/outlets", outlet()),
        "listings": (f"/outlets/{m.point_id}/listings", {"product_id": m.product_id}),
        "receipts": (
            f"/outlets/{m.supermarket_id}/receipts",
            {"lines": [{"product_id": m.product_id, "qty": 1}]},
        ),
        "sales": (f"/outlets/{m.supermarket_id}/sales", m.sale(1)),
        "users": ("/users", {"username": "newbie", "role": "staff", "password": PASSWORD}),
    }


EVERY_WRITE = ["producers", "products", "certifications", "outlets", "listings", "receipts"]
EVERY_WRITE += ["sales", "users"]


@pytest.mark.parametrize("write", EVERY_WRITE)
def test_auditor_may_not_record_anything_403_and_nothing_recorded(market, write):
    path, body = _writes(market)[write]
    market.headers("auditor")  # signed in before counting events
    before = market.recorded()

    response = market.post(path, body, as_="auditor")

    assert_error(response, 403, "forbidden")
    assert market.recorded() == before


def test_auditor_may_read_products_and_inventory(market):
    auditor = market.headers("auditor")

    product = market.client.get(f"{API}/products/{market.product_id}", headers=auditor)
    stock = market.client.get(f"{API}/outlets/{market.supermarket_id}/inventory", headers=auditor)

    assert (product.status_code, stock.status_code) == (200, 200)


@pytest.mark.parametrize("write", ["listings", "receipts", "sales"])
def test_staff_may_not_write_to_an_outlet_they_are_not_bound_to(market, write):
    path, body = _writes(market)[write]
    path = path.replace(market.point_id, market.supermarket_id)  # staff are bound to the point
    market.headers("point_staff")  # signed in before counting events
    before = market.recorded()

    response = market.post(path, body, as_="point_staff")

    assert_error(response, 403, "forbidden")
    assert market.recorded() == before
    assert market.stock()[market.product_id] == 10


@pytest.mark.parametrize("write", ["producers", "products", "certifications", "outlets", "users"])
def test_staff_may_not_keep_the_programme_registers(market, write):
    path, body = _writes(market)[write]
    market.headers("staff")  # signed in before counting events
    before = market.recorded()

    assert_error(market.post(path, body, as_="staff"), 403, "forbidden")
    assert market.recorded() == before


def test_staff_bound_to_the_outlet_may_receive_and_sell_there(market):
    receipt = {"lines": [{"product_id": market.product_id, "qty": 5, "lot": "L2"}]}

    created_id(market.post(f"/outlets/{market.supermarket_id}/receipts", receipt, as_="staff"))
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(12), as_="staff"))

    assert market.stock()[market.product_id] == 3


@pytest.mark.parametrize("write", ["producers", "products", "certifications", "outlets"])
def test_officer_may_register_producers_products_and_outlets(market, write):
    path, body = _writes(market)[write]

    response = market.post(path, body, as_="officer")

    assert response.status_code == 201, response.get_json()
    assert UUID(response.get_json()["id"])


@pytest.mark.parametrize("write", ["listings", "receipts", "sales", "users"])
def test_officer_may_not_sell_stock_or_list_at_an_outlet_nor_manage_users(market, write):
    path, body = _writes(market)[write]
    market.headers("officer")  # signed in before counting events
    before = market.recorded()

    assert_error(market.post(path, body, as_="officer"), 403, "forbidden")
    assert market.recorded() == before
    assert market.stock()[market.product_id] == 10


@pytest.mark.parametrize("who", ["point_staff", "officer", "auditor"])
def test_only_staff_of_the_outlet_or_an_admin_may_delist_a_product(market, who):
    path = f"{API}/outlets/{market.supermarket_id}/listings/{market.product_id}"
    headers = market.headers(who)
    before = market.recorded()

    assert_error(market.client.delete(path, headers=headers), 403, "forbidden")
    assert market.recorded() == before
    assert market.client.delete(path, headers=market.headers("staff")).status_code == 204


def test_admin_may_register_a_user_who_can_then_sign_in(market):
    path, body = _writes(market)["users"]
    body = {**body, "outlet_ids": [market.point_id]}

    response = market.post(path, body)

    user_id = created_id(response)
    me = market.client.get(f"{API}/users/me", headers=sign_in(market.client, "newbie")).get_json()
    assert me == {
        "id": user_id,
        "username": "newbie",
        "role": "staff",
        "outlet_ids": [market.point_id],
    }
