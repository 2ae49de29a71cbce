"""Corrections at an outlet: returns, voids, receipt reversals, returns to the supplier and the
write-off reasons."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InsufficientStock, InvalidValue, RuleConflict
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.values import Place

ICT = timezone(timedelta(hours=7))
PLACE = Place("Hà Nội", "Dịch Vọng", "Cầu Giấy")


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2024, month, day, hour, tzinfo=ICT)


@pytest.fixture
def sold():
    """An OCOP point that received 3 units of lot APR and 5 of JUN, then sold 4 (3 APR at 10,000
    and 1 JUN at 10,000) on 2 March."""
    o, product = Outlet.open("Điểm OCOP Gia Lâm", "ocop_point", PLACE, date(2024, 1, 1)), uuid4()
    receipt = o.receive(
        [
            ReceiptLine(product, 5, "JUN", date(2024, 6, 30)),
            ReceiptLine(product, 3, "APR", date(2024, 4, 30)),
        ],
        at(1),
    )
    sale = o.sell([SaleLine(product, 4, 10_000)], at(2))
    return o, product, sale, receipt


def lots(o: Outlet, product) -> dict[str, int]:
    return {code: lot.on_hand for code, lot in o.stock.get(product.hex, {}).items()}


def test_a_return_puts_restocked_units_back_in_the_lots_they_were_sold_from(sold):
    o, product, sale, _ = sold
    o.return_sale(sale, [(product, 2, True)], "khách đổi ý", at(3))
    returned = o.collect_events()[-1]
    assert [(t.lot, t.qty) for t in returned.lines[0].lots] == [("APR", 2)]
    assert returned.lines[0].refund_vnd == 20_000
    assert lots(o, product) == {"APR": 2, "JUN": 4}
    assert o.stock[product.hex]["APR"].expires_on == date(2024, 4, 30)


def test_damaged_returned_units_do_not_go_back_in_stock(sold):
    o, product, sale, _ = sold
    o.return_sale(sale, [(product, 1, False)], "vỡ", at(3))
    assert lots(o, product) == {"JUN": 4}


def test_a_return_never_exceeds_what_was_sold_minus_what_came_back(sold):
    o, product, sale, _ = sold
    o.return_sale(sale, [(product, 3, True)], "trả", at(3))
    with pytest.raises(RuleConflict) as refused:
        o.return_sale(sale, [(product, 2, True)], "trả", at(3))
    assert refused.value.reason == "return_exceeds_sold" and refused.value.params["n"] == 1
    assert refused.value.field == "lines.0.qty"


def test_a_return_of_a_product_not_in_the_sale_is_refused(sold):
    o, _, sale, _ = sold
    with pytest.raises(RuleConflict) as refused:
        o.return_sale(sale, [(uuid4(), 1, True)], "trả", at(3))
    assert refused.value.reason == "not_in_sale"


def test_a_refund_is_never_above_what_was_paid_for_the_returned_units(sold):
    o, product, sale, _ = sold
    with pytest.raises(InvalidValue) as refused:
        o.return_sale(sale, [(product, 1, True)], "trả", at(3), refund_vnd=10_001)
    assert refused.value.reason == "refund_above_paid"
    o.return_sale(sale, [(product, 1, True)], "trả", at(3), refund_vnd=5_000)
    assert o.collect_events()[-1].lines[0].refund_vnd == 5_000


def test_a_return_before_the_sale_is_refused(sold):
    o, product, sale, _ = sold
    with pytest.raises(InvalidValue) as refused:
        o.return_sale(sale, [(product, 1, True)], "trả", at(1, 10))
    assert refused.value.reason == "before_sale"


def test_an_unknown_or_forgotten_sale_is_refused_with_its_reason(sold):
    o, product, sale, _ = sold
    with pytest.raises(RuleConflict) as refused:
        o.return_sale(uuid4(), [(product, 1, True)], "trả", at(3))
    assert refused.value.reason == "sale_not_remembered"
    o.receive([ReceiptLine(product, 1, "MAY", date(2024, 12, 31))], at(20, month=4))
    with pytest.raises(RuleConflict) as refused:
        o.return_sale(sale, [(product, 1, False)], "trả", at(20, month=4))
    assert refused.value.reason == "sale_not_remembered"


def test_a_void_on_the_day_of_the_sale_puts_every_unit_back(sold):
    o, product, sale, _ = sold
    o.void_sale(sale, "bấm nhầm", at(2, 18))
    assert lots(o, product) == {"APR": 3, "JUN": 5}
    with pytest.raises(RuleConflict) as refused:
        o.return_sale(sale, [(product, 1, True)], "trả", at(2, 19))
    assert refused.value.reason == "sale_voided"


def test_a_void_on_another_day_or_of_a_returned_sale_is_refused(sold):
    o, product, sale, _ = sold
    with pytest.raises(RuleConflict) as refused:
        o.void_sale(sale, "muộn", at(3))
    assert refused.value.reason == "void_not_same_day"
    o.return_sale(sale, [(product, 1, True)], "trả", at(2, 10))
    with pytest.raises(RuleConflict) as refused:
        o.void_sale(sale, "bấm nhầm", at(2, 11))
    assert refused.value.reason == "sale_has_returns"


def test_a_receipt_is_reversed_while_all_its_units_are_here():
    o, product = Outlet.open("Điểm", "ocop_point", PLACE, date(2024, 1, 1)), uuid4()
    receipt = o.receive([ReceiptLine(product, 5, "A")], at(1))
    o.reverse_receipt(receipt, "nhập nhầm", at(2))
    assert lots(o, product) == {}
    with pytest.raises(RuleConflict) as refused:
        o.reverse_receipt(receipt, "nhập nhầm", at(2))
    assert refused.value.reason == "receipt_reversed"


def test_a_receipt_whose_units_were_sold_is_not_reversed(sold):
    o, _, _, receipt = sold
    with pytest.raises(RuleConflict) as refused:
        o.reverse_receipt(receipt, "nhập nhầm", at(3))
    assert refused.value.reason == "receipt_units_gone"
    assert refused.value.params == {**refused.value.params, "lot": "JUN", "left": 4, "received": 5}


def test_a_return_to_the_supplier_takes_the_earliest_expiring_lot_first(sold):
    o, product, _, _ = sold
    producer = uuid4()
    o.return_to_supplier(producer, [(product, 2, None)], "lỗi bao bì", at(3))
    assert lots(o, product) == {"JUN": 2}
    o.return_to_supplier(producer, [(product, 1, "JUN")], "lỗi bao bì", at(3))
    assert lots(o, product) == {"JUN": 1}
    with pytest.raises(InsufficientStock):
        o.return_to_supplier(producer, [(product, 2, None)], "lỗi", at(3))


def test_a_return_to_the_supplier_may_take_expired_lots():
    o, product = Outlet.open("Điểm", "ocop_point", PLACE, date(2024, 1, 1)), uuid4()
    o.receive([ReceiptLine(product, 3, "APR", date(2024, 4, 30))], at(1))
    o.return_to_supplier(uuid4(), [(product, 3, None)], "hết hạn", at(1, month=5))
    assert lots(o, product) == {}


@pytest.mark.parametrize("reason", ["lost_or_stolen", "sample", "recall", "damaged"])
def test_the_write_off_reasons_are_recorded(sold, reason):
    o, product, _, _ = sold
    o.write_off(product, 1, reason, at(3), "JUN")
    assert o.collect_events()[-1].reason == reason and lots(o, product)["JUN"] == 3


def test_a_write_off_for_another_reason_needs_a_note(sold):
    o, product, _, _ = sold
    with pytest.raises(InvalidValue) as refused:
        o.write_off(product, 1, "other", at(3), "JUN")
    assert refused.value.field == "note"
    o.write_off(product, 1, "other", at(3), "JUN", note="chuột cắn")
    assert o.collect_events()[-1].note == "chuột cắn"


def test_an_outlet_replays_its_corrections_to_the_same_state(sold):
    o, product, sale, _ = sold
    o.return_sale(sale, [(product, 1, True)], "trả", at(3))
    events = o.collect_events()
    copy = None
    for e in events:
        copy = e.mutate(copy)
    assert copy.lots == o.lots and copy.sales == o.sales and copy.receipts == o.receipts
