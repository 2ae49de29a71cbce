"""Reads from a real PostgreSQL streaming replica (OCOP_READ_DATABASE_URL): our own primary and
its replica, started for this module (tests/replica_cluster.py). A read after a write either
shows it or says it is stale (X-OCOP-Stale); with the replica's replay paused it says so, and
the pages' notice too, while sign-in, commands and idempotent repeats still work on the
primary. Skipped only where PostgreSQL's binaries are not installed (never on CI)."""

import uuid

import psycopg
import pytest

from tests.conftest import ON_CI, TEST_CONFIG
from tests.e2e.conftest import API, assert_error, user
from tests.e2e.test_view_containment_http import signed_in_pages
from tests.replica_cluster import ReplicatedCluster, free_port, pg_bindir
from web import create_app
from web.read import (
    LAG_HEADER,
    MIN_POSITION_HEADER,
    POSITION_HEADER,
    READ_POSITION_HEADER,
    REPLICA_LAG_HEADER,
    STALE_HEADER,
)

pytestmark = pytest.mark.postgres
DATABASE = "ocop"
NOTICE = "Số liệu có thể chưa cập nhật (một số sự kiện mới chưa được tính)"


@pytest.fixture(scope="module")
def cluster():
    bindir = pg_bindir()
    if bindir is None:
        if ON_CI:
            pytest.fail("PostgreSQL's binaries (initdb, pg_ctl, pg_basebackup) are needed on CI")
        pytest.skip("PostgreSQL's binaries (initdb, pg_ctl, pg_basebackup) are not installed")
    cluster = ReplicatedCluster(bindir)
    try:
        cluster.start(DATABASE)
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def app(cluster):
    """The app writing to the primary and reading the read models on the replica, in a schema
    of its own; returned once the replica has its tables."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.url(DATABASE, replica=False), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    urls = {
        "OCOP_DATABASE_URL": f"{cluster.url(DATABASE, replica=False)}?schema={schema}",
        "OCOP_READ_DATABASE_URL": f"{cluster.url(DATABASE, replica=True)}?schema={schema}",
    }
    flask_app = create_app(TEST_CONFIG | urls)
    flask_app.config["TESTING"] = True
    cluster.wait_replayed()
    yield flask_app
    cluster.resume_replay()  # if a failed test left it paused
    flask_app.extensions["ocop_read"].close()
    flask_app.extensions["ocop"].close()


def sell(market, qty: int, **headers: str) -> int:
    """Sell ``qty`` at the supermarket; the position the write answered."""
    response = market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(qty), **headers)
    assert response.status_code == 201, response.get_json()
    return int(response.headers[POSITION_HEADER])


def inventory(market, at_least: int):
    response = market.client.get(
        f"{API}/outlets/{market.supermarket_id}/inventory",
        headers={**market.admin, MIN_POSITION_HEADER: str(at_least)},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    items = {i["product_id"]: i["on_hand"] for i in response.get_json()["items"]}
    return items[market.product_id], response.headers


def test_a_read_from_the_replica_after_a_write_shows_it_or_says_it_is_stale(app, cluster, market):
    stock = 10
    for _ in range(5):
        position = sell(market, 1)
        stock -= 1
        on_hand, headers = inventory(market, position)
        assert REPLICA_LAG_HEADER in headers
        if headers.get(STALE_HEADER) == "true":
            assert int(headers[READ_POSITION_HEADER]) < position
        else:  # not marked stale: the sale is in the answer
            assert int(headers[READ_POSITION_HEADER]) >= position and on_hand == stock
    cluster.wait_replayed()
    on_hand, headers = inventory(market, position)
    assert on_hand == stock and STALE_HEADER not in headers and headers[LAG_HEADER] == "0"


def test_with_the_replica_paused_reads_say_they_are_stale_until_it_replays_the_write(
    app, cluster, market
):
    pages = signed_in_pages(app)
    before, _ = inventory(market, 0)
    cluster.wait_replayed()
    cluster.pause_replay()

    # What must read its own writes still does, on the primary: a new user signs in and sells,
    # and a repeat under the same Idempotency-Key answers the first sale.
    staff = user(app, market.client, "quay", "staff", market.supermarket_id)
    key = {"Idempotency-Key": "replica-1"}
    url = f"{API}/outlets/{market.supermarket_id}/sales"
    first = market.client.post(url, json=market.sale(2), headers={**staff, **key})
    again = market.client.post(url, json=market.sale(2), headers={**staff, **key})
    assert first.status_code == again.status_code == 201 and first.json == again.json
    position = int(first.headers[POSITION_HEADER])
    assert int(again.headers[POSITION_HEADER]) >= position

    on_hand, headers = inventory(market, position)
    assert on_hand == before and headers[STALE_HEADER] == "true"
    assert int(headers[READ_POSITION_HEADER]) < position and int(headers[LAG_HEADER]) > 0
    page = pages.get(f"/counter/{market.supermarket_id}")
    assert page.status_code == 200 and NOTICE in page.get_data(as_text=True)
    assert app.test_client().get("/healthz").get_json()["replica_lag_seconds"] >= 0

    cluster.resume_replay()
    cluster.wait_replayed()
    on_hand, headers = inventory(market, position)
    assert on_hand == before - 2 and STALE_HEADER not in headers
    assert headers[LAG_HEADER] == "0" and headers[REPLICA_LAG_HEADER] == "0.0"
    page = pages.get(f"/counter/{market.supermarket_id}")
    assert page.status_code == 200 and NOTICE not in page.get_data(as_text=True)


def test_a_read_whose_replica_cannot_be_reached_answers_503_and_writes_still_record(cluster):
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.url(DATABASE, replica=False), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    urls = {
        "OCOP_DATABASE_URL": f"{cluster.url(DATABASE, replica=False)}?schema={schema}",
        "OCOP_READ_DATABASE_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/{DATABASE}",
    }
    web = create_app(TEST_CONFIG | urls)
    try:
        client = web.test_client()
        admin = user(web, client, "admin", "admin")
        place = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
        shop = {"name": "WinMart", "kind": "supermarket", "opened_on": "2024-01-01", **place}
        created = client.post(f"{API}/outlets", json=shop, headers=admin)
        assert created.status_code == 201 and POSITION_HEADER in created.headers
        read = client.get(f"{API}/outlets/{created.json['id']}/inventory", headers=admin)
        assert_error(read, 503, "database_unavailable")
        assert read.headers["Retry-After"] == "5" and read.headers[LAG_HEADER] == "unknown"
    finally:
        web.extensions["ocop_read"].close()
        web.extensions["ocop"].close()
