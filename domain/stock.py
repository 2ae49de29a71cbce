"""An outlet's stock by product and lot, day by day over the back-dating window, and the
first-expiry-first-out rule for taking from it.

A command may be dated in the past (an offline till sends its sales late), so each lot keeps its
end-of-day balances for the last ``BACKDATING_DAYS`` days before the latest movement: a movement
dated D is checked against D's stock and every later day's, and older days are pruned.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from domain.errors import InsufficientStock, InvalidValue, RuleConflict
from domain.lines import LotTake, Take

BACKDATING_DAYS = 30
"""How far before an outlet's latest stock movement another movement may be dated."""


@dataclass(frozen=True)
class StockLot:
    """What is on hand of one lot (lô hàng) of a product."""

    on_hand: int
    expires_on: date | None = None

    def sellable_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


@dataclass
class LotHistory:
    """One lot: its expiry and its end-of-day balance as steps ``[day, balance from that day]``,
    sorted by day; before the first step the balance is 0."""

    expires_on: date | None
    steps: list[list]

    def sellable_on(self, day: date) -> bool:
        """A lot may be sold or sent up to and including its expiry day."""
        return self.expires_on is None or self.expires_on >= day

    @property
    def on_hand(self) -> int:
        """The balance after every recorded movement."""
        return self.steps[-1][1] if self.steps else 0

    def balance_on(self, day: date) -> int:
        """The balance at the end of ``day``."""
        balance = 0
        for step_day, step_balance in self.steps:
            if step_day > day:
                break
            balance = step_balance
        return balance

    def free_from(self, day: date) -> int:
        """What may be taken on ``day`` without leaving any later day short: the lowest
        end-of-day balance from ``day`` on."""
        return min(
            [self.balance_on(day), *(balance for step_day, balance in self.steps if step_day > day)]
        )

    def move(self, day: date, delta: int) -> None:
        """Add ``delta`` to the balance of ``day`` and every later day."""
        index = next((i for i, (d, _) in enumerate(self.steps) if d >= day), len(self.steps))
        if index == len(self.steps) or self.steps[index][0] != day:
            self.steps.insert(index, [day, self.balance_on(day)])
        for step in self.steps[index:]:
            step[1] += delta

    def prune(self, cutoff: date) -> bool:
        """Forget the days before ``cutoff`` (keeping the balance carried into it); True if
        nothing is left to remember: the lot was empty from before the cutoff."""
        forgotten = self.empty_since(cutoff)
        older = [i for i, (d, _) in enumerate(self.steps) if d <= cutoff]
        if older:
            del self.steps[: older[-1]]
        return forgotten

    def empty_since(self, cutoff: date) -> bool:
        """True if the lot has held nothing from ``cutoff`` (or an earlier day) on."""
        return bool(self.steps) and self.steps[-1][0] <= cutoff and self.steps[-1][1] == 0


Lots = dict[str, LotHistory]


def prune_lots(stock: dict[str, Lots], cutoff: date) -> None:
    """Forget every lot that has been empty since before ``cutoff``, and days before it."""
    for product in list(stock):
        lots = stock[product]
        for code in [code for code, lot in lots.items() if lot.prune(cutoff)]:
            del lots[code]
        if not lots:
            del stock[product]


def remembered(lots: Lots, latest: date) -> Lots:
    """The lots still remembered once the latest movement is on ``latest``: a lot empty since
    before the back-dating window is forgotten, and its code may come back as a new lot."""
    cutoff = latest - timedelta(days=BACKDATING_DAYS)
    return {code: lot for code, lot in lots.items() if not lot.empty_since(cutoff)}


def window_start(latest: date | None) -> date | None:
    """The first day a movement may be dated, given the latest movement's day."""
    return None if latest is None else latest - timedelta(days=BACKDATING_DAYS)


def sellable(lots: Lots, day: date, planned: dict[str, int] | None = None) -> int:
    """How much can be sold or sent on ``day``: expired lots must be written off instead."""
    planned = planned or {}
    return sum(_free(lots, code, day, planned) for code in lots)


def _free(lots: Lots, code: str, day: date, planned: dict[str, int]) -> int:
    lot = lots[code]
    return max(0, lot.free_from(day) - planned.get(code, 0)) if lot.sellable_on(day) else 0


def take_first_expiring(
    product_id: UUID, lots: Lots, qty: int, day: date, planned: dict[str, int]
) -> list[LotTake]:
    """Choose lots for ``qty`` units on ``day``, soonest expiry first, beside what this command
    already ``planned`` to take (lot → qty, updated); refuse if not enough is sellable."""
    available = sellable(lots, day, planned)
    if qty > available:
        raise _short(product_id, lots, qty, available, day)
    order = sorted(
        (code for code in lots if _free(lots, code, day, planned)),
        key=lambda code: (lots[code].expires_on is None, lots[code].expires_on or day, code),
    )
    takes, remaining = [], qty
    for code in order:
        if remaining == 0:
            break
        qty_here = min(remaining, _free(lots, code, day, planned))
        takes.append(LotTake(lot=code, qty=qty_here, expires_on=lots[code].expires_on))
        planned[code] = planned.get(code, 0) + qty_here
        remaining -= qty_here
    return takes


def _short(product_id: UUID, lots: Lots, qty: int, available: int, day: date) -> InsufficientStock:
    """Not enough to sell: if a lot still on hand has expired, say which and since when (the
    clerk sees units on the shelf and must know why they cannot be sold)."""
    expired = [
        code for code, lot in lots.items() if not lot.sellable_on(day) and lot.free_from(day)
    ]
    if not expired:
        return InsufficientStock.because(
            "insufficient_stock", "qty", product=product_id, wanted=qty, sellable=available
        )
    lot = max(expired, key=lambda code: (lots[code].expires_on, code))  # the latest to expire
    return InsufficientStock.because(
        "insufficient_stock_expired",
        "qty",
        product=product_id,
        wanted=qty,
        sellable=available,
        lot=lot,
        expiry=lots[lot].expires_on,
    )


def check_receivable(
    lots: Lots, lot: str, expires_on: date | None, day: date, where: str, field: str
) -> date | None:
    """Refuse stock coming into a lot held with another expiry, or already expired on ``day``;
    return the expiry the units will have."""
    held = lots.get(lot)
    if held is not None and expires_on is not None and expires_on != held.expires_on:
        if held.expires_on is None:
            raise RuleConflict.because("lot_held_without_expiry", field, lot=lot, outlet=where)
        raise RuleConflict.because(
            "lot_held_with_other_expiry", field, lot=lot, outlet=where, expiry=held.expires_on
        )
    expiry = expires_on if held is None else held.expires_on
    if expiry is not None and expiry < day:
        raise InvalidValue.because("lot_expired", field, lot=lot, expiry=expiry, day=day)
    return expiry


def add_to(lots: Lots, lot: str, qty: int, expires_on: date | None, day: date) -> None:
    """Put ``qty`` into a lot from ``day`` on; a known expiry is kept if the line has none
    (events recorded before expiries were checked may re-date a lot: they replay as they did)."""
    held = lots.get(lot)
    if held is None:
        held = lots[lot] = LotHistory(expires_on, [])
    elif expires_on is not None:
        held.expires_on = expires_on
    held.move(day, qty)


def remove_from(lots: Lots, take: Take, day: date) -> None:
    """Take the lots of ``take`` out from ``day`` on."""
    for lot_take in take.lots:
        held = lots.get(lot_take.lot)
        if held is None:  # only in events recorded before lots were checked
            held = lots[lot_take.lot] = LotHistory(lot_take.expires_on, [])
        held.move(day, -lot_take.qty)
