"""The marketplace driven through its real HTTP API, with the reference replaying its log.

``MarketplaceMachine`` owns one fresh store per example (SQLite file or PostgreSQL schema, made
by ``make_store``), the Flask app on it with inline projections, an admin's token and a signed-in
page session. ``send`` is the one way a command goes in: it fails on a 5xx, reads the new events
of the log as an auditor would, feeds them to the reference, and fails if a refused request
(4xx) recorded anything or an accepted one recorded nothing. The commands are in
``test_marketplace_stateful.py``; teach the machine a new command there with a ``@rule`` that
calls ``send``, and the reference the events it records (``reference.py``). The helpers at the end draw what
a command needs from the reference's state (what an outlet holds, its lots).
"""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine

from marketplace.clock import today
from tests.conftest import TEST_CONFIG
from tests.stateful import strategies as s
from tests.stateful.facts import SHELF_KINDS
from tests.stateful.reference import Reference
from web.read import POSITION_HEADER

API = "/api/v1"
PASSWORD = "correct horse battery"
PAGE_SIZE = 500
UNKNOWN = "00000000-0000-4000-8000-000000000000"


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
        self.headers = self.sign_in("admin")
        self.pages = self.app.test_client()
        self._sign_in_pages()
        self.today = today()
        self.ref = Reference(self.today)
        self.steps = 0
        self.touched: set[str] = set()
        self.tokens: dict[str, tuple[dict[str, str], int]] = {}  # user id → (header, generation)
        self.passwords: dict[str, str] = {}  # user id → password, where it is not PASSWORD
        self.typed_places: dict[str, dict] = {}  # outlet id → the place last typed for it
        self.read_log()

    def teardown(self) -> None:
        self.app.extensions["ocop_read"].close()
        self.app.extensions["ocop"].close()

    def sign_in(self, username: str) -> dict[str, str]:
        """POST /auth/token; the Authorization header of the user."""
        answer = self.client.post(
            f"{API}/auth/token", json={"username": username, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.get_json()['token']}"}

    def password_of(self, uid: str) -> str:
        """The user's password now (registered with PASSWORD, then reset or changed)."""
        return self.passwords.get(uid, PASSWORD)

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
        carries an Idempotency-Key; ``again`` says it repeats one, so it must record nothing;
        ``as_user`` sends it with another user's Authorization header."""
        self.steps += 1
        self.touched = set()
        headers = query.pop("as_user", self.headers) | ({"Idempotency-Key": key} if key else {})
        response = self.client.open(
            f"{API}{path}", method=method, json=body, query_string=query, headers=headers
        )
        what = f"{method} {path} {body!r} {query or ''} -> {response.status_code} {response.text}"
        assert response.status_code < 500, what
        recorded = self.read_log()
        assert not self.ref.violations, f"{what}\nbroke a rule:\n" + "\n".join(self.ref.violations)
        if response.status_code >= 400 or again:
            assert response.status_code >= 400 or response.is_json, what
            assert recorded == 0, f"recorded {recorded} events: {what}"
        else:
            assert recorded > 0, f"accepted yet recorded nothing: {what}"
        self._check_position(response, what)
        return response

    def _check_position(self, response: Any, what: str) -> None:
        """An accepted write answers a position a read must reach to show it: its last event's
        (a repeat: at or past its first answer's, which the log holds); a refusal answers none."""
        given = response.headers.get(POSITION_HEADER)
        if response.status_code >= 400:
            assert given is None, f"a refusal answered a position: {what}"
        else:
            assert given is not None and int(given) == self.ref.position, f"{given}: {what}"

    def post(self, path: str, body: Any, key: str = "") -> Any:
        return self.send("POST", path, body, key)

    @staticmethod
    def created(response: Any) -> str | None:
        """The new record's id if the command was accepted."""
        return response.get_json()["id"] if response.status_code == 201 else None

    # Helpers for the rules --------------------------------------------------------------

    def day(self, back: int) -> str:
        """The ISO day ``back`` days before today."""
        return (self.today - timedelta(days=back)).isoformat()

    def when(self, field: str, data: Any) -> dict:
        """``{field: moment}`` for a back- or future-dated movement, or {} for now."""
        moment = data.draw(s.moments(self.today), label=field)
        return {} if moment is None else {field: moment}

    def open_outlets(self, kind: str | None = None) -> list[str]:
        """Outlets not closed (of a kind), in the order opened."""
        return [
            o.id
            for o in self.ref.outlets.values()
            if o.closed_on is None and (kind is None or o.kind == kind)
        ]

    def held(self, outlet: str) -> list[str]:
        """Products the outlet has stock of."""
        return list(self.ref.outlets[outlet].on_hand())

    def sellable(self, outlet: str) -> list[str]:
        """Products the outlet holds and may sell: listed too, at a supermarket or centre."""
        held = self.held(outlet)
        if self.ref.outlets[outlet].kind in SHELF_KINDS:
            listed = self.ref.outlets[outlet].listed_now()
            return [p for p in held if p in listed] or held
        return held

    def draw_product(self, data: Any, likely: list[str]) -> str:
        """Mostly one of ``likely`` (held, listed) when there are some, else any product.
        Choices are in the order the log made them, never by id: ids differ from run to run,
        and hypothesis must replay the same draws onto the same choices."""
        anything = list(self.ref.products) or [UNKNOWN]
        choices = st.sampled_from(likely) if likely else st.nothing()
        return data.draw(st.one_of(choices, choices, st.sampled_from(anything)), label="product")

    def draw_outlet(self, data: Any, likely: list[str]) -> str:
        """Mostly one of ``likely`` when there are some, else any outlet (in the log's order)."""
        choices = st.sampled_from(likely) if likely else st.nothing()
        anything = st.sampled_from(list(self.ref.outlets))
        return data.draw(st.one_of(choices, choices, anything), label="outlet")

    def draw_lot(self, data: Any, outlet: str, product: str) -> str:
        """Mostly a lot code the outlet holds of the product, else any code."""
        held = sorted({code for code, _ in self.ref.outlets[outlet].on_hand().get(product, {})})
        choices = st.sampled_from(held) if held else st.nothing()
        return data.draw(st.one_of(choices, choices, st.sampled_from(s.LOTS)), label="lot")

    def odd_text_is_refused(self, answer: Any, *texts: str) -> None:
        """Issue 11 §1: a text with a control character is a 422 (and, by ``send``, unrecorded)."""
        if any(s.has_control(text) for text in texts):
            self.expect_refusal(answer, 422, "§1: control characters accepted")

    def expect_refusal(self, answer: Any, status: int, why: str) -> None:
        """The command had to be refused with ``status`` (``send`` saw it recorded nothing)."""
        assert answer.status_code == status, f"{why}: {answer.status_code} {answer.text}"
