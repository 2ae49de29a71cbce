"""Transfers in transit, reopening and thresholds: the Outlet's rules."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidValue, RuleConflict
from domain.lines import ReceiptLine
from domain.outlet import Outlet
from domain.transfers import ArrivedLine
from domain.values import Place

ICT = timezone(timedelta(hours=7))
PLACE = Place("Hà Nội", "Dịch Vọng", "Cầu Giấy")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=ICT)


def outlet(kind: str) -> Outlet:
    return Outlet.open(f"Điểm {kind}", kind, PLACE, date(2024, 1, 1))


@pytest.fixture
def sent():
    """An OCOP point sent 4 units (3 of lot APR, 1 of JUN) to another point on 3 March."""
    source, destination, product = outlet("ocop_point"), outlet("ocop_point"), uuid4()
    source.receive(
        [
            ReceiptLine(product, 5, "JUN", date(2024, 6, 30)),
            ReceiptLine(product, 3, "APR", date(2024, 4, 30)),
        ],
        at(1),
    )
    transfer_id, takes = source.transfer_out(destination.id, [(product, 4)], at(3))
    destination.expect_transfer(transfer_id, source.id, takes, at(3))
    return source, destination, product, transfer_id


def test_sent_stock_is_in_neither_outlet_until_received(sent):
    source, destination, product, transfer_id = sent
    assert source.on_hand(product) == 4 and destination.on_hand(product) == 0
    assert transfer_id.hex in destination.incoming


def test_a_full_receipt_keeps_the_lots_and_their_expiry(sent):
    _, destination, product, transfer_id = sent
    _, lost = destination.receive_transfer(transfer_id, None, at(4))
    assert destination.on_hand(product) == 4 and lost == []
    assert destination.stock[product.hex]["APR"].expires_on == date(2024, 4, 30)
    assert not destination.incoming


def test_a_short_receipt_records_the_shortfall_as_lost(sent):
    _, destination, product, transfer_id = sent
    _, lost = destination.receive_transfer(transfer_id, [ArrivedLine(product, 2, "APR")], at(4))
    assert destination.on_hand(product) == 3
    assert [(t.qty, [(lt.lot, lt.qty) for lt in t.lots]) for t in lost] == [(1, [("APR", 1)])]
    assert destination.pending_events[-1].lost == lost


def test_a_product_line_counts_the_lots_first_expiry_first(sent):
    _, destination, product, transfer_id = sent
    _, lost = destination.receive_transfer(transfer_id, [ArrivedLine(product, 3)], at(4))
    assert [(lt.lot, lt.qty) for lt in lost[0].lots] == [("JUN", 1)]


def test_a_transfer_is_received_once(sent):
    _, destination, _, transfer_id = sent
    destination.receive_transfer(transfer_id, None, at(4))
    with pytest.raises(RuleConflict) as refused:
        destination.receive_transfer(transfer_id, None, at(5))
    assert refused.value.code == "already_received"


@pytest.mark.parametrize(
    "line, reason",
    [
        (lambda p: ArrivedLine(uuid4(), 1), "not_in_transfer"),
        (lambda p: ArrivedLine(p, 1, "NOV"), "lot_not_in_transfer"),
        (lambda p: ArrivedLine(p, 5), "more_than_sent"),
    ],
)
def test_a_receipt_line_must_name_what_was_sent_and_no_more(sent, line, reason):
    _, destination, product, transfer_id = sent
    with pytest.raises((InvalidValue, RuleConflict)) as refused:
        destination.receive_transfer(transfer_id, [line(product)], at(4))
    assert refused.value.reason == reason and refused.value.field.startswith("lines.0")


def test_a_product_counted_twice_is_refused(sent):
    _, destination, product, transfer_id = sent
    lines = [ArrivedLine(product, 1, "APR"), ArrivedLine(product, 1)]
    with pytest.raises(InvalidValue) as refused:
        destination.receive_transfer(transfer_id, lines, at(4))
    assert refused.value.reason == "counted_twice"


def test_a_receipt_before_the_sending_is_refused(sent):
    _, destination, _, transfer_id = sent
    with pytest.raises(RuleConflict) as refused:
        destination.receive_transfer(transfer_id, None, at(3, 8))
    assert refused.value.reason == "received_before_sent"


def test_a_supermarket_is_refused_a_transfer_of_a_product_it_does_not_list(sent):
    source, _, product, _ = sent
    shop = outlet("supermarket")
    transfer_id, takes = source.transfer_out(shop.id, [(product, 1)], at(3))
    with pytest.raises(RuleConflict) as refused:
        shop.expect_transfer(transfer_id, source.id, takes, at(3))
    assert refused.value.code == "not_listed"


def test_a_supermarket_that_delisted_in_transit_is_refused_the_receipt(sent):
    source, _, product, _ = sent
    shop = outlet("supermarket")
    shop.list_product(product, date(2024, 3, 1))
    transfer_id, takes = source.transfer_out(shop.id, [(product, 1)], at(3))
    shop.expect_transfer(transfer_id, source.id, takes, at(3))
    shop.delist(product, date(2024, 3, 4))
    with pytest.raises(RuleConflict) as refused:
        shop.receive_transfer(transfer_id, None, at(5))
    assert refused.value.code == "not_listed"
    shop.receive_transfer(transfer_id, [ArrivedLine(product, 0)], at(5))  # all lost: allowed
    assert shop.on_hand(product) == 0


def test_an_outlet_with_transfers_in_transit_to_it_cannot_close(sent):
    _, destination, _, _ = sent
    with pytest.raises(RuleConflict) as refused:
        destination.close(date(2024, 3, 10))
    assert refused.value.reason == "transfers_in_transit"


def test_reopening_starts_a_new_open_period_and_the_closed_one_stays_closed():
    o = outlet("ocop_point")
    o.close(date(2024, 2, 1))
    with pytest.raises(RuleConflict):
        o.reopen(date(2024, 1, 31))
    o.reopen(date(2024, 3, 1))
    assert o.is_open_on(date(2024, 1, 15)) and o.is_open_on(date(2024, 3, 1))
    assert not o.is_open_on(date(2024, 2, 15))
    with pytest.raises(RuleConflict) as refused:
        o.receive([ReceiptLine(uuid4(), 1)], at(0 + 1) - timedelta(days=20))
    assert refused.value.reason == "closed_that_day"
    o.receive([ReceiptLine(uuid4(), 1)], at(2))


def test_an_open_outlet_is_not_reopened():
    with pytest.raises(RuleConflict) as refused:
        outlet("ocop_point").reopen(date(2024, 3, 1))
    assert refused.value.reason == "outlet_not_closed"


def test_a_threshold_is_set_for_a_product_stocked_but_not_listed(sent):
    source, _, product, _ = sent
    source.set_threshold(product, 6)
    assert source.thresholds[product.hex] == 6
    with pytest.raises(RuleConflict) as refused:
        source.set_threshold(uuid4(), 1)
    assert refused.value.reason == "not_stocked"
    with pytest.raises(InvalidValue):
        source.set_threshold(product, -1)
