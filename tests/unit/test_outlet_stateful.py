"""Stateful property test: whatever staff record, in whatever order of dates, stock matches a
plain ledger of the recorded movements, no lot is ever short on any day, and no expired unit is
sold. Commands are dated up to 40 days back (some beyond the 30-day window) and lot codes are
reused with other expiries."""

import os
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.errors import DomainError, InsufficientStock, InvalidValue, RuleConflict
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.stock import BACKDATING_DAYS
from domain.values import Place

ICT = timezone(timedelta(hours=7))
PRODUCTS = [uuid4() for _ in range(2)]
LOTS = ["", "A", "B"]
EXPIRIES = [None, date(2024, 2, 20), date(2024, 4, 1), date(2025, 6, 1)]
BACK = st.integers(0, BACKDATING_DAYS + 10)


class OutletLedger(RuleBasedStateMachine):
    """Drives an outlet with random commands and keeps a plain ledger of what it recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.outlet = Outlet.open(
            "Điểm OCOP", "ocop_point", Place("Hà Nội", "Vân Hà"), date(2024, 1, 1)
        )
        self.today = date(2024, 2, 15)
        self.moves: list[tuple[date, object, str, int]] = []  # (day, product, lot, delta)
        self.expiry: dict[tuple, date | None] = {}  # the expiry each lot was last given
        self.sold: list[tuple[date, date | None]] = []  # (day sold, expiry of the lot sold)

    # The plain ledger --------------------------------------------------------------------

    def balance(self, product, lot, day: date) -> int:
        return sum(d for on, p, code, d in self.moves if (p, code) == (product, lot) and on <= day)

    def free_from(self, product, lot, day: date) -> int:
        later = {on for on, p, code, _ in self.moves if (p, code) == (product, lot) and on > day}
        return min(self.balance(product, lot, t) for t in {day, *later})

    def latest(self) -> date | None:
        return max((on for on, *_ in self.moves), default=None)

    def too_far_back(self, day: date) -> bool:
        latest = self.latest()
        return latest is not None and day < latest - timedelta(days=BACKDATING_DAYS)

    def record(self, day: date) -> None:
        """Book the movement the outlet just recorded, read off its event."""
        event = self.outlet.collect_events()[-1]
        kind = type(event).__name__
        if kind == "StockReceived":
            for line in event.lines:
                self.moves.append((day, line.product_id, line.lot, line.qty))
        elif kind == "StockCounted":
            self.moves.append((day, event.product_id, event.lot, event.delta))
        else:
            takes = [event.take] if kind == "WrittenOff" else event.lines
            for take in takes:
                for lot in take.lots:
                    self.moves.append((day, take.product_id, lot.lot, -lot.qty))
                    assert lot.expires_on == self.expiry.get((take.product_id, lot.lot))
                    if kind == "Sold":
                        self.sold.append((day, lot.expires_on))

    def moment(self, back: int) -> tuple[date, datetime]:
        day = self.today - timedelta(days=back)
        return day, datetime(day.year, day.month, day.day, 9, tzinfo=ICT)

    def check_window(self, refused: DomainError, day: date) -> bool:
        """True if the refusal is the back-dating window's, which it must be exactly then."""
        assert (refused.code == "dated_too_far_back") == self.too_far_back(day)
        return refused.code == "dated_too_far_back"

    # Commands ----------------------------------------------------------------------------

    @rule(days=st.integers(0, 6))
    def time_passes(self, days):
        self.today += timedelta(days=days)

    def remembered(self, product, lot, arriving_on: date | None = None) -> bool:
        """True if the outlet still knows the lot: seen, and not empty since before the window
        of its latest movement (after which it is forgotten, expiry and all), that movement
        being the one ``arriving_on`` if it is later (stock arriving then meets a lot forgotten
        by that day as a new lot). A count that changes nothing moves no lot."""
        if (product, lot) not in self.expiry:
            return False
        latest = max(d for d in (self.latest(), arriving_on) if d is not None)
        cutoff = latest - timedelta(days=BACKDATING_DAYS)
        moved_since = any(
            on > cutoff and delta for on, p, c, delta in self.moves if (p, c) == (product, lot)
        )
        return moved_since or self.balance(product, lot, cutoff) != 0

    @rule(
        product=st.sampled_from(PRODUCTS),
        lot=st.sampled_from(LOTS),
        qty=st.integers(1, 20),
        expires=st.sampled_from(EXPIRIES),
        back=BACK,
    )
    def receive(self, product, lot, qty, expires, back):
        day, at = self.moment(back)
        remembered = self.remembered(product, lot, arriving_on=day)
        known = self.expiry.get((product, lot)) if remembered else None
        differs = remembered and expires is not None and expires != known
        effective = expires if expires is not None else known
        try:
            self.outlet.receive([ReceiptLine(product, qty, lot, expires)], at)
        except (RuleConflict, InvalidValue) as refused:
            if not self.check_window(refused, day):
                expired = effective is not None and effective < day
                assert refused.code == ("lot_expiry_differs" if differs else "lot_expired")
                assert differs or expired
            return
        assert not self.too_far_back(day) and not differs
        assert effective is None or effective >= day  # nothing arrives expired
        self.expiry[(product, lot)] = effective
        self.record(day)

    @rule(product=st.sampled_from(PRODUCTS), qty=st.integers(1, 30), back=BACK)
    def sell(self, product, qty, back):
        day, at = self.moment(back)
        sellable = sum(
            self.free_from(product, lot, day)
            for lot in LOTS
            if (self.expiry.get((product, lot)) or day) >= day
        )
        version = self.outlet.version
        try:
            self.outlet.sell([SaleLine(product, qty, 1000)], at)
        except InsufficientStock:
            assert qty > sellable and self.outlet.version == version
            return
        except RuleConflict as refused:
            assert self.check_window(refused, day)
            return
        assert qty <= sellable and not self.too_far_back(day)
        self.record(day)

    @rule(
        product=st.sampled_from(PRODUCTS),
        lot=st.sampled_from(LOTS),
        counted=st.integers(0, 15),
        back=BACK,
    )
    def count(self, product, lot, counted, back):
        day, at = self.moment(back)
        try:
            delta = self.outlet.count_stock(product, counted, at, "count", lot)
        except RuleConflict as refused:
            if not self.check_window(refused, day):
                unknown = counted > 0 and not self.remembered(product, lot)
                assert refused.code == (
                    "lot_not_held" if unknown else "count_below_later_movements"
                )
                if not unknown:
                    assert counted < self.balance(product, lot, day) - self.free_from(
                        product, lot, day
                    )
            return
        assert delta == counted - self.balance(product, lot, day) or delta == 0 == counted
        self.record(day)

    @rule(
        product=st.sampled_from(PRODUCTS),
        lot=st.sampled_from(LOTS),
        qty=st.integers(1, 10),
        reason=st.sampled_from(["damaged", "expired"]),
        back=BACK,
    )
    def write_off(self, product, lot, qty, reason, back):
        day, at = self.moment(back)
        try:
            self.outlet.write_off(product, qty, reason, at, lot)
        except RuleConflict as refused:
            if not self.check_window(refused, day) and refused.code != "lot_not_expired":
                assert qty > self.free_from(product, lot, day)
            return
        expiry = self.expiry.get((product, lot))
        assert reason == "damaged" or (expiry is not None and expiry < day)
        self.record(day)

    # What must always hold ---------------------------------------------------------------

    @invariant()
    def every_lot_holds_0_or_more_at_the_end_of_every_day(self):
        days = {on for on, *_ in self.moves}  # a balance changes only on a movement's day
        for product, lot in {(p, c) for _, p, c, _ in self.moves}:
            assert all(self.balance(product, lot, day) >= 0 for day in days), (product, lot)

    @invariant()
    def no_expired_unit_is_sold(self):
        assert all(expiry is None or expiry >= day for day, expiry in self.sold)

    @invariant()
    def stock_matches_the_ledger(self):
        for product in PRODUCTS:
            for lot in LOTS:
                held = self.outlet.stock.get(product.hex, {}).get(lot)
                latest = self.latest() or self.today
                assert (held.on_hand if held else 0) == self.balance(product, lot, latest)


LONG = os.environ.get("OCOP_STATEFUL") == "long"
"""CI tries the same sequences every run (derandomized); ``OCOP_STATEFUL=long`` explores."""
OutletLedger.TestCase.settings = settings(
    max_examples=2000 if LONG else 60,
    stateful_step_count=40,
    deadline=None,
    derandomize=not LONG,
)
test_outlet_stock_matches_a_ledger_under_any_sequence_of_commands = OutletLedger.TestCase
