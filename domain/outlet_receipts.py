"""The Outlet's dealings with producers (part of domain/outlet.py): stock received (nhập hàng),
a wrong receipt reversed (hủy phiếu nhập), stock returned to its producer (trả hàng nhà cung
cấp). The receipts of the back-dating window are remembered to reverse them."""

import copy
from dataclasses import replace
from datetime import datetime
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain.corrections import check_reason, plan_supplier_return, receipt_memo, reversal_shortfall
from domain.errors import RuleConflict
from domain.lines import LotTake, ReceiptLine, Take
from domain.stock import add_to, remove_from
from domain.values import local_day


class Receipts:
    """Stock in from producers and back to them (``receipts``: receipt hex → receipt memo)."""

    def receive(self, lines: list[ReceiptLine], received_at: datetime) -> UUID:
        """Take stock in from a producer (nhập hàng); return the receipt id."""
        self._check_movement(received_at, "received_at", lines)
        arriving = [
            (line.product_id, line.lot, line.expires_on, f"lines.{index}.expires_on")
            for index, line in enumerate(lines)
        ]
        expiries = self._check_receivable(arriving, received_at)
        # The event says the expiry the units take, so every view reads it without the lot.
        dated = [
            replace(line, expires_on=expiry) for line, expiry in zip(lines, expiries, strict=True)
        ]
        receipt_id = uuid4()
        self._received(receipt_id, received_at, dated)
        return receipt_id

    def reverse_receipt(self, receipt_id: UUID, reason: str, reversed_at: datetime) -> None:
        """Undo a wrong receipt (hủy phiếu nhập) while all of its units are still here."""
        self._check_open_on(local_day(reversed_at), "reversed_at")
        memo = self.receipts.get(receipt_id.hex)
        if memo is None:
            raise RuleConflict.because("receipt_not_remembered", "receipt_id", receipt=receipt_id)
        if memo["reversed"]:
            raise RuleConflict.because("receipt_reversed", "receipt_id", receipt=receipt_id)
        reason = check_reason(reason)
        gone = reversal_shortfall(memo, self.lots, local_day(memo["at"]))
        if gone is not None:
            raise RuleConflict.because("receipt_units_gone", "receipt_id", **gone)
        lines = [
            ReceiptLine(UUID(product), qty, lot, expiry)
            for product, lot, qty, expiry in memo["lines"]
        ]
        self._receipt_reversed(receipt_id, reversed_at, memo["at"], reason, lines)

    def return_to_supplier(
        self,
        producer_id: UUID,
        lines: list[tuple[UUID, int, str | None]],
        reason: str,
        returned_at: datetime,
    ) -> UUID:
        """Send stock back to its producer (trả hàng nhà cung cấp); earliest expiry first."""
        self._check_movement(returned_at, "returned_at", lines)
        reason = check_reason(reason)
        day, planned = local_day(returned_at), {}
        takes = []
        for index, (product_id, qty, lot) in enumerate(lines):
            lots = planned.setdefault(
                product_id.hex, copy.deepcopy(self.lots.get(product_id.hex, {}))
            )
            lot_takes = plan_supplier_return(lots, product_id, qty, lot, day, f"lines.{index}")
            remove_from(lots, Take(product_id, qty, lot_takes), day)
            takes.append(Take(product_id, qty, lot_takes))
        return_id = uuid4()
        self._returned_to_supplier(return_id, producer_id, returned_at, reason, takes)
        return return_id

    @event("StockReceived")
    def _received(self, receipt_id: UUID, received_at: datetime, lines: list[ReceiptLine]) -> None:
        day = local_day(received_at)
        self._moved_on(day)  # first: a lot forgotten by this day arrives as a new lot
        for line in lines:
            lots = self.lots.setdefault(line.product_id.hex, {})
            add_to(lots, line.lot, line.qty, line.expires_on, day)
        self.receipts[receipt_id.hex] = receipt_memo(received_at, lines)

    @event("ReceiptReversed")
    def _receipt_reversed(
        self,
        receipt_id: UUID,
        reversed_at: datetime,
        received_at: datetime,
        reason: str,
        lines: list[ReceiptLine],
    ) -> None:
        # The units leave from the receipt's own day: the stock reads as if never received.
        self.receipts[receipt_id.hex]["reversed"] = True
        for line in lines:
            take = Take(line.product_id, line.qty, [LotTake(line.lot, line.qty, line.expires_on)])
            remove_from(self.lots.setdefault(line.product_id.hex, {}), take, local_day(received_at))

    @event("ReturnedToSupplier")
    def _returned_to_supplier(
        self,
        return_id: UUID,
        producer_id: UUID,
        returned_at: datetime,
        reason: str,
        lines: list[Take],
    ) -> None:
        self._remove(lines, returned_at)
