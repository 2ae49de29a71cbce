"""The Outlet's transfers (part of domain/outlet.py): stock sent to another outlet (điều
chuyển), in transit (hàng đang chuyển) until the destination receives it, all of it or with a
shortfall recorded as lost (domain/transfers.py)."""

from dataclasses import replace
from datetime import date, datetime
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain.errors import InvalidValue, RuleConflict
from domain.lines import Take
from domain.stock import add_to
from domain.transfers import ArrivedLine, InTransit, split_arrival
from domain.values import local_day


class Transfers:
    """Transfers sent from here, and those on their way here (``incoming``) or received
    (``received_transfers``: transfer hex → the day received)."""

    transfers_forgotten = False
    """True once loaded from a snapshot of a state before version 3, which kept no received
    transfers: those received before it are known only to the outlet's events."""

    def transfer_out(
        self, to_outlet_id: UUID, lines: list[tuple[UUID, int]], sent_at: datetime
    ) -> tuple[UUID, list[Take]]:
        """Send stock to another outlet (điều chuyển); return the transfer id and lots sent."""
        if to_outlet_id == self.id:
            raise InvalidValue.because("same_outlet", "to_outlet_id")
        self._check_movement(sent_at, "sent_at", lines)
        takes = self._plan_takes([(pid, qty, None) for pid, qty in lines], sent_at)
        transfer_id = uuid4()
        self._transferred_out(transfer_id, to_outlet_id, sent_at, takes)
        return transfer_id, takes

    # The rules of the destination.

    def expect_transfer(
        self, transfer_id: UUID, from_outlet_id: UUID, lines: list[Take], sent_at: datetime
    ) -> None:
        """Note stock sent here, in transit until received; refused if it could not be
        received: the outlet is closed, does not list a product (shelf kinds), or holds a lot
        with another expiry."""
        day = local_day(sent_at)
        self._check_open_on(day, "to_outlet_id")
        self._check_shelf_lists([take.product_id for take in lines], None, "to_outlet_id")
        self._check_receivable(_arriving(lines, "to_outlet_id"), sent_at)
        self._transfer_dispatched(transfer_id, from_outlet_id, sent_at, lines)

    def receive_transfer(
        self, transfer_id: UUID, arrived: list[ArrivedLine] | None, received_at: datetime
    ) -> tuple[list[Take], list[Take]]:
        """Receive a transfer in transit, all of it or what the lines count; what did not
        arrive is recorded as lost in the same event. Returns what was received and lost."""
        if transfer_id.hex in self.received_transfers:
            day = self.received_transfers[transfer_id.hex]
            raise RuleConflict.because("transfer_received", "transfer_id", day=day)
        pending = self.incoming.get(transfer_id.hex)
        if pending is None:
            raise RuleConflict.because("transfer_not_here", "transfer_id")
        self._check_movement(received_at, "received_at", [None])
        if received_at < pending.sent_at:
            raise RuleConflict.because("received_before_sent", "received_at", at=pending.sent_at)
        received, lost = split_arrival(pending.lines, arrived)
        day = local_day(received_at)
        self._check_shelf_lists([take.product_id for take in received], day, "lines")
        expiries = iter(self._check_receivable(_arriving(received, "lines"), received_at))
        # As for a receipt, the event says the expiry the units take here.
        dated = [
            replace(take, lots=[replace(lot, expires_on=next(expiries)) for lot in take.lots])
            for take in received
        ]
        self._transfer_received(transfer_id, pending.from_outlet_id, received_at, dated, lost)
        return dated, lost

    def knows_transfer(self, transfer_id: UUID) -> bool:
        """True if the transfer was sent here (in transit or received); if not, and
        ``transfers_forgotten``, only a replay of all the outlet's events can tell."""
        return transfer_id.hex in self.incoming or transfer_id.hex in self.received_transfers

    @event("TransferredOut")
    def _transferred_out(
        self, transfer_id: UUID, to_outlet_id: UUID, sent_at: datetime, lines: list[Take]
    ) -> None:
        self._remove(lines, sent_at)

    @event("TransferDispatched")
    def _transfer_dispatched(
        self, transfer_id: UUID, from_outlet_id: UUID, sent_at: datetime, lines: list[Take]
    ) -> None:
        self.incoming[transfer_id.hex] = InTransit(from_outlet_id, sent_at, lines)

    @event("TransferReceived")
    def _transfer_received(
        self,
        transfer_id: UUID,
        from_outlet_id: UUID,
        received_at: datetime,
        lines: list[Take],
        lost: list[Take] | None = None,
    ) -> None:
        # Recorded before transfers were in transit, this event came with the sending and no
        # TransferDispatched: it replays as a transfer received on sending, nothing lost.
        day = local_day(received_at)
        self.incoming.pop(transfer_id.hex, None)
        self.received_transfers[transfer_id.hex] = day
        self._moved_on(day)  # first, as for a receipt
        for take in lines:
            for lot in take.lots:
                lots = self.lots.setdefault(take.product_id.hex, {})
                add_to(lots, lot.lot, lot.qty, lot.expires_on, day)


def _arriving(takes: list[Take], field: str) -> list[tuple[UUID, str, date | None, str]]:
    """The lots of a transfer as stock coming in, each refusal naming ``field``."""
    return [
        (take.product_id, lot.lot, lot.expires_on, field) for take in takes for lot in take.lots
    ]
