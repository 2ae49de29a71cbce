"""An outlet snapshot stored before per-day lot balances (state version 1, with ``stock``) still
loads on both stores: its lots are taken as held since ever, and new commands work on it."""

from datetime import date, datetime
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.outlet import Outlet
from domain.stock import StockLot
from marketplace.application import Marketplace
from tests.integration.conftest import ICT, moment


def store_v1_snapshot(app: Marketplace, outlet: Outlet, stock: dict) -> None:
    """Insert a snapshot of ``outlet`` shaped as the code before version 2 wrote it."""
    snapshot = app.mapper.to_stored_event(Outlet.Snapshot.take(outlet))
    stored = app.mapper.transcoder.decode(snapshot.state)
    state = stored["state"]  # the aggregate's attributes
    for new in ("lots", "past_listings", "last_sold_on", "latest_movement_on", "class_version"):
        state.pop(new, None)
    state["stock"] = stock
    old = StoredEvent(
        outlet.id, outlet.version, snapshot.topic, app.mapper.transcoder.encode(stored)
    )
    app.snapshots.recorder.insert_events([old])


def test_an_outlet_snapshot_of_version_1_loads_and_takes_new_commands(marketplace, settings):
    app = marketplace
    opened = app.open_outlet("Điểm OCOP", "ocop_point", "Hà Nội", "Vân Hà", date(2020, 1, 1))
    outlet_id = UUID(opened["id"])
    producer = UUID(app.register_producer("HTX", "cooperative", "Hà Nội", "Vân Hà")["id"])
    product = UUID(app.register_product(producer, "Trà sen", "beverage", "hộp", 1)["id"])
    line = {"product_id": product, "qty": 5, "lot": "A", "expires_on": date(2030, 1, 1)}
    app.receive_stock(outlet_id, [line], moment(1))
    outlet, held = app.get(outlet_id, Outlet), product.hex
    store_v1_snapshot(app, outlet, {held: {"A": StockLot(5, date(2030, 1, 1))}})

    fresh = Marketplace.from_settings(settings)  # no cache: loads from the old snapshot
    loaded = fresh.get(outlet_id, Outlet)
    assert loaded.stock[held]["A"] == StockLot(5, date(2030, 1, 1))
    sale = [{"product_id": product, "qty": 2, "unit_price_vnd": 1}]
    fresh.sell(outlet_id, sale, datetime(2025, 3, 2, 9, tzinfo=ICT))
    assert fresh.get(outlet_id, Outlet).on_hand(product) == 3
    fresh.close()
