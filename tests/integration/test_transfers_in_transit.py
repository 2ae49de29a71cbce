"""Transfers in transit on both stores: transfers stored before they were in transit
(TransferredOut and TransferReceived saved together) replay as received; a transfer sent now
waits for its receipt in the views, and a rebuild from the log gives the same rows; one received
before an outlet snapshot of an older state version is still refused as received."""

from datetime import date
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from domain.base import stamped
from domain.errors import RuleConflict
from domain.outlet import Outlet
from marketplace.application import Marketplace
from marketplace.errors import NotFound
from projections.queries.inventory import low_stock, outlet_inventory
from projections.queries.transfers import outlet_transfers
from projections.rebuild import rebuild
from tests.integration.conftest import moment
from tests.integration.test_relisting import view_rows


@pytest.fixture
def point(marketplace) -> UUID:
    opened = marketplace.open_outlet(
        "Điểm OCOP Vân Hà", "ocop_point", "Hà Nội", "Vân Hà", date(2020, 1, 1)
    )
    return UUID(opened["id"])


def store_old_style_transfer(app, source_id: UUID, destination_id: UUID, product: UUID) -> UUID:
    """Save a transfer as the code before transfers in transit did: both sides at once."""
    source, destination = app.get(source_id, Outlet), app.get(destination_id, Outlet)
    transfer_id, takes = source.transfer_out(destination_id, [(product, 4)], moment(2))
    destination._transfer_received(transfer_id, source_id, moment(2), takes)
    app.save(*stamped([source, destination], "staff-1"))
    return transfer_id


def on_hand(read_models, outlet_id: UUID) -> int:
    return sum(i["on_hand"] for i in read_models.ask(outlet_inventory, outlet_id)["items"])


def test_a_transfer_stored_before_transit_replays_as_received(
    marketplace, read_models, shelf, point
):
    transfer_id = store_old_style_transfer(marketplace, shelf["outlet"], point, shelf["product"])
    assert read_models.refresh() == 0
    assert (on_hand(read_models, shelf["outlet"]), on_hand(read_models, point)) == (6, 4)
    (item,) = read_models.ask(outlet_transfers, point)
    assert item["state"] == "received" and item["lines"][0]["qty_received"] == 4
    with pytest.raises(RuleConflict) as refused:
        marketplace.receive_transfer(point, transfer_id)
    assert refused.value.code == "already_received"
    assert marketplace.get(point, Outlet).on_hand(shelf["product"]) == 4


def test_a_transfer_waits_in_transit_until_received_and_rebuilds_the_same(
    marketplace, read_models, shelf, point
):
    sent = marketplace.transfer_stock(
        shelf["outlet"], point, [{"product_id": shelf["product"], "qty": 4}], moment(2)
    )
    read_models.refresh()
    assert (on_hand(read_models, shelf["outlet"]), on_hand(read_models, point)) == (6, 0)
    assert [t["state"] for t in read_models.ask(outlet_transfers, point, "in_transit")] == [
        "in_transit"
    ]
    lines = [{"product_id": shelf["product"], "qty_received": 3}]
    answer = marketplace.receive_transfer(point, UUID(sent["id"]), lines, moment(3))
    assert (answer["received"], answer["lost"]) == (3, 1)
    marketplace.set_threshold(point, shelf["product"], 5)
    read_models.refresh()
    assert on_hand(read_models, point) == 3
    assert [
        r["low_stock_threshold"] for r in read_models.ask(low_stock, date(2025, 3, 3), point)
    ] == [5]
    before = view_rows(read_models, "inventory")
    rebuild(read_models.runner, read_models.views, "inventory")
    assert view_rows(read_models, "inventory") == before


def store_v2_snapshot(app, outlet: Outlet) -> None:
    """Insert a snapshot of ``outlet`` shaped as the code before state version 3 wrote it: no
    transfers in transit or received, no sales or receipts to correct, thresholds or closures."""
    snapshot = app.mapper.to_stored_event(Outlet.Snapshot.take(outlet))
    stored = app.mapper.transcoder.decode(snapshot.state)
    state = stored["state"]  # the aggregate's attributes
    for new in ("sales", "receipts", "incoming", "received_transfers", "thresholds", "closures"):
        del state[new]
    state["class_version"] = 2
    old = StoredEvent(
        outlet.id, outlet.version, snapshot.topic, app.mapper.transcoder.encode(stored)
    )
    app.snapshots.recorder.insert_events([old])


def test_a_transfer_received_before_an_old_snapshot_is_refused_as_received(
    marketplace, settings, shelf, point
):
    transfer_id = store_old_style_transfer(marketplace, shelf["outlet"], point, shelf["product"])
    store_v2_snapshot(marketplace, marketplace.get(point, Outlet))
    fresh = Marketplace.from_settings(settings)  # no cache: loads the old snapshot
    try:
        with pytest.raises(RuleConflict) as refused:
            fresh.receive_transfer(point, transfer_id)
        assert refused.value.code == "already_received"
        with pytest.raises(NotFound):
            fresh.receive_transfer(point, uuid4())
        assert fresh.get(point, Outlet).on_hand(shelf["product"]) == 4
    finally:
        fresh.close()
