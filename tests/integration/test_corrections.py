"""Corrections on both stores: a return, a void and a reversal move the inventory and the net
sales report as the outlet says; a write-off stored before notes (version 1) still loads."""

from datetime import datetime
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.outlet import Outlet
from marketplace.application import Marketplace
from marketplace.clock import now
from projections.queries.inventory import outlet_inventory
from projections.queries.sales import sales_report
from tests.integration.conftest import moment


def test_returns_voids_and_reversals_show_in_the_inventory_and_the_net_report(
    marketplace, shelf, read_models
):
    app, outlet, product = marketplace, shelf["outlet"], shelf["product"]
    line = [{"product_id": product, "qty": 4, "unit_price_vnd": 150_000}]
    sale = UUID(app.sell(outlet, line, moment(2))["id"])
    back = [{"product_id": product, "qty": 1}]
    app.return_sale(outlet, sale, back, "Khách đổi ý", None, moment(3))
    today = UUID(app.sell(outlet, [{**line[0], "qty": 2}], now())["id"])
    app.void_sale(outlet, today, "Bấm nhầm")
    receipt = app.receive_stock(outlet, [{"product_id": product, "qty": 5, "lot": "B"}])["id"]
    app.reverse_receipt(outlet, UUID(receipt), "Nhập nhầm")
    read_models.refresh()
    items = read_models.ask(outlet_inventory, outlet)["items"]
    assert (
        [i["on_hand"] for i in items] == [10 - 4 + 1] == [app.get(outlet, Outlet).on_hand(product)]
    )
    report = read_models.ask(sales_report, "product")
    assert report["items"][0] | {"key": None} == report["items"][0] | {
        "key": None,
        "qty": 4 - 1 + 2 - 2,
        "gross_qty": 6,
        "returned_qty": 1,
        "returned_vnd": 150_000,
        "voided_qty": 2,
        "voided_vnd": 300_000,
        "amount_vnd": 3 * 150_000,
    }
    assert {r["kind"] for r in report["returns"]} == {"return", "void"}


def test_a_write_off_stored_before_notes_loads_with_no_note(marketplace: Marketplace, shelf):
    app, outlet = marketplace, shelf["outlet"]
    app.write_off(outlet, shelf["product"], 1, "damaged", "A", moment(2))
    stored = app.recorder.select_events(outlet, desc=True, limit=1)[0]
    state = app.mapper.transcoder.decode(stored.state)
    state.pop("note")
    state.pop("class_version", None)
    old = StoredEvent(
        outlet, stored.originator_version, stored.topic, app.mapper.transcoder.encode(state)
    )
    event = app.mapper.to_domain_event(old)
    assert event.note == "" and event.reason == "damaged"
    assert isinstance(event.written_off_at, datetime)
