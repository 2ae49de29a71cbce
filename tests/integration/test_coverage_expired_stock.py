"""T1 coverage counts only stock that can still be sold: on-hand in lots not expired on the day
(the amended brief), on both stores, for any past day and today, with or without later events."""

from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from domain.lines import ReceiptLine
from marketplace import clock
from projections.queries.catalogue import catalogue
from projections.queries.coverage import coverage
from projections.queries.inventory import low_stock, outlet_inventory
from tests.integration.conftest import moment
from tests.integration.replay import replayed_coverage
from tests.oracles.coverage import reference_coverage

EXPIRES = date(2025, 3, 20)
DAY_AFTER = EXPIRES + timedelta(days=1)


@pytest.fixture
def shop(marketplace):
    """A supermarket listing one certified product (valid to 2027), nothing in stock yet."""
    app = marketplace
    producer = UUID(
        app.register_producer("HTX Mật ong", "cooperative", "Hà Nội", "Ba Trại", "Ba Vì")["id"]
    )
    product = UUID(app.register_product(producer, "Mật ong Ba Vì", "food", "lọ", 90_000)["id"])
    app.certify(product, 80, date(2024, 6, 1), "7/QĐ-UBND")
    outlet = UUID(
        app.open_outlet(
            "Co.op Ba Vì", "supermarket", "Hà Nội", "Ba Trại", date(2020, 1, 1), "Ba Vì"
        )["id"]
    )
    app.list_product(outlet, product, date(2025, 1, 2))
    return {"producer": producer, "product": product, "outlet": outlet}


def receive(app, shop, qty: int, lot: str, expires_on: date | None, at: datetime) -> None:
    line = {"product_id": shop["product"], "qty": qty, "lot": lot}
    if expires_on is not None:
        line["expires_on"] = expires_on
    app.receive_stock(shop["outlet"], [line], at)


def reason_on(read_models, marketplace, day: date) -> str | None:
    """The outlet's reason on ``day`` (None: selling), the same by the timeline, the reference
    and a replay of the raw events."""
    answer = read_models.ask(coverage, day)
    assert answer == read_models.ask(reference_coverage, day), day
    replayed = replayed_coverage(marketplace, day)
    assert [r["reason"] for r in replayed.values()] == [
        r["reason"] for r in answer["not_selling"]
    ] or (answer["selling"] == 1 and [r["reason"] for r in replayed.values()] == [None])
    return answer["not_selling"][0]["reason"] if answer["not_selling"] else None


@pytest.mark.parametrize("later_events", [False, True], ids=["nothing later", "later events"])
def test_an_outlet_whose_only_lot_expires_on_d_counts_on_d_and_not_the_day_after(
    marketplace, read_models, shop, later_events
):
    receive(marketplace, shop, 5, "MO-1", EXPIRES, moment(1))
    if later_events:  # a sale before the expiry, and a write-off of the rest after it
        marketplace.sell(
            shop["outlet"],
            [{"product_id": shop["product"], "qty": 2, "unit_price_vnd": 1}],
            moment(5),
        )
        marketplace.write_off(
            shop["outlet"], shop["product"], 3, "expired", lot="MO-1", written_off_at=moment(25)
        )
    assert read_models.refresh() == 0
    assert reason_on(read_models, marketplace, date(2025, 2, 28)) == "no_stock"
    assert reason_on(read_models, marketplace, EXPIRES) is None
    assert reason_on(read_models, marketplace, DAY_AFTER) == "no_stock"
    assert reason_on(read_models, marketplace, date(2025, 3, 26)) == "no_stock"
    assert reason_on(read_models, marketplace, date(2026, 1, 1)) == "no_stock"
    status = read_models.views.coverage_status.t.status
    with read_models.read_engine.connect() as conn:
        rows = conn.execute(select(status.c.from_day, status.c.reason).order_by("from_day")).all()
    assert [tuple(r) for r in rows] == [
        (date(2025, 1, 2), "no_stock"),
        (date(2025, 3, 1), None),
        (DAY_AFTER, "no_stock"),  # changed on the day after the expiry, with no event that day
        (date(2027, 6, 1), "certificate_expired"),
    ]


def test_today_an_outlet_whose_only_lot_expired_yesterday_does_not_count(
    marketplace, read_models, shop
):
    today = clock.today()
    receive(marketplace, shop, 4, "Y", today - timedelta(days=1), clock.now() - timedelta(days=3))
    assert read_models.refresh() == 0
    answer = read_models.ask(coverage, today)
    assert answer == read_models.ask(reference_coverage, today)
    assert [r["reason"] for r in answer["not_selling"]] == ["no_stock"]
    assert read_models.ask(coverage, today - timedelta(days=1))["selling"] == 1


def test_a_lot_without_expiry_never_expires(marketplace, read_models, shop):
    receive(marketplace, shop, 3, "", None, moment(1))
    receive(marketplace, shop, 2, "MO-1", EXPIRES, moment(2))
    assert read_models.refresh() == 0
    for day in (EXPIRES, DAY_AFTER, date(2027, 5, 31)):  # the certificate's last day
        assert reason_on(read_models, marketplace, day) is None, day


def test_a_lot_keeps_its_expiry_when_counted_or_received_again_without_one(
    marketplace, read_models, shop
):
    receive(marketplace, shop, 5, "MO-1", EXPIRES, moment(1))
    receive(marketplace, shop, 2, "MO-1", None, moment(2))  # the held lot's expiry applies
    marketplace.count_stock(
        shop["outlet"], shop["product"], 9, "found more", lot="MO-1", counted_at=moment(3)
    )
    assert read_models.refresh() == 0
    assert reason_on(read_models, marketplace, EXPIRES) is None
    assert reason_on(read_models, marketplace, DAY_AFTER) == "no_stock"


def test_the_soonest_lot_expiring_leaves_the_outlet_selling_until_the_last_one_expires(
    marketplace, read_models, shop
):
    receive(marketplace, shop, 2, "A", EXPIRES, moment(1))
    receive(marketplace, shop, 3, "B", date(2025, 4, 30), moment(2))
    marketplace.sell(
        shop["outlet"],
        [{"product_id": shop["product"], "qty": 1, "unit_price_vnd": 1}],
        moment(10, month=4),
    )
    assert read_models.refresh() == 0
    assert reason_on(read_models, marketplace, DAY_AFTER) is None
    assert reason_on(read_models, marketplace, date(2025, 4, 30)) is None
    assert reason_on(read_models, marketplace, date(2025, 5, 1)) == "no_stock"


def test_a_lot_recorded_already_expired_never_counts(marketplace, read_models, shop):
    """The domain now refuses such a receipt, but an older log may hold one."""
    outlet = marketplace.repository.get(shop["outlet"])
    outlet._received(  # the event as older code recorded it, without today's check
        uuid4(), moment(1), [ReceiptLine(shop["product"], 6, "OLD", date(2025, 2, 1))]
    )
    marketplace.save(outlet)
    assert read_models.refresh() == 0
    for day in (date(2025, 3, 1), date(2025, 3, 2), date(2026, 1, 1)):
        assert reason_on(read_models, marketplace, day) == "no_stock", day


def test_a_lot_transferred_to_another_supermarket_keeps_its_expiry_there(
    marketplace, read_models, shop
):
    other = UUID(
        marketplace.open_outlet(
            "BRG Mart Ba Vì", "supermarket", "Hà Nội", "Ba Trại", date(2020, 1, 1), "Ba Vì"
        )["id"]
    )
    marketplace.list_product(other, shop["product"], date(2025, 1, 2))
    receive(marketplace, shop, 5, "MO-1", EXPIRES, moment(1))
    sent = marketplace.transfer_stock(
        shop["outlet"], other, [{"product_id": shop["product"], "qty": 5}], moment(3)
    )
    marketplace.receive_transfer(other, UUID(sent["id"]), received_at=moment(3))
    assert read_models.refresh() == 0
    for day, selling in ((date(2025, 3, 2), 1), (EXPIRES, 1), (DAY_AFTER, 0)):
        answer = read_models.ask(coverage, day)
        assert answer == read_models.ask(reference_coverage, day)
        assert answer["selling"] == selling, day
    assert [r["outlet_id"] for r in read_models.ask(coverage, EXPIRES)["not_selling"]] == [
        str(shop["outlet"])
    ]


def test_a_lot_expiring_on_the_calendars_last_day_does_not_stop_the_view(
    marketplace, read_models, shop
):
    receive(marketplace, shop, 1, "FOREVER", date.max, moment(1))
    assert read_models.refresh() == 0
    assert reason_on(read_models, marketplace, date(2027, 5, 31)) is None


def test_a_lot_code_received_again_after_the_outlet_forgot_it_takes_the_new_lines_expiry(
    marketplace, read_models, shop
):
    """Emptied long ago, the lot is forgotten by the outlet: a new line with that code and no
    expiry is a new lot that never expires, in the domain and in every view."""
    receive(marketplace, shop, 5, "MO-1", date(2025, 1, 20), moment(5, month=1))
    sale = [{"product_id": shop["product"], "qty": 5, "unit_price_vnd": 1}]
    marketplace.sell(shop["outlet"], sale, moment(6, month=1))
    receive(marketplace, shop, 3, "MO-1", None, moment(20))  # 2025-03-20, long after the window
    assert read_models.refresh() == 0
    assert reason_on(read_models, marketplace, date(2025, 3, 21)) is None  # selling
    lots = marketplace.outlet(shop["outlet"])["stock"][0]["lots"]
    assert [(lot["lot"], lot["expires_on"]) for lot in lots] == [("MO-1", None)]
    inventory = read_models.ask(outlet_inventory, shop["outlet"])
    assert [(lot["lot"], lot["expires_on"]) for lot in inventory["items"][0]["lots"]] == [
        ("MO-1", None)
    ]


def test_where_to_buy_and_low_stock_count_only_stock_that_can_still_be_sold(
    marketplace, read_models, shop
):
    """The catalogue's "in stock at" (the public page's where to buy) and the low-stock alert
    follow the same rule as coverage: expired units are on the shelf but cannot be sold."""
    receive(marketplace, shop, 5, "MO-1", EXPIRES, moment(1))
    assert read_models.refresh() == 0
    product = shop["product"]

    def in_stock_at(day: date) -> list[str]:
        return read_models.ask(catalogue, day, product_id=product)["items"][0]["in_stock_at"]

    def running_low(day: date) -> list[int]:
        return [r["on_hand"] for r in read_models.ask(low_stock, day, shop["outlet"])]

    assert in_stock_at(EXPIRES) == [str(shop["outlet"])] and running_low(EXPIRES) == []
    assert in_stock_at(DAY_AFTER) == [] and running_low(DAY_AFTER) == [0]
