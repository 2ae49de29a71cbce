"""The demo's transfers (marketplace/demo/trade.py): surplus moved between OCOP points and
design centres and received the same evening, and one left in transit at the end."""

from datetime import date, datetime
from uuid import UUID

from domain.errors import DomainError
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.trader import Trader, at


class TransferTrade:
    """Mixed into the demo's Trade: stock sent between outlets."""

    def transfer(self, traders: list[Trader], day: date) -> None:
        """Move surplus from one OCOP point or design centre to another, at 20:30."""
        pool = [
            t
            for t in traders
            if t.shop.kind in ("ocop_point", "design_centre")
            and t.mode == "selling"
            and t.start <= day
        ]
        for source in self.rng.sample(pool, k=len(pool)):
            surplus = [p for p in source.goods if source.lots.sellable(p.id, day) >= 6]
            if surplus and len(pool) > 1:
                break
        else:
            return
        near = [t for t in pool if t is not source and t.shop.district == source.shop.district]
        target = self.rng.choice(near or [t for t in pool if t is not source])
        lines = []
        for product in self.rng.sample(surplus, k=min(2, len(surplus))):
            qty = source.lots.sellable(product.id, day) // 3
            for lot, moved, expires_on in source.lots.take(product.id, qty, day):
                target.lots.add(product.id, lot, moved, expires_on)
            if product not in target.goods:
                self.shelve(target.shop, product, day, 0)
                target.goods.append(product)
                target.base[product.id] = max(1, qty)
            target.sold_since.setdefault(product.id, 0)
            lines.append({"product_id": product.id, "qty": qty})
        sent = self.app.transfer_stock(
            source.shop.id, target.shop.id, lines, at(day, 20, 30), actor=DEMO_ADMIN
        )
        self.receive_transfer(target, sent["id"], at(day, 20, 45))
        self.done["transfers"] += 1

    def receive_transfer(self, target: Trader, transfer_id: str, moment: datetime) -> None:
        """The destination's staff receive a transfer in full."""
        self.app.receive_transfer(target.shop.id, UUID(transfer_id), None, moment, actor=DEMO_ADMIN)

    def leave_in_transit(self, traders: list[Trader], destinations: list[UUID]) -> None:
        """One transfer still on its way at the end of the demo: sent on 20 October 2026 to
        the demo staff's OCOP point, not yet received."""
        day = date(2026, 10, 20)
        targets = [t for t in traders if t.shop.id in destinations]
        sources = [
            t
            for t in traders
            if t.shop.kind == "ocop_point"
            and targets
            and t is not targets[0]
            and t.mode == "selling"
        ]
        for source in sources:
            stocked = [p for p in source.goods if source.lots.sellable(p.id, day) >= 2]
            if not stocked:
                continue
            line = [{"product_id": stocked[0].id, "qty": 2}]
            try:
                self.app.transfer_stock(
                    source.shop.id, targets[0].shop.id, line, at(day, 15), actor=DEMO_ADMIN
                )
            except DomainError:  # closed since, or a lot the point holds with another expiry
                continue
            source.lots.take(stocked[0].id, 2, day)
            self.done["transfers in transit"] += 1
            return
