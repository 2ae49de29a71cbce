"""Stock movements read off outlet events, lot by lot: what every stock view is built from."""

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

from domain.outlet import Outlet


class LotMovement(NamedTuple):
    """A change to one lot's stock at one outlet (a named tuple: a few made per event, and a
    frozen dataclass costs several times as much to make)."""

    outlet_id: UUID
    product_id: UUID
    lot: str
    delta: int
    at: datetime
    expires_on: Any = None  # the lot's, as the event states it (a count states none)
    unit_cost_vnd: int | None = None
    cost_from: UUID | None = None  # a transfer carries the sending outlet's cost
    counted: bool = False  # a count states no expiry: its units are of the lot as known


def expiry_after(m: LotMovement, known: Any, on_hand: int) -> Any:
    """The expiry a lot has after a movement, given the one ``known`` and the units on hand
    before it. Events state the expiry the units take; a count states none (the lot's own), and
    so did a line of an older receipt into a lot with stock. A lot emptied and forgotten by the
    outlet comes back as a new lot, with the expiry the event states (none included)."""
    if m.expires_on is not None:
        return m.expires_on
    return known if m.counted or on_hand > 0 else None


_MEMO: dict[int, tuple[Any, tuple[LotMovement, ...]]] = {}
_MEMO_SIZE = 50_000


def lot_movements(event: Any) -> tuple[LotMovement, ...]:
    """Every lot change an outlet event makes (none for events that do not move stock).

    Several views read the movements of each event of a batch, some twice (to load rows, then
    to apply); the runner decodes an event once for all views, so they are remembered per event
    object (the entry holds the event, so its id cannot be reused while remembered).
    """
    hit = _MEMO.get(id(event))
    if hit is not None and hit[0] is event:
        return hit[1]
    moves = tuple(_lot_movements(event))
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[id(event)] = (event, moves)
    return moves


def _lot_movements(event: Any) -> list[LotMovement]:
    moves = _MOVES_OF.get(type(event))
    return moves(event) if moves else []


def _received(event: Any) -> list[LotMovement]:
    return [
        LotMovement(
            event.originator_id,
            line.product_id,
            line.lot,
            line.qty,
            event.received_at,
            line.expires_on,
            line.unit_cost_vnd,
        )
        for line in event.lines
    ]


def _transfer_received(event: Any) -> list[LotMovement]:
    return [
        LotMovement(
            event.originator_id,
            take.product_id,
            lot.lot,
            lot.qty,
            event.received_at,
            lot.expires_on,
            cost_from=event.from_outlet_id,
        )
        for take in event.lines
        for lot in take.lots
    ]


def _taken(at: datetime, event: Any, sign: int = -1) -> list[LotMovement]:
    """The lots an event's takes name, leaving (or, with ``sign`` 1, coming back) at ``at``."""
    return [
        LotMovement(
            event.originator_id, take.product_id, lot.lot, sign * lot.qty, at, lot.expires_on
        )
        for take in event.lines
        for lot in take.lots
    ]


def _counted(event: Any) -> list[LotMovement]:
    return [
        LotMovement(
            event.originator_id,
            event.product_id,
            event.lot,
            event.delta,
            event.counted_at,
            counted=True,
        )
    ]


def _written_off(event: Any) -> list[LotMovement]:
    return [
        LotMovement(
            event.originator_id,
            event.product_id,
            lot.lot,
            -lot.qty,
            event.written_off_at,
            lot.expires_on,
        )
        for lot in event.take.lots
    ]


def _returned(event: Any) -> list[LotMovement]:
    """Restocked units of a sale's return come back into their lots; damaged ones do not."""
    return [
        LotMovement(
            event.originator_id,
            line.product_id,
            lot.lot,
            lot.qty,
            event.returned_at,
            lot.expires_on,
        )
        for line in event.lines
        if line.restock
        for lot in line.lots
    ]


def _voided(event: Any) -> list[LotMovement]:
    """A voided sale's units go back to the lots they were taken from."""
    return _taken(event.voided_at, event, sign=1)


def _reversed(event: Any) -> list[LotMovement]:
    """A reversed receipt's units leave from the receipt's own moment, as if never received."""
    return [
        LotMovement(
            event.originator_id,
            line.product_id,
            line.lot,
            -line.qty,
            event.received_at,
            line.expires_on,
        )
        for line in event.lines
    ]


_MOVES_OF: dict[type, Callable[[Any], list[LotMovement]]] = {
    Outlet.StockReceived: _received,
    Outlet.TransferReceived: _transfer_received,
    Outlet.Sold: lambda event: _taken(event.sold_at, event),
    Outlet.TransferredOut: lambda event: _taken(event.sent_at, event),
    Outlet.StockCounted: _counted,
    Outlet.WrittenOff: _written_off,
    Outlet.SaleReturned: _returned,
    Outlet.SaleVoided: _voided,
    Outlet.ReceiptReversed: _reversed,
    Outlet.ReturnedToSupplier: lambda event: _taken(event.returned_at, event),
}
MOVEMENT_EVENTS = tuple(_MOVES_OF)
"""The outlet events that move stock."""
