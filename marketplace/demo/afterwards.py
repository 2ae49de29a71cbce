"""The demo's records after the spring's trade (marketplace/demo/trade.py): quarter-end counts,
damaged goods and delistings; design-centre work and promotion events; and a few closures in
2026, each outlet first emptied."""

from datetime import date, timedelta
from uuid import UUID

from domain.errors import RuleConflict
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import Producer, scaled
from marketplace.demo.data import DESIGN_SUPPORT, PROMOTIONS
from marketplace.demo.outlets import Shop, day_between
from marketplace.demo.trader import TRADE_END, Trader, at

LATEST_ACTIVITY = date(2025, 12, 15)
"""Showcases and design support end here; the closures come in 2026."""


class Afterwards:
    """Mixed into the demo's Trade: what follows the trading window."""

    def after_window(self, traders: list[Trader], scale: float) -> None:
        """Quarter-end counts, damaged goods, and delistings."""
        selling = [t for t in traders if t.mode == "selling" and t.start <= TRADE_END]
        for trader in self.rng.sample(selling, k=min(len(selling), scaled(20, scale, 2))):
            self.count(trader, TRADE_END)
        crafts = [t for t in selling if any(p.group == "handicraft" for p in t.goods)]
        for trader in self.rng.sample(crafts, k=min(len(crafts), scaled(8, scale, 1))):
            self.write_off_damaged(trader, date(2025, 7, 2))
        for trader in traders:
            if trader.delist:
                product, day = trader.delist
                self.app.delist_product(trader.shop.id, product.id, day, actor=DEMO_ADMIN)
                self.done["delistings"] += 1

    def count(self, trader: Trader, day: date) -> None:
        """Count up to three lots at closing time; small shortfalls are adjusted."""
        lots = trader.lots.any_lot()
        for product, lot, qty in self.rng.sample(lots, k=min(3, len(lots))):
            counted = max(0, qty - self.rng.choice([0, 0, 1, 1, 2]))
            reason = "Kiểm kê cuối quý II/2025" + ("" if counted == qty else ", hao hụt")
            self.app.count_stock(
                trader.shop.id, product, counted, reason, lot, at(day, 21), actor=DEMO_ADMIN
            )
            trader.lots.set(product, lot, counted)
            self.done["counts"] += 1

    def write_off_damaged(self, trader: Trader, day: date) -> None:
        """One broken piece of handicraft written off as damaged."""
        crafts = {p.id for p in trader.goods if p.group == "handicraft"}
        lots = [(p, lot, q) for p, lot, q in trader.lots.any_lot() if p in crafts]
        if lots:
            product, lot, qty = self.rng.choice(lots)
            self.app.write_off(
                trader.shop.id, product, 1, "damaged", lot, at(day, 9), actor=DEMO_ADMIN
            )
            trader.lots.set(product, lot, qty - 1)
            self.done["write-offs"] += 1

    def design_work(self, shops: list[Shop], producers: list[Producer]) -> None:
        """Design centres show products and help producers of their district with design."""
        for shop in (s for s in shops if s.kind == "design_centre"):
            for day in self.days_open(shop, self.rng.randint(8, 25)):
                for product in self.choose(shop, 1, lambda p, d=day: p.status_on(d) == "valid"):
                    self.app.showcase(shop.id, product.id, day, actor=DEMO_ADMIN)
                    self.done["showcases"] += 1
            local = [p for p in producers if p.district == shop.district] or producers
            helped = self.rng.sample(local, k=min(len(local), self.rng.randint(3, 10)))
            for producer, day in zip(helped, self.days_open(shop, len(helped)), strict=True):
                self.app.support_design(
                    shop.id, producer.id, self.rng.choice(DESIGN_SUPPORT), day, actor=DEMO_ADMIN
                )
                self.done["design supports"] += 1

    def days_open(self, shop: Shop, count: int) -> list[date]:
        """``count`` days in order between the outlet's opening and the end of the activity."""
        return sorted(day_between(self.rng, shop.opened_on, LATEST_ACTIVITY) for _ in range(count))

    def promotions(self, shops: list[Shop], scale: float) -> None:
        """Display-and-promotion events, newest year first, each with many certified products."""
        for index in range(scaled(12, scale, 3)):
            title, month, day_of_month, kinds = PROMOTIONS[index % len(PROMOTIONS)]
            day = date(2025 - index // len(PROMOTIONS), month, day_of_month)
            hosts = [s for s in shops if s.kind in kinds and s.opened_on <= day]
            hosts = hosts or [s for s in shops if s.opened_on <= day]
            wanted = self.rng.randint(20, 90)
            shown = [
                p.id
                for p in self.rng.sample(self.products, k=min(len(self.products), 4 * wanted))
                if p.status_on(day) == "valid"
            ][:wanted]
            if hosts and shown:
                host = self.rng.choice(hosts)
                self.app.hold_promotion(
                    host.id, title.format(year=day.year), shown, day, actor=DEMO_ADMIN
                )
                self.done["promotions"] += 1

    def closures(
        self, shops: list[Shop], scale: float, keep: set[UUID], traders: list[Trader]
    ) -> None:
        """A few outlets close in 2026, after everything else recorded at them, in date order;
        each first sends its fresh stock to an OCOP point and writes off what has expired."""
        planned = []
        for kind, count in (("supermarket", 5), ("commercial_centre", 1), ("ocop_point", 3)):
            group = [s for s in shops if s.kind == kind and s.id not in keep and not s.anchor]
            if len(group) < 5:
                continue
            for shop in self.rng.sample(group, k=min(len(group) // 5, scaled(count, scale, 1))):
                closed_on = day_between(self.rng, date(2026, 1, 5), date(2026, 9, 30))
                planned.append((closed_on, shop))
        closing = {shop.id for _, shop in planned}
        by_shop = {t.shop.id: t for t in traders}
        points = [t for t in traders if t.shop.kind == "ocop_point" and t.shop.id not in closing]
        for closed_on, shop in sorted(planned, key=lambda p: p[0]):
            if shop.id in by_shop and points:
                self.empty(by_shop[shop.id], points, closed_on - timedelta(days=1))
            self.app.close_outlet(shop.id, closed_on, actor=DEMO_ADMIN)
            self.done["closures"] += 1

    def empty(self, trader: Trader, points: list[Trader], day: date) -> None:
        """Clear an outlet before it closes: expired lots written off, the rest sent to an OCOP
        point of its district (or any), one product at a time; a lot the point holds with
        another expiry cannot go there and is written off as damaged."""
        near = [p for p in points if p.shop.district == trader.shop.district]
        target = self.rng.choice(near or points)
        for product, lot, qty in trader.lots.expired(day):
            self.app.write_off(
                trader.shop.id, product, qty, "expired", lot, at(day, 16), actor=DEMO_ADMIN
            )
            trader.lots.set(product, lot, 0)
            self.done["write-offs"] += 1
        for product in list(trader.lots.by_product):
            qty = trader.lots.sellable(product, day)
            if not qty:
                continue
            line = [{"product_id": product, "qty": qty}]
            try:
                sent = self.app.transfer_stock(
                    trader.shop.id, target.shop.id, line, at(day, 17), actor=DEMO_ADMIN
                )
                self.receive_transfer(target, sent["id"], at(day, 17, 15))
            except RuleConflict:
                for _, lot, left in [t for t in trader.lots.any_lot() if t[0] == product]:
                    self.app.write_off(
                        trader.shop.id, product, left, "damaged", lot, at(day, 17), actor=DEMO_ADMIN
                    )
                    trader.lots.set(product, lot, 0)
                continue
            for lot, moved, expires_on in trader.lots.take(product, qty, day):
                target.lots.add(product, lot, moved, expires_on)
            self.done["transfers"] += 1
