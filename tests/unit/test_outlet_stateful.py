"""Stateful property test: whatever staff record, stock matches a simple ledger and never goes negative."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.errors import InsufficientStock, RuleConflict
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.values import Place

ICT = timezone(timedelta(hours=7))
PRODUCTS = [uuid4() for _ in range(3)]
LOTS = ["", "A", "B"]
EXPIRIES = [None, date(2024, 6, 1), date(2025, 6, 1)]


class OutletLedger(RuleBasedStateMachine):
    """Drives an outlet with random commands and keeps a plain ledger beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.outlet = Outlet.open(
            "Điểm OCOP", "ocop_point", Place("Hà Nội", "Vân Hà"), date(2024, 1, 1)
        )
        self.ledger = {(p, lot): 0 for p in PRODUCTS for lot in LOTS}
        self.expiry: dict[tuple, date | None] = {}
        self.clock = datetime(2024, 1, 2, 8, tzinfo=ICT)

    def _tick(self) -> datetime:
        self.clock += timedelta(days=3)
        return self.clock

    @rule(
        product=st.sampled_from(PRODUCTS),
        lot=st.sampled_from(LOTS),
        qty=st.integers(1, 20),
        expires=st.sampled_from(EXPIRIES),
    )
    def receive(self, product, lot, qty, expires):
        expires = self.expiry.setdefault((product, lot), expires)
        self.outlet.receive([ReceiptLine(product, qty, lot, expires)], self._tick())
        self.ledger[(product, lot)] += qty

    @rule(product=st.sampled_from(PRODUCTS), qty=st.integers(1, 30))
    def sell(self, product, qty):
        at = self._tick()
        sellable = sum(
            q
            for (p, lot), q in self.ledger.items()
            if p == product and (self.expiry.get((p, lot)) or at.date()) >= at.date()
        )
        version = self.outlet.version
        try:
            self.outlet.sell([SaleLine(product, qty, 1000)], at)
        except InsufficientStock:
            assert qty > sellable and self.outlet.version == version
            return
        assert qty <= sellable
        for take in self.outlet.collect_events()[-1].lines[0].lots:
            self.ledger[(product, take.lot)] -= take.qty

    @rule(product=st.sampled_from(PRODUCTS), lot=st.sampled_from(LOTS), counted=st.integers(0, 15))
    def count(self, product, lot, counted):
        delta = self.outlet.count_stock(product, counted, self._tick(), "count", lot)
        assert delta == counted - self.ledger[(product, lot)]
        self.ledger[(product, lot)] = counted

    @rule(product=st.sampled_from(PRODUCTS), lot=st.sampled_from(LOTS), qty=st.integers(1, 10))
    def write_off(self, product, lot, qty):
        try:
            self.outlet.write_off(product, qty, "damaged", self._tick(), lot)
        except RuleConflict:
            assert qty > self.ledger[(product, lot)]
            return
        self.ledger[(product, lot)] -= qty

    @invariant()
    def stock_matches_the_ledger(self):
        for (product, lot), qty in self.ledger.items():
            held = self.outlet.stock.get(product.hex, {}).get(lot)
            assert (held.on_hand if held else 0) == qty >= 0


OutletLedger.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
test_outlet_stock_matches_a_ledger_under_any_sequence_of_commands = OutletLedger.TestCase
