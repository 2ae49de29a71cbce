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


def test_a_sale_short_because_a_lot_expired_says_which_lot_and_since_when(shop):
    o, product = shop
    with pytest.raises(InsufficientStock) as refused:
        o.sell([SaleLine(product, 6, 1)], datetime(2024, 5, 2, tzinfo=ICT))  # April lot expired
    assert refused.value.reason == "insufficient_stock_expired"
    assert refused.value.params == {
        "product": product,
        "wanted": 6,
        "sellable": 5,
        "lot": "APR",
        "expiry": date(2024, 4, 30),
    }


def test_a_sale_short_with_no_expired_lot_keeps_the_plain_refusal(shop):
    o, product = shop
    with pytest.raises(InsufficientStock) as refused:
        o.sell([SaleLine(product, 9, 1)], at(2))
    assert refused.value.reason == "insufficient_stock"


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
    destination.expect_transfer(transfer_id, source.id, takes, at(3))
    destination.receive_transfer(transfer_id, None, at(3))
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
        o.write_off(product, 4, "damaged", at(3), lot="APR")
    o.write_off(product, 3, "damaged", at(3), lot="APR")
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


# Issue 11: stock rules on the day a command is dated --------------------------------------


def _code(refused) -> str | None:
    return getattr(refused.value, "code", None)


def test_receiving_a_held_lot_code_with_another_expiry_is_refused_and_keeps_the_lot(shop):
    o, product = shop
    with pytest.raises(RuleConflict) as refused:
        o.receive([ReceiptLine(product, 2, "APR", date(2028, 1, 1))], at(2))
    assert _code(refused) == "lot_expiry_differs" and "2024-04-30" in refused.value.message
    assert o.stock[product.hex]["APR"].expires_on == date(2024, 4, 30)


def test_a_line_without_expiry_into_a_held_lot_keeps_the_lots_expiry(shop):
    o, product = shop
    o.receive([ReceiptLine(product, 2, "APR")], at(2))
    held = o.stock[product.hex]["APR"]
    assert (held.on_hand, held.expires_on) == (5, date(2024, 4, 30))
    assert o.collect_events()[-1].lines[0].expires_on == date(2024, 4, 30)  # the event says so


def test_expired_units_never_become_sellable_again_by_receiving_more_of_their_lot(shop):
    o, product = shop
    may = datetime(2024, 5, 2, tzinfo=ICT)  # the April lot has expired
    with pytest.raises((RuleConflict, InvalidValue)):
        o.receive([ReceiptLine(product, 1, "APR", date(2028, 1, 1))], may)
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 6, 1)], may)


def test_receiving_a_lot_that_has_already_expired_on_the_receipts_day_is_refused(shop):
    o, product = shop
    with pytest.raises(InvalidValue) as refused:
        o.receive([ReceiptLine(uuid4(), 1, "OLD", date(2024, 3, 1))], at(2))
    assert refused.value.field == "lines.0.expires_on"
    with pytest.raises(InvalidValue):  # nor into a held lot that has expired
        o.receive([ReceiptLine(product, 1, "APR")], datetime(2024, 5, 2, tzinfo=ICT))


def test_a_count_of_a_lot_emptied_after_expiry_keeps_its_expiry(shop):
    o, product = shop
    may = datetime(2024, 5, 2, tzinfo=ICT)
    o.write_off(product, 3, "expired", may, lot="APR")
    o.count_stock(product, 2, may + timedelta(hours=1), "found behind the shelf", lot="APR")
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 6, 1)], may + timedelta(hours=2))


def test_a_transfer_whose_lot_the_destination_holds_with_another_expiry_is_refused(shop):
    source, product = shop
    destination = outlet("ocop_point")
    destination.receive([ReceiptLine(product, 1, "APR", date(2024, 12, 31))], at(1))
    transfer_id, takes = source.transfer_out(destination.id, [(product, 4)], at(3))
    with pytest.raises(RuleConflict) as refused:
        destination.expect_transfer(transfer_id, source.id, takes, at(3))
    assert _code(refused) == "lot_expiry_differs"


def test_a_sale_dated_before_the_stock_was_received_is_refused(shop):
    o, product = shop
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 1, 1)], datetime(2024, 2, 28, 9, tzinfo=ICT))


def test_a_sale_dated_before_the_product_was_listed_is_refused():
    o, product = outlet(), uuid4()
    o.list_product(product, date(2024, 3, 5))
    o.receive([ReceiptLine(product, 5)], at(1))
    with pytest.raises(RuleConflict) as refused:
        o.sell([SaleLine(product, 1, 1)], at(3))
    assert refused.value.field == "product_id" and _code(refused) == "not_listed"
    o.sell([SaleLine(product, 1, 1)], at(5))


def test_a_sale_dated_in_a_past_listing_period_is_accepted_and_outside_it_refused():
    o, product = outlet(), uuid4()
    o.list_product(product, date(2024, 3, 1))
    o.receive([ReceiptLine(product, 5)], at(1))
    o.delist(product, date(2024, 3, 10))
    o.sell([SaleLine(product, 1, 1)], at(9))
    with pytest.raises(RuleConflict):
        o.sell([SaleLine(product, 1, 1)], at(10))


def test_a_back_dated_sale_may_not_take_units_a_later_movement_already_took(shop):
    o, product = shop
    o.sell([SaleLine(product, 8, 1)], at(10))
    with pytest.raises(InsufficientStock):
        o.sell([SaleLine(product, 1, 1)], at(5))
    o.receive([ReceiptLine(product, 2, "NEW")], at(6))
    with pytest.raises(InsufficientStock):  # the new lot came after the 5th
        o.sell([SaleLine(product, 1, 1)], at(5))
    o.sell([SaleLine(product, 2, 1)], at(7))
    assert o.on_hand(product) == 0


def test_a_back_dated_sale_takes_first_expiry_first_on_its_own_day(shop):
    o, product = shop
    o.receive([ReceiptLine(product, 4, "MAR", date(2024, 3, 20))], at(15))
    o.sell([SaleLine(product, 1, 1)], at(10))  # before the March lot arrived: April first
    sold = o.collect_events()[-1]
    assert [(t.lot, t.qty) for t in sold.lines[0].lots] == [("APR", 1)]


def test_a_movement_dated_more_than_the_window_before_the_latest_is_refused(shop):
    from domain.stock import BACKDATING_DAYS

    o, product = shop
    o.sell([SaleLine(product, 1, 1)], datetime(2024, 4, 20, tzinfo=ICT))
    too_old = datetime(2024, 4, 20, tzinfo=ICT) - timedelta(days=BACKDATING_DAYS + 1)
    with pytest.raises(RuleConflict) as refused:
        o.sell([SaleLine(product, 1, 1)], too_old)
    assert refused.value.field == "sold_at" and _code(refused) == "dated_too_far_back"
    o.sell([SaleLine(product, 1, 1)], too_old + timedelta(days=1))


def test_a_back_dated_count_adjusts_from_its_day_and_may_not_undercut_later_sales(shop):
    o, product = shop
    o.sell([SaleLine(product, 4, 1)], at(10))  # APR 3, JUN 1
    with pytest.raises(RuleConflict) as refused:
        o.count_stock(product, 0, at(5), "count", lot="APR")
    assert refused.value.field == "counted"
    assert o.count_stock(product, 4, at(5), "count", lot="JUN") == -1
    assert o.on_hand(product) == 3


def test_a_delisting_dated_on_or_before_the_latest_sale_is_refused(shop):
    o, product = shop
    o.sell([SaleLine(product, 1, 1)], at(10))
    with pytest.raises(RuleConflict) as refused:
        o.delist(product, date(2024, 3, 10))
    assert refused.value.field == "delisted_on" and _code(refused) == "sold_after_delisting"
    o.delist(product, date(2024, 3, 11))


def test_closing_an_outlet_that_still_holds_stock_is_refused_naming_what_is_left(shop):
    o, product = shop
    with pytest.raises(RuleConflict) as refused:
        o.close(date(2024, 3, 20))
    assert _code(refused) == "stock_remains" and str(product) in refused.value.message
    assert "8" in refused.value.message and o.closed_on is None
    o.write_off(product, 3, "damaged", at(2), lot="APR")
    o.write_off(product, 5, "damaged", at(2), lot="JUN")
    o.close(date(2024, 3, 20))
    assert o.closed_on == date(2024, 3, 20)


def test_closing_dated_on_or_before_the_latest_movement_is_refused():
    o, product = outlet("ocop_point"), uuid4()
    o.receive([ReceiptLine(product, 1)], at(10))
    o.sell([SaleLine(product, 1, 1)], at(12))
    with pytest.raises(RuleConflict) as refused:
        o.close(date(2024, 3, 12))
    assert refused.value.field == "closed_on" and _code(refused) == "movement_after_closing"
    o.close(date(2024, 3, 13))


def test_a_relisting_dated_before_the_previous_delisting_is_refused(shop):
    o, product = shop
    o.delist(product, date(2024, 3, 1))
    with pytest.raises(RuleConflict) as refused:
        o.list_product(product, date(2024, 2, 20))
    assert refused.value.field == "listed_on" and _code(refused) == "listing_overlaps"
    o.list_product(product, date(2024, 3, 1))  # the day of delisting is fine


def test_a_write_off_as_expired_needs_a_lot_expired_on_its_day(shop):
    o, product = shop
    with pytest.raises(RuleConflict) as refused:
        o.write_off(product, 1, "expired", at(3), lot="JUN")
    assert refused.value.field == "reason" and _code(refused) == "lot_not_expired"
    o.write_off(product, 1, "damaged", at(3), lot="JUN")
    o.write_off(product, 3, "expired", datetime(2024, 5, 1, tzinfo=ICT), lot="APR")


def test_a_count_of_a_lot_never_held_is_refused():
    o, product = outlet("ocop_point"), uuid4()
    with pytest.raises(RuleConflict) as refused:
        o.count_stock(product, 3, at(2), "found", lot="X")
    assert refused.value.field == "lot" and _code(refused) == "lot_not_held"
