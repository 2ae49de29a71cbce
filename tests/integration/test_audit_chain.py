"""Tamper evidence on both stores: every change to the stored log is found and located."""

import threading
from datetime import datetime, timedelta

import pytest

from domain.errors import InsufficientStock
from marketplace.application import Marketplace
from marketplace.audit import Head, verify
from marketplace.errors import ConcurrentUpdate
from tests.integration.conftest import ICT, moment


class RawStore:
    """Direct SQL on the events table, as an intruder with database access would write it."""

    def __init__(self, app: Marketplace) -> None:
        self.datastore = app.recorder.datastore
        self.postgres = hasattr(self.datastore, "schema")
        self.p = "%s" if self.postgres else "?"
        self.id = "notification_id" if self.postgres else "rowid"
        table = app.recorder.events_table_name
        self.events = f'"{self.datastore.schema}"."{table}"' if self.postgres else table
        self.chain = f'"{self.datastore.schema}".event_chain' if self.postgres else "event_chain"

    def run(self, sql: str, *params) -> list:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.format(events=self.events, chain=self.chain, id=self.id, p=self.p), params
            )
            if not sql.lstrip().startswith("SELECT"):
                return []
            return [
                tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()
            ]

    def positions(self) -> list[int]:
        return [row[0] for row in self.run("SELECT {id} FROM {events} ORDER BY {id}")]

    def state(self, position: int) -> bytes:
        return bytes(self.run("SELECT state FROM {events} WHERE {id} = {p}", position)[0][0])


@pytest.fixture
def logged(marketplace, shelf):
    for day in range(2, 8):
        marketplace.sell(
            shelf["outlet"],
            [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
            moment(day),
        )
    raw = RawStore(marketplace)
    assert verify(marketplace.recorder).ok
    return raw


def test_an_untouched_log_verifies_and_reports_its_head(marketplace, logged):
    result = verify(marketplace.recorder)
    positions = logged.positions()
    assert (
        result.ok
        and result.events_checked == len(positions)
        and result.head.position == positions[-1]
    )
    assert verify(marketplace.recorder, since=result.head).ok


def test_one_changed_byte_of_an_event_is_found_at_its_position(marketplace, logged):
    target = logged.positions()[4]
    state = bytearray(logged.state(target))
    state[10] = (state[10] + 1) % 128 or 65
    logged.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", bytes(state), target)
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == target


def test_a_deleted_event_is_found(marketplace, logged):
    target = logged.positions()[3]
    logged.run("DELETE FROM {events} WHERE {id} = {p}", target)
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == target


def test_a_deleted_event_and_its_chain_entry_are_found_at_the_next_event(marketplace, logged):
    positions = logged.positions()
    logged.run("DELETE FROM {events} WHERE {id} = {p}", positions[3])
    logged.run("DELETE FROM {chain} WHERE notification_id = {p}", positions[3])
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == positions[4]


def test_two_swapped_events_are_found_at_the_first_of_them(marketplace, logged):
    a, b = logged.positions()[2], logged.positions()[5]
    for old, new in ((a, -1), (b, a), (-1, b)):
        logged.run("UPDATE {events} SET {id} = {p} WHERE {id} = {p}", new, old)
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == a


def test_a_forged_event_is_found(marketplace, logged):
    from uuid import uuid4

    logged.run(
        "INSERT INTO {events} (originator_id, originator_version, topic, state) "
        "VALUES ({p}, 1, 'domain.outlet:Outlet.Sold', {p})",
        uuid4() if logged.postgres else uuid4().hex,
        b"{}",
    )
    forged = logged.positions()[-1]
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == forged


def test_a_truncated_tail_is_found_against_the_published_head(marketplace, logged):
    published = verify(marketplace.recorder).head
    for position in logged.positions()[-2:]:
        logged.run("DELETE FROM {events} WHERE {id} = {p}", position)
        logged.run("DELETE FROM {chain} WHERE notification_id = {p}", position)
    assert verify(marketplace.recorder).ok  # the rest is consistent on its own...
    result = verify(marketplace.recorder, since=published)
    assert not result.ok and result.first_bad["position"] == published.position  # ...but shorter


def test_a_log_that_only_grew_extends_its_published_head(marketplace, shelf, logged):
    published = verify(marketplace.recorder).head
    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(9),
    )
    result = verify(marketplace.recorder, since=published)
    assert result.ok and result.head.position > published.position
    assert not verify(marketplace.recorder, since=Head(published.position, "f" * 64)).ok


def test_the_chain_stays_valid_under_concurrent_writers_and_lost_conflicts(
    marketplace, shelf, settings
):
    rival = Marketplace.from_settings(settings)
    start = threading.Barrier(4)

    def sell_some(app: Marketplace, offset: int) -> None:
        start.wait()
        for n in range(5):
            try:
                app.sell(
                    shelf["outlet"],
                    [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 1}],
                    datetime(2025, 4, 1, 9, tzinfo=ICT) + timedelta(minutes=offset * 10 + n),
                )
            except (ConcurrentUpdate, InsufficientStock):
                continue  # gave up after conflicts, or sold out: the chain must not care

    threads = [
        threading.Thread(target=sell_some, args=(app, i))
        for i, app in enumerate((marketplace, rival, marketplace, rival))
    ]
    [t.start() for t in threads]
    [t.join() for t in threads]
    result = verify(marketplace.recorder)
    assert result.ok, result.first_bad
    rival.close()


def _sell_in_another_process(database_url: str, outlet: str, product: str, minute: int) -> None:
    from uuid import UUID

    from marketplace.config import Settings

    app = Marketplace.from_settings(Settings(database_url=database_url, secret_key="x"))
    for n in range(4):
        try:
            app.sell(
                UUID(outlet),
                [{"product_id": UUID(product), "qty": 1, "unit_price_vnd": 1}],
                datetime(2025, 4, 2, 9, tzinfo=ICT) + timedelta(minutes=minute + n),
            )
        except (ConcurrentUpdate, InsufficientStock):
            continue  # gave up after conflicts, or sold out: the chain must not care
    app.close()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_the_chain_stays_valid_with_writers_in_several_processes(marketplace, shelf, database_url):
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(
            target=_sell_in_another_process,
            args=(database_url, str(shelf["outlet"]), str(shelf["product"]), 10 * i),
        )
        for i in range(3)
    ]
    [w.start() for w in workers]
    [w.join(timeout=120) for w in workers]
    assert all(w.exitcode == 0 for w in workers)
    result = verify(marketplace.recorder)
    assert result.ok, result.first_bad
    assert result.events_checked >= 6 + 3  # the fixture's events and at least some sales


def test_an_event_rewritten_as_text_is_found_at_its_position(marketplace, logged):
    """SQLite keeps whatever type is written: a state replaced by a text (say through
    ``replace(state, …)``) is found at its position, not a crash of the verifier."""
    if logged.postgres:
        pytest.skip("PostgreSQL's bytea column refuses a text")
    target = logged.positions()[4]
    text = logged.state(target).decode("utf-8", "replace") + " "
    logged.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", text, target)
    result = verify(marketplace.recorder)
    assert not result.ok and result.first_bad["position"] == target
