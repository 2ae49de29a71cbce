"""What the demo's trade keeps per outlet while it trades (marketplace/demo/trade.py): its own
copy of the outlet's lots, its goods and pace, and the trading window's days.

Every quantity is checked against our own copy of each outlet's lots (``Lots``), which follows
the domain's first-expiry-first-out rule, so no command is refused and no aggregate is read back.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from uuid import UUID

from marketplace.clock import VIETNAM
from marketplace.demo.catalogue import Product
from marketplace.demo.outlets import Shop

TRADE_START, TRADE_END = date(2025, 3, 1), date(2025, 6, 30)
PRESENT = date(2026, 11, 1)
"""The demo's 'now', for choosing goods whose certificate has lapsed for good."""
SHELF = ("supermarket", "commercial_centre")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of a business day, in Vietnam time."""
    return datetime.combine(day, time(hour, minute), VIETNAM)


def _fresh(expires_on: date | None, day: date) -> bool:
    """True if a lot expiring on ``expires_on`` may still be sold on ``day``."""
    return expires_on is None or expires_on >= day


class Lots:
    """Our copy of an outlet's stock: product → lot → [on hand, expires on]."""

    def __init__(self) -> None:
        self.by_product: dict[UUID, dict[str, list]] = {}

    def add(self, product: UUID, lot: str, qty: int, expires_on: date | None) -> None:
        """Add to a lot as the domain does (a known expiry is kept if the new one is None)."""
        held = self.by_product.setdefault(product, {}).get(lot, [0, None])
        self.by_product[product][lot] = [held[0] + qty, expires_on or held[1]]

    def sellable(self, product: UUID, day: date) -> int:
        """What of a product may be sold or sent on ``day`` (expired lots may not)."""
        return sum(q for q, exp in self.by_product.get(product, {}).values() if _fresh(exp, day))

    def take(self, product: UUID, qty: int, day: date) -> list[tuple[str, int, date | None]]:
        """Remove ``qty`` soonest-expiring first, choosing the lots as the domain does."""
        lots = self.by_product[product]
        order = sorted(
            (code for code, (_, exp) in lots.items() if _fresh(exp, day)),
            key=lambda code: (lots[code][1] is None, lots[code][1] or day, code),
        )
        taken = []
        for code in order:
            here = min(qty, lots[code][0])
            if here:
                taken.append((code, here, lots[code][1]))
                self.set(product, code, lots[code][0] - here)
                qty -= here
        assert qty == 0, "the demo planned beyond its stock"
        return taken

    def set(self, product: UUID, lot: str, qty: int) -> None:
        """Put a lot at ``qty``; an empty lot is dropped, as the domain drops it."""
        if qty:
            self.by_product[product][lot][0] = qty
        else:
            del self.by_product[product][lot]

    def expired(self, day: date) -> list[tuple[UUID, str, int]]:
        """Lots past their expiry on ``day``: (product, lot, on hand)."""
        return [
            (product, code, qty)
            for product, lots in self.by_product.items()
            for code, (qty, exp) in lots.items()
            if not _fresh(exp, day)
        ]

    def any_lot(self) -> list[tuple[UUID, str, int]]:
        """Every lot: (product, lot, on hand)."""
        return [
            (p, code, q) for p, lots in self.by_product.items() for code, (q, _) in lots.items()
        ]


@dataclass
class Trader:
    """What the loader keeps per outlet while it trades."""

    shop: Shop
    mode: str
    start: date
    goods: list[Product]
    rate: float
    markup: float
    base: dict[UUID, int] = field(default_factory=dict)
    lots: Lots = field(default_factory=Lots)
    sold_since: dict[UUID, int] = field(default_factory=dict)
    last_receipt: dict[UUID, date] = field(default_factory=dict)
    diligent: bool = False
    delist: tuple[Product, date] | None = None
