"""The application on real SQLite and PostgreSQL: commands are durable, atomic and attributed."""

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate

from domain.errors import InsufficientStock
from marketplace.access import Principal
from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.errors import NotFound, ReferenceNotFound
from marketplace.messages import Sell
from tests.integration.conftest import count_events, moment


def sale(product, qty, price=150_000):
    return [{"product_id": product, "qty": qty, "unit_price_vnd": price}]


def test_recorded_commands_survive_a_restart(marketplace, shelf, settings):
    marketplace.sell(shelf["outlet"], sale(shelf["product"], 3), moment(2))
    marketplace.close()
    reopened = Marketplace.from_settings(settings)
    assert reopened.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 7
    assert reopened.product(shelf["product"], date(2025, 1, 1))["certificate"]["stars"] == 4
    reopened.close()


def test_sale_beyond_stock_is_refused_and_records_nothing(marketplace, shelf):
    before = marketplace.recorder.max_notification_id()
    with pytest.raises(InsufficientStock):
        marketplace.sell(shelf["outlet"], sale(shelf["product"], 11), moment(2))
    assert marketplace.recorder.max_notification_id() == before
    assert marketplace.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 10


def test_every_event_carries_its_user_and_time(marketplace, shelf):
    staff = Principal(uuid4(), "staff-42", "staff", frozenset({shelf["outlet"]}))
    marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"], 1), moment(2)), staff)
    last = marketplace.recorder.select_notifications(start=None, limit=1_000_000)[-1]
    event = marketplace.mapper.to_domain_event(last)
    assert type(event).__name__ == "Sold"
    assert event.recorded_by == str(staff.id) and event.timestamp.tzinfo is not None


def test_a_transfer_records_both_outlets_in_one_transaction(marketplace, shelf):
    point = marketplace.open_outlet(
        "Điểm OCOP Đông Anh", "ocop_point", "Hà Nội", "Uy Nỗ", date(2021, 1, 1)
    )
    before = marketplace.recorder.max_notification_id()
    marketplace.transfer_stock(
        shelf["outlet"], _uuid(point), [{"product_id": shelf["product"], "qty": 4}], moment(3)
    )
    assert count_events(marketplace, "Outlet.TransferredOut") == 1
    assert count_events(marketplace, "Outlet.TransferDispatched") == 1  # at the destination
    assert marketplace.recorder.max_notification_id() >= before + 2
    assert marketplace.outlet(_uuid(point))["stock"] == []  # in transit
    assert marketplace.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 6


def _uuid(result):
    from uuid import UUID

    return UUID(result["id"])


def test_commands_naming_unknown_records_are_refused(marketplace, shelf):
    from uuid import uuid4

    with pytest.raises(ReferenceNotFound) as refused:
        marketplace.register_product(uuid4(), "Gạo", "food", "kg", 1)
    assert refused.value.field == "producer_id"
    with pytest.raises(NotFound):
        marketplace.sell(uuid4(), sale(shelf["product"], 1))
    with pytest.raises(NotFound):  # a product id is not an outlet id
        marketplace.outlet(shelf["product"])


def test_passwords_are_checked_and_never_enter_the_event_log(marketplace):
    from marketplace.errors import AuthenticationFailed

    marketplace.register_user("lan", "officer", "a long secret")
    assert marketplace.authenticate("LAN", "a long secret").role == "officer"
    with pytest.raises(AuthenticationFailed):
        marketplace.authenticate("lan", "wrong password")
    with pytest.raises(AuthenticationFailed):
        marketplace.authenticate("nobody", "a long secret")
    states = b"".join(n.state for n in marketplace.recorder.select_notifications(None, 10_000))
    assert b"argon2" not in states and b"a long secret" not in states


def test_a_taken_username_is_refused(marketplace):
    from domain.errors import RuleConflict

    marketplace.register_user("lan", "officer", "a long secret")
    with pytest.raises(RuleConflict):
        marketplace.register_user("Lan", "staff", "another secret")


def test_snapshots_and_stored_values_load_back_as_domain_values(marketplace, shelf, settings):
    for day in range(2, 9):
        marketplace.sell(shelf["outlet"], sale(shelf["product"], 1), moment(day))
    marketplace.take_snapshot(shelf["outlet"])
    fresh = Marketplace.from_settings(settings)
    outlet = fresh.repository.get(shelf["outlet"])
    assert isinstance(outlet, Aggregate) and outlet.on_hand(shelf["product"]) == 3
    assert outlet.place.district == "Đông Anh"
    fresh.close()


def test_settings_read_the_database_url():
    from marketplace.config import ConfigError

    env = Settings(
        database_url="postgresql://u:p%40ss@db.local:5433/ocop?schema=hn"
    ).eventsourcing_env()
    assert env["POSTGRES_HOST"] == "db.local" and env["POSTGRES_PORT"] == "5433"
    assert env["POSTGRES_PASSWORD"] == "p@ss" and env["POSTGRES_SCHEMA"] == "hn"
    with pytest.raises(ConfigError):
        Settings(database_url="mysql://x/y").eventsourcing_env()


def test_a_sale_dated_in_the_future_is_refused(marketplace, shelf):
    from datetime import datetime, timedelta

    from domain.errors import InvalidValue
    from marketplace.clock import now

    with pytest.raises(InvalidValue) as refused:
        marketplace.sell(shelf["outlet"], sale(shelf["product"], 1), now() + timedelta(days=1))
    assert refused.value.field == "sold_at"
    naive_local = datetime(2025, 3, 2, 9, 30)  # read as Vietnam time
    marketplace.sell(shelf["outlet"], sale(shelf["product"], 1), naive_local)
