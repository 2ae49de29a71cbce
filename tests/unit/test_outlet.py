"""Outlet rules: opening, listings, receipts, all-or-nothing sales, transfers, counts, write-offs."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InsufficientStock, InvalidValue, RuleConflict
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.values import Place

ICT = timezone(timedelta(hours=7))
PLACE = Place("Hà Nội", "Dịch Vọng", "Cầu Giấy")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=ICT)


def outlet(kind: str = "supermarket") -> Outlet:
    return Outlet.open("WinMart Cầu Giấy", kind, PLACE, date(2024, 1, 1))


@pytest.fixture
def shop():
    """A supermarket listing one product with two lots: 3 expiring in April, 5 in June."""
    o, product = outlet(), uuid4()
    o.list_product(product, date(2024, 2, 1))
    o.receive(
        [
            ReceiptLine(product, 5, "JUN", date(2024, 6, 30)),
            ReceiptLine(product, 3, "APR", date(2024, 4, 30)),
        ],
        at(1),
    )
    return o, product


def test_sale_beyond_stock_is_refused_and_records_nothing(shop):
    o, product = shop
    version = o.version
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 9, 10_000)], at(2))
    assert o.version == version and o.on_hand(product) == 8


def test_a_multi_line_sale_is_refused_whole_if_any_line_exceeds_stock(shop):
    o, product = shop
    other = uuid4()
    o.list_product(other, date(2024, 2, 1))
    o.receive([ReceiptLine(other, 1)], at(1, 10))
    version = o.version
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 2, 1), SaleLine(other, 2, 1)], at(2))
    assert o.version == version and o.on_hand(product) == 8 and o.on_hand(other) == 1


def test_two_lines_of_one_product_count_together_against_stock(shop):
    o, product = shop
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 5, 1), SaleLine(product, 4, 1)], at(2))


def test_a_sale_takes_the_soonest_expiring_lot_first(shop):
    o, product = shop
    o.sell([SaleLine(product, 4, 10_000)], at(2))
    sold = o.collect_events()[-1]
    assert [(t.lot, t.qty) for t in sold.lines[0].lots] == [("APR", 3), ("JUN", 1)]
    assert {code: lot.on_hand for code, lot in o.stock[product.hex].items()} == {"JUN": 4}


def test_expired_lots_are_not_sold(shop):
    o, product = shop
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 6, 1)], datetime(2024, 5, 2, tzinfo=ICT))  # April lot expired
    o.sell([SaleLine(product, 5, 1)], datetime(2024, 5, 2, tzinfo=ICT))
    assert o.on_hand(product) == 3


def test_a_supermarket_refuses_to_sell_what_it_has_not_listed():
    o, product = outlet(), uuid4()
    o.receive([ReceiptLine(product, 5)], at(1))
    with pytest.raises(RuleConflict) as refused:
        o.sell([SaleLine(product, 1, 1)], at(2))
    assert refused.value.field == "product_id"


def test_an_ocop_point_sells_without_listing():
    o, product = outlet("ocop_point"), uuid4()
    o.receive([ReceiptLine(product, 5)], at(1))
    o.sell([SaleLine(product, 5, 1)], at(2))
    assert o.on_hand(product) == 0 and product.hex not in o.stock


@pytest.mark.parametrize("qty", [0, -1, 1.5, True])
def test_quantities_must_be_positive_whole_numbers(qty):
    with pytest.raises(InvalidValue) as refused:
        SaleLine(uuid4(), qty, 1)
    assert refused.value.field == "qty"


def test_negative_prices_and_costs_are_refused():
    with pytest.raises(InvalidValue):
        SaleLine(uuid4(), 1, -5)
    with pytest.raises(InvalidValue):
        ReceiptLine(uuid4(), 1, unit_cost_vnd=-1)


def test_a_sale_sent_late_from_another_counter_is_accepted_with_its_own_time(shop):
    o, product = shop
    o.sell([SaleLine(product, 1, 1)], at(5))
    o.sell([SaleLine(product, 1, 1)], at(4))
    assert o.on_hand(product) == 6  # two counters may send sales slightly out of order


def test_nothing_is_recorded_before_opening_or_after_closing():
    o, product = outlet("ocop_point"), uuid4()
    with pytest.raises(RuleConflict):
        o.receive([ReceiptLine(product, 1)], datetime(2023, 12, 31, tzinfo=ICT))
    o.close(date(2024, 2, 1))
    assert o.is_open_on(date(2024, 1, 31)) and not o.is_open_on(date(2024, 2, 1))
    with pytest.raises(RuleConflict):
        o.receive([ReceiptLine(product, 1)], at(1))


def test_listing_twice_or_delisting_what_is_not_listed_is_refused(shop):
    o, product = shop
    with pytest.raises(RuleConflict):
        o.list_product(product, date(2024, 2, 2))
    o.delist(product, date(2024, 3, 1))
    with pytest.raises(RuleConflict):
        o.delist(product, date(2024, 3, 2))


def test_transfer_moves_lots_with_their_expiry_to_the_other_outlet(shop):
    source, product = shop
    destination = outlet("ocop_point")
    transfer_id, takes = source.transfer_out(destination.id, [(product, 4)], at(3))
    destination.receive_transfer(transfer_id, source.id, takes, at(3))
    assert source.on_hand(product) == 4 and destination.on_hand(product) == 4
    assert destination.stock[product.hex]["APR"].expires_on == date(2024, 4, 30)


def test_a_transfer_to_itself_is_refused(shop):
    o, product = shop
    with pytest.raises(InvalidValue):
        o.transfer_out(o.id, [(product, 1)], at(3))


def test_a_stock_count_books_the_difference(shop):
    o, product = shop
    assert o.count_stock(product, 2, at(3), "shelf count", lot="JUN") == -3
    assert o.on_hand(product) == 5
    assert o.count_stock(product, 0, at(4), "broken", lot="APR") == -3
    assert o.on_hand(product) == 2


def test_write_off_takes_from_the_named_lot_and_needs_a_known_reason(shop):
    o, product = shop
    with pytest.raises(InvalidValue):
        o.write_off(product, 1, "lost", at(3), lot="APR")
    with pytest.raises(RuleConflict):
        o.write_off(product, 4, "expired", at(3), lot="APR")
    o.write_off(product, 3, "expired", at(3), lot="APR")
    assert o.on_hand(product) == 5


def test_only_a_design_centre_showcases_and_supports_design():
    shop_ = outlet()
    with pytest.raises(RuleConflict):
        shop_.showcase(uuid4(), date(2024, 2, 1))
    centre = outlet("design_centre")
    centre.showcase(uuid4(), date(2024, 2, 1))
    centre.support_design(uuid4(), date(2024, 2, 2), "new packaging for lotus tea")
    shop_.hold_promotion("Tết OCOP fair", date(2024, 2, 3), [uuid4()])
    assert [type(e).__name__ for e in centre.collect_events()][-2:] == [
        "ProductShowcased",
        "DesignSupportGiven",
    ]


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidValue) as refused:
        Outlet.open("X", "market_stall", PLACE, date(2024, 1, 1))
    assert refused.value.field == "kind"


def test_times_without_a_zone_are_refused(shop):
    o, product = shop
    with pytest.raises(InvalidValue):
        o.sell([SaleLine(product, 1, 1)], datetime(2024, 3, 2, 9))


def test_quantities_and_prices_beyond_the_domain_bounds_are_refused_naming_the_field(shop):
    from domain.values import MAX_QUANTITY, MAX_VND

    o, product = shop
    with pytest.raises(InvalidValue) as refused:
        ReceiptLine(product, MAX_QUANTITY + 1)
    assert refused.value.field == "qty"
    with pytest.raises(InvalidValue) as refused:
        SaleLine(product, 1, MAX_VND + 1)
    assert refused.value.field == "unit_price_vnd"
    ReceiptLine(product, MAX_QUANTITY, unit_cost_vnd=MAX_VND)  # the bounds themselves are fine
    with pytest.raises(InvalidValue) as refused:
        o.count_stock(product, MAX_QUANTITY + 1, at(2), "count", lot="JUN")
    assert refused.value.field == "counted"
