"""An outlet's stock by product and lot, and the first-expiry-first-out rule for taking from it."""

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from domain.errors import InsufficientStock
from domain.lines import LotTake, Take


@dataclass(frozen=True)
class StockLot:
    """What is on hand of one lot (lô hàng) of a product."""

    on_hand: int
    expires_on: date | None = None

    def sellable_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


Lots = dict[str, StockLot]


def sellable(lots: Lots, day: date) -> int:
    """How much can be sold or sent on ``day``: expired lots must be written off instead."""
    return sum(lot.on_hand for lot in lots.values() if lot.sellable_on(day))


def take_first_expiring(product_id: UUID, lots: Lots, qty: int, day: date) -> list[LotTake]:
    """Choose lots for ``qty`` units, soonest expiry first; refuse if not enough is sellable."""
    available = sellable(lots, day)
    if qty > available:
        raise InsufficientStock(
            f"product {product_id}: asked for {qty}, {available} sellable on hand", field="qty"
        )
    order = sorted(
        (code for code, lot in lots.items() if lot.sellable_on(day)),
        key=lambda code: (lots[code].expires_on is None, lots[code].expires_on or day, code),
    )
    takes, remaining = [], qty
    for code in order:
        if remaining == 0:
            break
        qty_here = min(remaining, lots[code].on_hand)
        takes.append(LotTake(lot=code, qty=qty_here, expires_on=lots[code].expires_on))
        remaining -= qty_here
    return takes


def add_to(lots: Lots, lot: str, qty: int, expires_on: date | None) -> None:
    """Put ``qty`` into a lot; a known expiry date is kept if the new line has none."""
    current = lots.get(lot)
    if current is None:
        lots[lot] = StockLot(on_hand=qty, expires_on=expires_on)
    else:
        lots[lot] = StockLot(current.on_hand + qty, expires_on or current.expires_on)


def remove_from(lots: Lots, take: Take) -> None:
    """Take the lots of ``take`` out; empty lots are dropped so state stays small."""
    for lot_take in take.lots:
        left = lots[lot_take.lot].on_hand - lot_take.qty
        if left:
            lots[lot_take.lot] = replace(lots[lot_take.lot], on_hand=left)
        else:
            del lots[lot_take.lot]
