"""Corrections at an outlet (sửa sai): what an Outlet remembers of its recent sales and receipts,
and the rules of a sale's return (trả hàng), a void (hủy hóa đơn), a receipt's reversal (hủy
phiếu nhập) and a return to the supplier (trả hàng nhà cung cấp).

The memory is plain data inside the Outlet's state, so snapshots and replays keep it:
``SaleMemo`` is ``{"day": date, "units": [[product hex, lot, qty left, unit price, expiry]],
"returned": bool, "voided": bool}``; ``ReceiptMemo`` is ``{"at": datetime, "lines": [[product
hex, lot, qty, expiry]], "reversed": bool}``. Both are kept over the back-dating window only, so a
sale or receipt older than that is refused with a reason of its own (``sale_not_remembered``).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.errors import InsufficientStock, InvalidValue, RuleConflict
from domain.lines import LotTake, Take
from domain.stock import Lots
from domain.text import checked_text
from domain.values import MAX_QUANTITY, MAX_VND, check_at_most

WRITE_OFF_REASONS = ("expired", "damaged", "lost_or_stolen", "sample", "recall", "other")
"""Why stock is written off (xuất hủy): hết hạn, hư hỏng, mất hoặc bị trộm, hàng mẫu hoặc dùng
thử, thu hồi, lý do khác (with a note)."""


@dataclass(frozen=True)
class ReturnLine:
    """A product a customer brings back (khách trả hàng): how many, whether they go back on the
    shelf (``restock``; False: damaged), and the units as they were sold (lots and price)."""

    product_id: UUID
    qty: int
    restock: bool
    lots: list[LotTake]
    paid_vnd: int
    refund_vnd: int


def sale_memo(sold_at_day: date, takes: list[Take]) -> dict[str, Any]:
    """What the outlet keeps of a sale to return or void it later."""
    units = [
        [take.product_id.hex, lot.lot, lot.qty, take.unit_price_vnd or 0, lot.expires_on]
        for take in takes
        for lot in take.lots
    ]
    return {"day": sold_at_day, "units": units, "returned": False, "voided": False}


def receipt_memo(received_at: datetime, lines: list) -> dict[str, Any]:
    """What the outlet keeps of a receipt to reverse it while its units are all there."""
    kept = [[line.product_id.hex, line.lot, line.qty, line.expires_on] for line in lines]
    return {"at": received_at, "lines": kept, "reversed": False}


def remembered_sale(sales: dict, sale_id: UUID, field: str) -> dict[str, Any]:
    """The sale, if the outlet still remembers it (it forgets sales older than the window)."""
    memo = sales.get(sale_id.hex)
    if memo is None:
        raise RuleConflict.because("sale_not_remembered", field, sale=sale_id)
    if memo["voided"]:
        raise RuleConflict.because("sale_voided", field, sale=sale_id)
    return memo


def plan_return(
    memo: dict[str, Any], wanted: list[tuple[UUID, int, bool]], refund_vnd: int | None
) -> list[ReturnLine]:
    """The lines of a return: each product's units are taken back in the order they were sold,
    never more than sold minus already returned; the refund (default: what was paid for the
    units) is shared over the lines in proportion to what was paid, never above it."""
    left = [list(unit) for unit in memo["units"]]
    lines = []
    for index, (product_id, qty, restock) in enumerate(wanted):
        _check_qty(qty, f"lines.{index}.qty")
        units = [u for u in left if u[0] == product_id.hex]
        if not units:
            raise RuleConflict.because(
                "not_in_sale", f"lines.{index}.product_id", product=product_id
            )
        returnable = sum(u[2] for u in units)
        if qty > returnable:
            raise RuleConflict.because(
                "return_exceeds_sold", f"lines.{index}.qty", product=product_id, n=returnable
            )
        lots, paid = _take_back(units, qty)
        lines.append(ReturnLine(product_id, qty, bool(restock), lots, paid, paid))
    return _share_refund(lines, refund_vnd)


def _take_back(units: list[list], qty: int) -> tuple[list[LotTake], int]:
    lots, paid, remaining = [], 0, qty
    for unit in units:
        here = min(remaining, unit[2])
        if here:
            lots.append(LotTake(unit[1], here, unit[4]))
            paid += here * unit[3]
            unit[2] -= here
            remaining -= here
    return lots, paid


def _share_refund(lines: list[ReturnLine], refund_vnd: int | None) -> list[ReturnLine]:
    paid = sum(line.paid_vnd for line in lines)
    if refund_vnd is None or refund_vnd == paid:
        return lines
    if isinstance(refund_vnd, bool) or not isinstance(refund_vnd, int) or refund_vnd < 0:
        raise InvalidValue.because("whole_vnd", "refund_vnd")
    check_at_most(refund_vnd, MAX_VND, "refund_vnd")
    if refund_vnd > paid:
        raise InvalidValue.because("refund_above_paid", "refund_vnd", paid=paid)
    shared, given = [], 0
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        share = refund_vnd - given if last else (line.paid_vnd * refund_vnd) // paid
        given += share
        shared.append(ReturnLine(**{**vars(line), "refund_vnd": share}))
    return shared


def unreturned(memo: dict[str, Any], returns: list[ReturnLine]) -> None:
    """Take the returned units off the sale's memory (the event's body: runs again on replay)."""
    memo["returned"] = True
    for line in returns:
        for lot in line.lots:
            remaining = lot.qty
            for unit in memo["units"]:
                if unit[0] == line.product_id.hex and unit[1] == lot.lot and remaining:
                    here = min(remaining, unit[2])
                    unit[2] -= here
                    remaining -= here


def voided_takes(memo: dict[str, Any]) -> list[Take]:
    """Everything a sale took, as takes to put back (a sale with returns is not voided)."""
    takes = []
    for product, lot, qty, price, expiry in memo["units"]:
        takes.append(Take(UUID(product), qty, [LotTake(lot, qty, expiry)], price))
    return takes


def check_reason(reason: str, field: str = "reason") -> str:
    """Every correction says why (lý do)."""
    checked_text(reason, field)
    return reason.strip()


def check_write_off_reason(reason: str, note: str) -> str:
    """One of the write-off reasons; ``other`` needs a note saying what it is."""
    if reason not in WRITE_OFF_REASONS:
        raise InvalidValue.because("not_one_of", "reason", options=list(WRITE_OFF_REASONS))
    checked_text(note, "note", required=reason == "other")
    return note.strip()


def reversal_shortfall(memo: dict[str, Any], lots: dict[str, Lots], day: date) -> dict | None:
    """The first lot of a receipt whose units are no longer all there from the receipt's day on
    (sold, sent, written off, counted down or returned): None if the receipt can be reversed."""
    wanted: dict[tuple[str, str], int] = {}
    for product, lot, qty, _ in memo["lines"]:
        wanted[(product, lot)] = wanted.get((product, lot), 0) + qty
    for (product, lot), qty in wanted.items():
        held = lots.get(product, {}).get(lot)
        left = held.free_from(day) if held else 0
        if left < qty:
            return {"product": UUID(product), "lot": lot, "received": qty, "left": max(left, 0)}
    return None


def plan_supplier_return(
    lots: Lots, product_id: UUID, qty: int, lot: str | None, day: date, field: str
) -> list[LotTake]:
    """The lots a return to the supplier takes: the lot given, or the earliest expiring first
    (expired lots included: they are what a supplier most often takes back)."""
    _check_qty(qty, f"{field}.qty")
    codes = [lot] if lot is not None else sorted(lots, key=lambda c: _expiry_order(lots, c, day))
    takes, remaining = [], qty
    for code in codes:
        held = lots.get(code)
        here = min(remaining, max(held.free_from(day), 0)) if held else 0
        if here:
            takes.append(LotTake(code, here, held.expires_on))
            remaining -= here
    if remaining:
        free = qty - remaining
        if lot is not None:
            raise RuleConflict.because("lot_short", f"{field}.qty", lot=lot, on_hand=free)
        raise InsufficientStock.because(
            "insufficient_stock", f"{field}.qty", product=product_id, wanted=qty, sellable=free
        )
    return takes


def _expiry_order(lots: Lots, code: str, day: date) -> tuple:
    expiry = lots[code].expires_on
    return (expiry is None, expiry or day, code)


def _check_qty(qty: int, field: str) -> None:
    if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
        raise InvalidValue.because("whole_at_least", field, minimum=1)
    check_at_most(qty, MAX_QUANTITY, field)
