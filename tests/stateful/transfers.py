"""Transfers received at their destination (in full, short, twice), reopening closed outlets
and setting low-stock thresholds: each one ``@rule`` that sends the real HTTP request."""

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.stateful.facts import SHELF_KINDS
from tests.stateful.machine import MarketplaceMachine


class TransferRules(MarketplaceMachine):
    """The destination's staff receive; officers reopen; staff set thresholds."""

    def in_transit(self) -> list[tuple[str, str]]:
        """(destination, transfer id) of every transfer in transit, in the log's order."""
        return [(o.id, t) for o in self.ref.outlets.values() for t in o.incoming]

    def holders(self) -> list[str]:
        """Open outlets holding stock, in the log's order."""
        return [o for o in self.open_outlets() if self.held(o)]

    @precondition(lambda self: self.holders() and len(self.open_outlets()) > 1)
    @rule(data=st.data(), how=st.sampled_from(["leave", "full", "short", "twice"]))
    def send_then_receive(self, data, how):
        """A transfer that can succeed (some of a product held, to an open outlet that may
        take it), then left in transit or received at once."""
        source = data.draw(st.sampled_from(self.holders()), label="source")
        product = data.draw(st.sampled_from(self.held(source)), label="product")
        qty = data.draw(st.integers(1, 4), label="qty")
        takers = [
            o
            for o in self.open_outlets()
            if o != source
            and (
                self.ref.outlets[o].kind not in SHELF_KINDS
                or product in self.ref.outlets[o].listed_now()
            )
        ] or [o for o in self.open_outlets() if o != source]
        destination = data.draw(st.sampled_from(takers), label="destination")
        body = {"to_outlet_id": destination, "lines": [{"product_id": product, "qty": qty}]}
        sent = self.created(self.post(f"/outlets/{source}/transfers", body))
        if sent and how != "leave":
            self.take_in(destination, sent, how, data)

    @precondition(lambda self: self.in_transit())
    @rule(data=st.data(), how=st.sampled_from(["full", "full", "short", "twice"]))
    def receive_transfer(self, data, how):
        """A transfer in transit received later, possibly back-dated."""
        outlet, transfer = data.draw(st.sampled_from(self.in_transit()), label="transfer")
        self.take_in(outlet, transfer, how, data)

    def take_in(self, outlet: str, transfer: str, how: str, data) -> None:
        """Received in full, or with a count per lot (the shortfall lost); a second receipt
        of the same transfer must be refused with 409."""
        sent = self.ref.outlets[outlet].incoming[transfer]
        body = self.when("received_at", data)
        if how == "short":
            body["lines"] = [
                {
                    "product_id": take["product_id"],
                    "lot": part["lot"],
                    "qty_received": data.draw(st.integers(0, part["qty"]), label="received"),
                }
                for take in sent["lines"]
                for part in take["lots"]
            ]
        path = f"/outlets/{outlet}/transfers/{transfer}/receipt"
        first = self.post(path, body)
        if how == "twice" and first.status_code == 201:
            again = self.post(path, {})
            self.expect_refusal(again, 409, "a transfer was received twice")

    @precondition(lambda self: any(o.closed_on for o in self.ref.outlets.values()))
    @rule(data=st.data(), back=st.integers(0, 40))
    def reopen_outlet(self, data, back):
        """A closed outlet reopens (before its closing day: refused)."""
        closed = [o.id for o in self.ref.outlets.values() if o.closed_on]
        outlet = data.draw(st.sampled_from(closed), label="closed outlet")
        self.post(f"/outlets/{outlet}/reopening", {"reopened_on": self.day(back)})

    @rule(outlet=MarketplaceMachine.outlets, data=st.data(), threshold=st.integers(0, 30))
    def set_threshold(self, outlet, data, threshold):
        """Any product the outlet holds or lists (another is refused with 409)."""
        known = [*self.held(outlet), *self.ref.outlets[outlet].listed_now()]
        product = self.draw_product(data, known)
        path = f"/outlets/{outlet}/thresholds/{product}"
        self.send("PUT", path, {"low_stock_threshold": threshold})
