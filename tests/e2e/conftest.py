"""End-to-end helpers: sign in over HTTP and build a small marketplace through the API.

Every test here runs twice, on a SQLite file and on a PostgreSQL schema (see tests/conftest.py).
"""

import threading
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import TEST_CONFIG
from web import create_app

API = "/api/v1"
PASSWORD = "correct horse battery"
OPENED_ON = "2024-01-01"
ISSUED_ON = "2024-03-15"


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    """POST /auth/token and return the Authorization header for the token."""
    response = client.post(f"{API}/auth/token", json={"username": username, "password": password})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def register(app: Flask, username: str, role: str, outlet_ids: tuple[str, ...] = ()) -> None:
    """Create a user directly through the application (there is no admin yet to do it over HTTP)."""
    app.extensions["ocop"].register_user(
        username, role, PASSWORD, [UUID(outlet_id) for outlet_id in outlet_ids]
    )


def user(app: Flask, client: FlaskClient, username: str, role: str, *outlets: str) -> dict:
    """Register a user and sign them in; return their Authorization header."""
    register(app, username, role, outlets)
    return sign_in(client, username)


def events_recorded(app: Flask) -> int:
    """The position of the last event in the store (0 when empty)."""
    return app.extensions["ocop"].recorder.max_notification_id() or 0


def sold_events(app: Flask) -> int:
    """How many Outlet.Sold events the store holds."""
    notifications = app.extensions["ocop"].recorder.select_notifications(start=1, limit=10000)
    return sum(1 for n in notifications if n.topic.endswith("Outlet.Sold"))


def created_id(response: Any) -> str:
    """Assert a create's contract answer (201 with {id}) and return the id."""
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert str(UUID(body["id"])) == body["id"]
    return body["id"]


def assert_error(response: Any, status: int, code: str | None = None) -> dict:
    """Assert the contract's error shape {"error": {"code", "message", "fields"?}}, with a
    refusal's "reason" and its "params" together or not at all; return it."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) <= {"code", "message", "fields", "reason", "params"}
    assert ("reason" in error) == ("params" in error)
    if "reason" in error:
        assert isinstance(error["reason"], str) and isinstance(error["params"], dict)
    if code is not None:
        assert error["code"] == code
    return error


def only_keys_of(expected: Any, actual: Any) -> Any:
    """``actual`` cut down to the keys ``expected`` names (recursively): the contract is a
    minimum, so answers may carry more."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {
            k: only_keys_of(v, actual[k]) if k in actual else "<missing>"
            for k, v in expected.items()
        }
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [only_keys_of(e, a) for e, a in zip(expected, actual, strict=True)]
    return actual


def on_hand(client: FlaskClient, headers: dict, outlet_id: str) -> dict[str, int]:
    """GET /outlets/{id}/inventory as {product_id: on_hand}."""
    response = client.get(f"{API}/outlets/{outlet_id}/inventory", headers=headers)
    assert response.status_code == 200, response.get_json()
    return {item["product_id"]: item["on_hand"] for item in response.get_json()["items"]}


def post_together(app, requests: list[tuple[str, dict, dict]]) -> list:
    """POST each (url, body, headers) from its own thread and test client, all released at once."""
    barrier = threading.Barrier(len(requests))
    answers: list = [None] * len(requests)

    def send(index: int, url: str, body: dict, headers: dict) -> None:
        client = app.test_client()
        try:
            barrier.wait()
            response = client.post(url, json=body, headers=headers)
            answers[index] = (response.status_code, response.get_json())
        except Exception as error:  # noqa: BLE001 (handed to the test thread to fail there)
            answers[index] = error

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for answer in answers:
        if isinstance(answer, Exception):
            raise answer
    return answers


@dataclass
class Market:
    """A marketplace built over HTTP: one producer, two certified products, a stocked supermarket
    and an OCOP point. Other users are registered and signed in the first time they are used."""

    app: Flask
    client: FlaskClient
    admin: dict[str, str]
    producer_id: str = ""
    product_id: str = ""
    other_product_id: str = ""
    supermarket_id: str = ""
    point_id: str = ""
    _headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def headers(self, who: str) -> dict[str, str]:
        """The Authorization header of admin, officer, auditor, staff (of the supermarket)
        or point_staff (of the OCOP point)."""
        if who == "admin":
            return self.admin
        if who not in self._headers:
            role, outlets = {
                "officer": ("officer", ()),
                "auditor": ("auditor", ()),
                "staff": ("staff", (self.supermarket_id,)),
                "point_staff": ("staff", (self.point_id,)),
            }[who]
            self._headers[who] = user(self.app, self.client, who.replace("_", "-"), role, *outlets)
        return self._headers[who]

    def post(self, path: str, body: Any, as_: str = "admin", **headers: str):
        """POST JSON to /api/v1{path} as one of the users."""
        return self.client.post(f"{API}{path}", json=body, headers={**self.headers(as_), **headers})

    def recorded(self) -> int:
        """The position of the last event in the store."""
        return events_recorded(self.app)

    def stock(self, outlet_id: str | None = None) -> dict[str, int]:
        """The supermarket's (or another outlet's) on-hand stock by product id."""
        return on_hand(self.client, self.admin, outlet_id or self.supermarket_id)

    def sale(self, qty: int, product_id: str | None = None) -> dict:
        """A one-line sale body."""
        line = {"product_id": product_id or self.product_id, "qty": qty, "unit_price_vnd": 85000}
        return {"lines": [line]}


@pytest.fixture
def market(app: Flask, client: FlaskClient) -> Market:
    """Admin builds, over HTTP: a producer, two products certified on ISSUED_ON, a supermarket
    listing both with 10 (lot L1) and 4 in stock, and an OCOP point with nothing."""
    m = Market(app, client, user(app, client, "admin", "admin"))
    m.producer_id = created_id(
        m.post(
            "/producers",
            {
                "name": "HTX Chè Tân Cương",
                "kind": "cooperative",
                "province": "Thái Nguyên",
                "district": "Thái Nguyên",
                "commune": "Tân Cương",
            },
        )
    )
    product = {"producer_id": m.producer_id, "group": "beverage", "unit": "hộp 200g"}
    m.product_id = created_id(m.post("/products", {**product, "name": "Chè", "price_vnd": 85000}))
    m.other_product_id = created_id(
        m.post("/products", {**product, "name": "Chè búp", "price_vnd": 120000})
    )
    for number, product_id in enumerate((m.product_id, m.other_product_id)):
        certificate = {"score": 75, "certified_on": ISSUED_ON, "certificate_no": f"TN-{number}"}
        assert m.post(f"/products/{product_id}/certifications", certificate).status_code == 201
    place = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
    m.supermarket_id = created_id(
        m.post(
            "/outlets", {"name": "WinMart", "kind": "supermarket", "opened_on": OPENED_ON, **place}
        )
    )
    m.point_id = created_id(
        m.post(
            "/outlets", {"name": "Điểm OCOP", "kind": "ocop_point", "opened_on": OPENED_ON, **place}
        )
    )
    for product_id in (m.product_id, m.other_product_id):
        created_id(m.post(f"/outlets/{m.supermarket_id}/listings", {"product_id": product_id}))
    lines = [
        {"product_id": m.product_id, "qty": 10, "lot": "L1", "expires_on": "2099-12-31"},
        {"product_id": m.other_product_id, "qty": 4},
    ]
    created_id(m.post(f"/outlets/{m.supermarket_id}/receipts", {"lines": lines}))
    return m


@pytest.fixture
def other_worker(app, database_url):
    """A second web app on the same store, as another gunicorn worker would be."""
    other = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url})
    other.config["TESTING"] = True
    other.config["SECRET_KEY"] = app.config["SECRET_KEY"]
    yield other
    other.extensions["ocop_read"].close()
    other.extensions["ocop"].close()
