"""The Outlet's counts and write-offs (part of domain/outlet.py): a lot counted (kiểm kê) and
adjusted to the count, or written off (xuất hủy) for one of WRITE_OFF_REASONS."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.corrections import check_write_off_reason
from domain.errors import InvalidValue, RuleConflict
from domain.lines import LotTake, Take
from domain.stock import add_to
from domain.text import checked_text
from domain.values import MAX_QUANTITY, check_at_most, local_day


class Counts:
    """Stock counted and written off, one lot at a time."""

    def count_stock(
        self, product_id: UUID, counted: int, counted_at: datetime, reason: str, lot: str = ""
    ) -> int:
        """Record a stock count (kiểm kê) of one lot; return the adjustment it made."""
        self._check_movement(counted_at, "counted_at", [None])
        if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
            raise InvalidValue.because("whole_not_negative", "counted")
        check_at_most(counted, MAX_QUANTITY, "counted")
        checked_text(reason, "reason")
        checked_text(lot, "lot", required=False)
        delta = self._adjustment(product_id, lot, counted, local_day(counted_at))
        self._counted(product_id, lot, counted, delta, reason.strip(), counted_at)
        return delta

    def write_off(
        self,
        product_id: UUID,
        qty: int,
        reason: str,
        written_off_at: datetime,
        lot: str = "",
        note: str = "",
    ) -> None:
        """Write off stock (xuất hủy) from one lot, for one of WRITE_OFF_REASONS."""
        self._check_movement(written_off_at, "written_off_at", [None])
        note = check_write_off_reason(reason, note)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
            raise InvalidValue.because("whole_at_least", "qty", minimum=1)
        day, held = local_day(written_off_at), self.lots.get(product_id.hex, {}).get(lot)
        free = held.free_from(day) if held else 0
        if free < qty:
            raise RuleConflict.because("lot_short", "qty", lot=lot, on_hand=free)
        if reason == "expired" and held.sellable_on(day):
            raise RuleConflict.because("lot_not_expired", "reason", lot=lot, day=day)
        take = Take(product_id, qty, [LotTake(lot, qty, held.expires_on)])
        self._written_off(product_id, reason, written_off_at, take, note)

    def _adjustment(self, product_id: UUID, lot: str, counted: int, day: date) -> int:
        """What a count of a lot on ``day`` changes; refused if later movements need more."""
        held = self.lots.get(product_id.hex, {}).get(lot)
        if held is None:
            if counted:
                raise RuleConflict.because("lot_not_held", "lot", lot=lot)
            return 0
        delta = counted - held.balance_on(day)
        if held.free_from(day) + delta < 0:
            least = held.balance_on(day) - held.free_from(day)
            raise RuleConflict.because("count_below_later_movements", "counted", n=least, lot=lot)
        return delta

    @event("StockCounted")
    def _counted(
        self,
        product_id: UUID,
        lot: str,
        counted: int,
        delta: int,
        reason: str,
        counted_at: datetime,
    ) -> None:
        # The adjustment, not the count, so that a count dated in the past moves its day on.
        if delta:
            add_to(
                self.lots.setdefault(product_id.hex, {}), lot, delta, None, local_day(counted_at)
            )
        self._moved_on(local_day(counted_at))

    class WrittenOff(OcopAggregate.Event):
        """Stock written off. Version 2 added ``note`` (required for reason ``other``); events
        stored before it have none: ``upcast_v1_v2`` gives them "". Nothing stored is rewritten."""

        class_version = 2

        product_id: UUID
        reason: str
        written_off_at: datetime
        take: Take
        note: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["note"] = ""

    @event(WrittenOff)
    def _written_off(
        self, product_id: UUID, reason: str, written_off_at: datetime, take: Take, note: str
    ) -> None:
        self._remove([take], written_off_at)
