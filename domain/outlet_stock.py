"""The Outlet's stock (part of domain/outlet.py): what is on hand, the rules every movement
follows, and the day-by-day memory of each lot that commands dated in the past are checked
against (forgotten, with the sales and receipts to correct, once it leaves the window)."""

from datetime import date, datetime
from uuid import UUID

from domain.errors import InvalidValue, RuleConflict
from domain.lines import Take
from domain.stock import (
    BACKDATING_DAYS,
    LotHistory,
    Lots,
    StockLot,
    check_receivable,
    prune_lots,
    remembered,
    remove_from,
    sellable,
    take_first_expiring,
    window_start,
)
from domain.values import local_day


class Stock:
    """Stock by lot (``lots``: each lot's end-of-day balances over the back-dating window) and
    the day of the latest movement (``latest_movement_on``)."""

    @property
    def stock(self) -> dict[str, dict[str, StockLot]]:
        """What is on hand now, by product and lot (empty lots left out)."""
        held = {
            product: {
                code: StockLot(lot.on_hand, lot.expires_on)
                for code, lot in lots.items()
                if lot.on_hand
            }
            for product, lots in self.lots.items()
        }
        return {product: lots for product, lots in held.items() if lots}

    def on_hand(self, product_id: UUID) -> int:
        """Everything on hand of a product, expired lots included until written off."""
        return sum(lot.on_hand for lot in self.lots.get(product_id.hex, {}).values())

    def sellable_on(self, product_id: UUID, day: date) -> int:
        """What of a product can be sold on ``day`` without leaving a later day short."""
        return sellable(self.lots.get(product_id.hex, {}), day)

    def _check_movement(self, at: datetime, field: str, lines: list) -> None:
        if at.tzinfo is None:
            raise InvalidValue.because("no_time_zone", field)
        if not lines:
            raise InvalidValue.because("no_lines", "lines")
        self._check_open_on(local_day(at), field)
        start = window_start(self.latest_movement_on)
        if start is not None and local_day(at) < start:
            raise RuleConflict.because(
                "dated_too_far_back", field, days=BACKDATING_DAYS, day=self.latest_movement_on
            )

    def _check_receivable(
        self, arriving: list[tuple[UUID, str, date | None, str]], at: datetime
    ) -> list[date | None]:
        """Every lot coming in keeps one expiry and has not expired on the day it arrives;
        a refusal names the field of the line (or of the transfer) it is about. Returns the
        expiry each line's units take."""
        seen: dict[str, Lots] = {}
        expiries = []
        day = local_day(at)
        latest = day if self.latest_movement_on is None else max(self.latest_movement_on, day)
        for product_id, lot, expires_on, field in arriving:
            lots = seen.get(product_id.hex)
            if lots is None:  # the lots still remembered once this movement is recorded
                lots = seen[product_id.hex] = remembered(self.lots.get(product_id.hex, {}), latest)
            expiry = check_receivable(lots, lot, expires_on, day, self.name, field)
            lots.setdefault(lot, LotHistory(expiry, []))
            expiries.append(expiry)
        return expiries

    def _plan_takes(self, wanted: list[tuple[UUID, int, int | None]], at: datetime) -> list[Take]:
        """Choose lots for every line on the movement's day, counting what earlier lines of the
        same command take, so the whole command fits or none of it."""
        planned: dict[str, dict[str, int]] = {}
        takes = []
        for product_id, qty, price in wanted:
            lots = self.lots.get(product_id.hex, {})
            plan = planned.setdefault(product_id.hex, {})
            lot_takes = take_first_expiring(product_id, lots, qty, local_day(at), plan)
            takes.append(Take(product_id, qty, lot_takes, price))
        return takes

    def _remove(self, takes: list[Take], at: datetime) -> None:
        for take in takes:
            remove_from(self.lots.setdefault(take.product_id.hex, {}), take, local_day(at))
        self._moved_on(local_day(at))

    def _moved_on(self, day: date) -> None:
        """Remember the latest movement's day; when it advances, forget what lies before the
        back-dating window (deterministic, so a replay keeps the same state)."""
        if self.latest_movement_on is not None and day <= self.latest_movement_on:
            return
        self.latest_movement_on = day
        start = window_start(day)
        prune_lots(self.lots, start)
        for periods in self.past_listings.values():
            periods[:-1] = [p for p in periods[:-1] if p[1] > start]
        self._forget_corrections_before(start)

    def _forget_corrections_before(self, start: date) -> None:
        """Sales and receipts older than the back-dating window are no longer corrected."""
        self.sales = {k: m for k, m in self.sales.items() if m["day"] >= start}
        self.receipts = {k: m for k, m in self.receipts.items() if local_day(m["at"]) >= start}
