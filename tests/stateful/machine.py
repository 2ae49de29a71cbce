"""The marketplace driven through its real HTTP API, with the reference replaying its log.

``MarketplaceMachine`` owns one fresh store per example (SQLite file or PostgreSQL schema, made
by ``make_store``), the Flask app on it with inline projections, an admin's token and a signed-in
page session. ``send`` is the one way a command goes in: it fails on a 5xx, reads the new events
of the log as an auditor would, feeds them to the reference, and fails if a refused request
(4xx) recorded anything or an accepted one recorded nothing. The commands are in
``test_marketplace_stateful.py``; teach the machine a new command there with a ``@rule`` that
calls ``send``, and the reference the events it records (``reference.py``).
"""

import re
from collections.abc import Callable
from typing import Any

from hypothesis.stateful import Bundle, RuleBasedStateMachine

from marketplace.clock import today
from tests.conftest import TEST_CONFIG
from tests.stateful.reference import Reference

API = "/api/v1"
PASSWORD = "correct horse battery"
PAGE_SIZE = 500


class MarketplaceMachine(RuleBasedStateMachine):
    """State and plumbing; the rules and invariants live in the test module's subclass."""

    make_store: Callable[[], str]
    producers = Bundle("producers")
    products = Bundle("products")
    outlets = Bundle("outlets")

    def __init__(self) -> None:
        super().__init__()
        from web import create_app

        self.app = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": type(self).make_store()})
        self.app.config["TESTING"] = True
        self.client = self.app.test_client()
        self.app.extensions["ocop"].register_user("admin", "admin", PASSWORD, [])
        token = self.client.post(
            f"{API}/auth/token", json={"username": "admin", "password": PASSWORD}
        ).get_json()["token"]
        self.headers = {"Authorization": f"Bearer {token}"}
        self.pages = self.app.test_client()
        self._sign_in_pages()
        self.today = today()
        self.ref = Reference(self.today)
        self.steps = 0
        self.touched: set[str] = set()
        self.read_log()

    def teardown(self) -> None:
        self.app.extensions["ocop_read"].close()
        self.app.extensions["ocop"].close()

    def _sign_in_pages(self) -> None:
        html = self.pages.get("/sign-in").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        answer = self.pages.post(
            "/sign-in", data={"csrf_token": token, "username": "admin", "password": PASSWORD}
        )
        assert answer.status_code == 302, answer.status_code

    # The log ----------------------------------------------------------------------------

    def read_log(self) -> int:
        """Feed the reference every event after the last one read; return how many came."""
        count = 0
        while True:
            answer = self.client.get(
                f"{API}/events",
                query_string={"after": self.ref.position, "limit": PAGE_SIZE},
                headers=self.headers,
            )
            assert answer.status_code == 200, f"GET /events: {answer.status_code} {answer.text}"
            items = answer.get_json()["items"]
            for record in items:
                self.ref.apply(record)
                self.touched.add(record["aggregate_id"])
                self.touched |= {v for k, v in record["data"].items() if k.endswith("_id")}
            count += len(items)
            if len(items) < PAGE_SIZE:
                return count

    # Commands ---------------------------------------------------------------------------

    def send(
        self, method: str, path: str, body: Any = None, key: str = "", again: bool = False, **query
    ) -> Any:
        """One command over HTTP: never a 5xx; refused means nothing recorded. With ``key`` it
        carries an Idempotency-Key; ``again`` says it repeats one, so it must record nothing."""
        self.steps += 1
        self.touched = set()
        headers = self.headers | ({"Idempotency-Key": key} if key else {})
        response = self.client.open(
            f"{API}{path}", method=method, json=body, query_string=query, headers=headers
        )
        what = f"{method} {path} {body!r} {query or ''} -> {response.status_code} {response.text}"
        assert response.status_code < 500, what
        recorded = self.read_log()
        if response.status_code >= 400 or again:
            assert response.status_code >= 400 or response.is_json, what
            assert recorded == 0, f"recorded {recorded} events: {what}"
        else:
            assert recorded > 0, f"accepted yet recorded nothing: {what}"
        return response

    def post(self, path: str, body: Any, key: str = "") -> Any:
        return self.send("POST", path, body, key)

    @staticmethod
    def created(response: Any) -> str | None:
        """The new record's id if the command was accepted."""
        return response.get_json()["id"] if response.status_code == 201 else None
