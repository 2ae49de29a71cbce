"""The Outlet's counter (part of domain/outlet.py): sales, all lines or none, and their
corrections: units a customer brings back (khách trả hàng) and a sale voided on its own day
(hủy hóa đơn). The sales of the back-dating window are remembered to correct them."""

from datetime import datetime
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain.corrections import (
    ReturnLine,
    check_reason,
    plan_return,
    remembered_sale,
    sale_memo,
    unreturned,
    voided_takes,
)
from domain.errors import InvalidValue, RuleConflict
from domain.lines import SaleLine, Take
from domain.reference import SHELF_KINDS
from domain.stock import add_to
from domain.values import MAX_PAID_VND, check_at_most, local_day


class Sales:
    """Counter sales (``sales``: sale hex → sale memo; ``last_sold_on``: each product's latest
    sale day, for the delisting rule)."""

    def sell(self, lines: list[SaleLine], sold_at: datetime, paid_vnd: int | None = None) -> UUID:
        """Record a counter sale: all lines or none (if any exceeds stock, nothing is sold).
        ``paid_vnd``, what the customer handed over (khách đưa), is kept with the sale for its
        receipt's change; when given it is a whole number of đồng, not less than the total."""
        self._check_movement(sold_at, "sold_at", lines)
        check_paid(paid_vnd, sum(line.qty * line.unit_price_vnd for line in lines))
        if self.kind in SHELF_KINDS:
            day = local_day(sold_at)
            for line in lines:
                if not self._listed_on(line.product_id.hex, day):
                    if line.product_id.hex in self.listings | self.past_listings:
                        raise RuleConflict.because(
                            "product_not_listed_on", "product_id", product=line.product_id, day=day
                        )
                    raise RuleConflict.because(
                        "product_not_listed", "product_id", product=line.product_id
                    )
        takes = self._plan_takes([(l.product_id, l.qty, l.unit_price_vnd) for l in lines], sold_at)
        sale_id = uuid4()
        self._sold(sale_id, sold_at, takes, paid_vnd)
        return sale_id

    def return_sale(
        self,
        sale_id: UUID,
        wanted: list[tuple[UUID, int, bool]],
        reason: str,
        returned_at: datetime,
        refund_vnd: int | None = None,
    ) -> UUID:
        """Take back units of a sale (khách trả hàng); restocked units go back to their lots."""
        self._check_movement(returned_at, "returned_at", wanted)
        memo = remembered_sale(self.sales, sale_id, "sale_id")
        if local_day(returned_at) < memo["day"]:
            raise InvalidValue.because("before_sale", "returned_at", day=memo["day"])
        reason = check_reason(reason)
        lines = plan_return(memo, wanted, refund_vnd)
        restocked = [
            (line.product_id, take.lot, take.expires_on, f"lines.{index}.restock")
            for index, line in enumerate(lines)
            if line.restock
            for take in line.lots
        ]
        self._check_receivable(restocked, returned_at)  # an expired lot is returned as damaged
        return_id = uuid4()
        self._sale_returned(return_id, sale_id, returned_at, reason, lines)
        return return_id

    def void_sale(self, sale_id: UUID, reason: str, voided_at: datetime) -> None:
        """Cancel a sale on its own business day (hủy hóa đơn): every unit back to its lot."""
        self._check_movement(voided_at, "voided_at", [None])
        memo = remembered_sale(self.sales, sale_id, "sale_id")
        if memo["returned"]:
            raise RuleConflict.because("sale_has_returns", "sale_id", sale=sale_id)
        if local_day(voided_at) != memo["day"]:
            raise RuleConflict.because("void_not_same_day", "sale_id", day=memo["day"])
        reason = check_reason(reason)
        self._sale_voided(sale_id, voided_at, reason, voided_takes(memo))

    @event("Sold")
    def _sold(
        self, sale_id: UUID, sold_at: datetime, lines: list[Take], paid_vnd: int | None = None
    ) -> None:
        day = local_day(sold_at)
        self.sales[sale_id.hex] = sale_memo(day, lines)
        for take in lines:
            last = self.last_sold_on.get(take.product_id.hex)
            self.last_sold_on[take.product_id.hex] = day if last is None else max(last, day)
        self._remove(lines, sold_at)

    @event("SaleReturned")
    def _sale_returned(
        self,
        return_id: UUID,
        sale_id: UUID,
        returned_at: datetime,
        reason: str,
        lines: list[ReturnLine],
    ) -> None:
        unreturned(self.sales[sale_id.hex], lines)
        day = local_day(returned_at)
        self._moved_on(day)  # first, as for a receipt
        for line in lines:
            if line.restock:
                lots = self.lots.setdefault(line.product_id.hex, {})
                for take in line.lots:
                    add_to(lots, take.lot, take.qty, take.expires_on, day)

    @event("SaleVoided")
    def _sale_voided(
        self, sale_id: UUID, voided_at: datetime, reason: str, lines: list[Take]
    ) -> None:
        self.sales[sale_id.hex]["voided"] = True
        day = local_day(voided_at)
        self._moved_on(day)
        for take in lines:
            for lot in take.lots:
                lots = self.lots.setdefault(take.product_id.hex, {})
                add_to(lots, lot.lot, lot.qty, lot.expires_on, day)


def check_paid(paid_vnd: int | None, total_vnd: int) -> None:
    """What the customer paid for a sale: none said, or whole đồng not less than its total."""
    if paid_vnd is None:
        return
    if isinstance(paid_vnd, bool) or not isinstance(paid_vnd, int) or paid_vnd < 0:
        raise InvalidValue.because("whole_vnd", "paid_vnd")
    check_at_most(paid_vnd, MAX_PAID_VND, "paid_vnd")
    if paid_vnd < total_vnd:
        raise InvalidValue.because("paid_below_total", "paid_vnd", total=total_vnd)
