"""Reads and health while the database misbehaves: a catch-up that cannot reach it does not
fail a read, and /healthz answers 503 within 2 seconds while the database does not answer."""

import socket
import threading
import time
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine

from tests.conftest import SCRAPER, TEST_CONFIG, _pg_url
from tests.e2e.conftest import API, on_hand, user
from web import create_app


def unreachable_engine(database_url: str, tmp_path):
    """An engine on the same kind of store that cannot be reached from here."""
    if database_url.startswith("sqlite"):
        return create_engine(f"sqlite:///{tmp_path / 'missing' / 'ocop.sqlite3'}")
    return create_engine(  # nothing listens on port 1 of this machine
        "postgresql+psycopg://root@127.0.0.1:1/ocop", connect_args={"connect_timeout": 2}
    )


def test_a_catch_up_that_cannot_reach_the_database_answers_the_read_from_what_is_there(
    app, client, market, database_url, tmp_path
):
    shop = market.supermarket_id
    assert on_hand(client, market.admin, shop)[market.product_id] == 10
    runner = app.extensions["ocop_read"].runner
    healthy, runner.engine = runner.engine, unreachable_engine(database_url, tmp_path)
    try:
        sold = market.post(f"/outlets/{shop}/sales", market.sale(1))
        assert sold.status_code == 201
        response = client.get(f"{API}/outlets/{shop}/inventory", headers=market.admin)
        assert response.status_code == 200  # not a 500: the last consistent state, said stale
        assert response.headers["X-Projection-Lag"] == "1"
        assert {i["product_id"]: i["on_hand"] for i in response.get_json()["items"]}[
            market.product_id
        ] == 10
    finally:
        runner.engine = healthy
    assert on_hand(client, market.admin, shop)[market.product_id] == 9
    assert not app.extensions["ocop_read"].state().stops  # the outage stopped no view


class Partition:
    """A TCP relay on 127.0.0.1 to the test PostgreSQL that can be cut: it then accepts and
    holds connections and passes nothing either way, as a network partition does, until
    restored (which resets every connection through it)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.cut = threading.Event()
        self.sockets: list[socket.socket] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.cut.is_set():
                continue  # held open, never answered
            upstream = socket.create_connection(self.target)
            self.sockets.append(upstream)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._relay, args=(a, b), daemon=True).start()

    def _relay(self, a: socket.socket, b: socket.socket) -> None:
        while True:
            try:
                data = a.recv(65536)
                if not data:
                    b.close()
                    return
                if not self.cut.is_set():
                    b.sendall(data)
            except OSError:
                return

    def restore(self) -> None:
        for s in self.sockets:
            try:  # shutdown wakes the relay threads blocked on it; close alone would not
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        self.sockets.clear()
        self.cut.clear()

    def close(self) -> None:
        self.server.close()
        self.restore()


@pytest.fixture
def partition():
    relay = Partition(("127.0.0.1", 5432))
    yield relay
    relay.close()


@pytest.fixture
def partitioned_app(pg_database, partition):
    """The app on a fresh PostgreSQL schema, reached through the relay."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_pg_url(pg_database), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = _pg_url(pg_database, schema).replace(":5432/", f":{partition.port}/")
    flask_app = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": url})
    yield flask_app
    partition.restore()
    flask_app.extensions["ocop_read"].close()
    flask_app.extensions["ocop"].close()


def timed_get(client, url: str, headers: dict | None = None):
    started = time.monotonic()
    response = client.get(url, headers=headers)
    return response, time.monotonic() - started


def test_health_answers_503_within_two_seconds_while_the_database_does_not_answer(
    partitioned_app, partition
):
    client = partitioned_app.test_client()
    assert client.get("/healthz").status_code == 200
    partition.cut.set()
    for _ in range(2):  # the first waits for the hung check; the next does not pile up
        response, seconds = timed_get(client, "/healthz")
        assert seconds < 2 and response.status_code == 503
        assert response.get_json()["database"] == "unreachable"
    response, seconds = timed_get(client, "/metrics", SCRAPER)
    assert seconds < 2 and "ocop_database_up 0.0" in response.get_data(as_text=True)

    partition.restore()
    deadline = time.monotonic() + 15
    while (status := client.get("/healthz").status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == 200, client.get("/healthz").get_json()


def test_a_command_while_nothing_listens_for_postgresql_answers_503_in_about_six_seconds(
    partitioned_app, partition
):
    client = partitioned_app.test_client()
    admin = user(partitioned_app, client, "admin", "admin")
    producer = {"name": "HTX A", "kind": "cooperative", "province": "Hà Nội", "commune": "Láng"}
    assert client.post(f"{API}/producers", json=producer, headers=admin).status_code == 201
    partition.server.shutdown(socket.SHUT_RDWR)  # nothing listens on the port any more
    partition.close()  # and the pooled connections are reset
    started = time.monotonic()
    response = client.post(f"{API}/producers", json=producer, headers=admin)
    seconds = time.monotonic() - started
    # about the 5 s connect timeout, plus the library's quick retries over dropped connections
    assert response.status_code == 503 and seconds < 7
    assert response.get_json()["error"]["code"] == "database_unavailable"
