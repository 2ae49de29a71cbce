"""Demo shelves and trade: goods listed in 2024–25, then receipts and sales day by day from March
to June 2025, with transfers, stock counts and write-offs; then design-centre work, promotion
events and a few closures.

Every quantity is checked against our own copy of each outlet's lots (``Lots``), which follows
the domain's first-expiry-first-out rule, so no command is refused and no aggregate is read back.
Supermarkets and commercial centres get a mode: most sell certified goods, some list nothing,
some list only goods whose certificate lapsed or was revoked, and some sell out.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from domain.errors import DomainError, RuleConflict
from marketplace.application import Marketplace
from marketplace.clock import VIETNAM
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import Producer, Product, scaled
from marketplace.demo.corrections import partial_return, voided_sale_today
from marketplace.demo.data import DESIGN_SUPPORT, PROMOTIONS
from marketplace.demo.outlets import Shop, day_between

TRADE_START, TRADE_END = date(2025, 3, 1), date(2025, 6, 30)
PRESENT = date(2026, 11, 1)
"""The demo's 'now', for choosing goods whose certificate has lapsed for good."""
SHELF = ("supermarket", "commercial_centre")
MODE_SHARES = (("none", 0.15), ("stale", 0.10), ("sold_out", 0.10))
GOODS_RANGE = {
    "supermarket": (6, 24),
    "commercial_centre": (4, 14),
    "ocop_point": (15, 45),
    "design_centre": (8, 20),
    "convenience_store": (3, 8),
    "online": (30, 70),
}
SALES_A_DAY = {
    "supermarket": 0.8,
    "commercial_centre": 0.5,
    "ocop_point": 0.7,
    "design_centre": 0.25,
    "convenience_store": 0.4,
    "online": 1.6,
}
BIG_CHAINS = ("MM Mega Market", "Aeon", "GO!", "Lotte Mart")
LATEST_ACTIVITY = date(2025, 12, 15)
"""Showcases and design support end here; the closures come in 2026."""


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


def load_trade(
    app: Marketplace,
    rng: random.Random,
    scale: float,
    shops: list[Shop],
    producers: list[Producer],
    products: list[Product],
) -> tuple[str, dict[str, list[UUID]]]:
    """Run all trade; return a summary line and the outlets the demo users are bound to."""
    trade = Trade(app, rng, products)
    modes = trade.modes(shops)
    traders = [t for s in shops if (t := trade.open_shelf(s, modes.get(s.id, "selling")))]
    print(f"  shelves: {trade.done['listings']} listings at {len(traders)} outlets", flush=True)
    trade.run(traders, scale)
    trade.after_window(traders, scale)
    trade.design_work(shops, producers)
    trade.promotions(shops, scale)
    bound = bound_outlets(traders)
    trade.closures(shops, scale, {i for ids in bound.values() for i in ids}, traders)
    trade.corrections(traders, bound["manager"][0])
    trade.leave_in_transit(traders, bound.get("staff", []))
    kinds = Counter(s.kind for s in shops)
    summary = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    done = ", ".join(f"{n} {what}" for what, n in trade.done.items())
    return f"{len(shops)} outlets ({summary}); {done}", bound


def bound_outlets(traders: list[Trader]) -> dict[str, list[UUID]]:
    """Staff work at a trading OCOP point; the manager runs a supermarket that sells OCOP
    goods, preferably one with certified goods still in stock today."""
    points = [t for t in traders if t.shop.kind == "ocop_point" and t.start <= TRADE_END]
    markets = [t for t in traders if t.shop.kind == "supermarket" and t.mode == "selling"]

    def still_selling(trader: Trader) -> bool:
        """It holds stock of a product whose certificate is still valid today."""
        return any(
            p.status_on(PRESENT) == "valid" and trader.lots.by_product.get(p.id)
            for p in trader.goods
        )

    markets.sort(key=lambda t: (not still_selling(t), t.shop.opened_on >= date(2024, 1, 1)))
    return {"staff": [points[0].shop.id], "manager": [markets[0].shop.id]}


class Trade:
    """Records the demo's trade through the application, counting what it recorded."""

    def __init__(self, app: Marketplace, rng: random.Random, products: list[Product]) -> None:
        self.app, self.rng, self.products = app, rng, products
        self.costs: dict[UUID, float] = {}
        self.last_sale: dict[UUID, tuple[UUID, list[dict], datetime]] = {}  # outlet → sale
        self.done = Counter({"listings": 0, "receipts": 0, "sales": 0, "transfers": 0, "counts": 0})
        self.by_district: dict[str, list[Product]] = {}
        self.by_trade: dict[str, list[Product]] = {}
        for product in products:
            self.by_district.setdefault(product.producer.district, []).append(product)
            self.by_trade.setdefault(product.trade, []).append(product)
        self.everyday = [p for p in products if p.group in ("food", "beverage", "herbal")]

    # Choosing goods ----------------------------------------------------------------------

    def source(self, shop: Shop) -> list[Product]:
        """The products to draw one from, by the outlet's kind and place."""
        roll, kind = self.rng.random(), shop.kind
        if kind == "ocop_point" and shop.trade and roll < 0.6:
            return self.by_trade.get(shop.trade) or self.products
        if kind in ("ocop_point", "design_centre") and roll < 0.75:
            return self.by_district.get(shop.district) or self.products
        if kind in (*SHELF, "convenience_store") and roll < 0.75:
            return self.everyday or self.products
        return self.products

    def choose(self, shop: Shop, wanted: int, fits) -> list[Product]:
        """Up to ``wanted`` distinct products for which ``fits(product)`` holds."""
        chosen: list[Product] = []
        for _ in range(40 * wanted):
            if len(chosen) == wanted:
                break
            product = self.rng.choice(self.source(shop))
            no_tour = shop.kind not in SHELF or product.group != "tourism"
            if no_tour and product not in chosen and fits(product):
                chosen.append(product)
        return chosen

    def base_qty(self, product: Product, kind: str) -> int:
        """How many units of a product an outlet orders at a time, by price and outlet."""
        price = product.price
        if price < 50_000:
            low, high = 24, 60
        elif price < 200_000:
            low, high = 10, 30
        else:
            low, high = (4, 12) if price < 1_000_000 else (1, 4)
        factor = {"online": 1.5, "commercial_centre": 0.7, "convenience_store": 0.5}.get(kind, 1)
        factor = 0.5 if kind == "design_centre" else factor
        return max(1, round(self.rng.randint(low, high) * factor))

    # Shelves -----------------------------------------------------------------------------

    def modes(self, shops: list[Shop]) -> dict[UUID, str]:
        """Which shelf outlets list nothing, only lapsed goods, or sell out (the rest sell)."""
        modes: dict[UUID, str] = {}
        for kind in SHELF:
            group = [s for s in shops if s.kind == kind]
            early = [s for s in group if s.opened_on < date(2024, 6, 1)]
            pool = self.rng.sample(early, k=len(early))
            for mode, share in MODE_SHARES:
                for _ in range(round(share * len(group))):
                    if len(pool) > 1:  # keep at least one outlet of the kind selling
                        modes[pool.pop().id] = mode
        return modes

    def open_shelf(self, shop: Shop, mode: str) -> Trader | None:
        """List the outlet's goods in 2024–25; None if it carries no OCOP goods."""
        if mode == "none":
            return None
        if shop.opened_on < date(2024, 1, 1):
            base = day_between(self.rng, date(2024, 1, 2), date(2025, 2, 1))
        else:
            base = shop.opened_on + timedelta(days=self.rng.randint(0, 10))
        stocked_on = base + timedelta(days=21)  # first delivery, after the last listing
        start = max(TRADE_START, stocked_on)
        wanted = self.goods_wanted(shop, mode)
        goods = self.choose(shop, wanted, self.fits(mode, base, start))
        if mode == "stale" and self.rng.random() < 0.3:  # some carry only revoked goods
            goods = self.choose(shop, wanted, self.fits("revoked", base, start)) or goods
        if not goods:
            return None
        rate = SALES_A_DAY[shop.kind] * self.rng.uniform(0.6, 1.4)
        markup = self.rng.choice([1.0, 1.0, 1.05, 1.1])
        trader = Trader(shop, mode, start, goods, rate * (0.2 if mode == "stale" else 1), markup)
        for product in goods:
            qty = self.base_qty(product, shop.kind)
            trader.base[product.id] = max(1, qty // 2) if mode == "sold_out" else qty
            listed = base + timedelta(days=self.rng.randint(0, 20))
            self.shelve(shop, product, listed, trader.base[product.id] // 4)
        self.receive(trader, stocked_on, goods)
        if (
            shop.kind in SHELF
            and mode == "selling"
            and start < TRADE_END
            and self.rng.random() < 0.2
        ):
            extra = self.choose(shop, 1, lambda p: p.status_on(base) == "valid" and p not in goods)
            if extra:  # listed but never stocked, and delisted during the spring
                self.shelve(shop, extra[0], base, 0)
                trader.delist = (extra[0], day_between(self.rng, start, TRADE_END))
        trader.diligent = self.rng.random() < 0.12
        return trader

    def goods_wanted(self, shop: Shop, mode: str) -> int:
        """How many products the outlet lists."""
        low, high = (20, 40) if shop.chain in BIG_CHAINS else GOODS_RANGE[shop.kind]
        return self.rng.randint(2, 5) if mode == "stale" else self.rng.randint(low, high)

    @staticmethod
    def fits(mode: str, base: date, start: date):
        """Which products an outlet of the mode lists: certified ones, or lapsed ones."""
        if mode == "revoked":
            return lambda p: p.status_on(start) == "revoked"
        if mode == "stale":
            return lambda p: (
                p.status_on(start) in ("expired", "revoked")
                and p.status_on(PRESENT) in ("expired", "revoked")
            )
        return lambda p: p.status_on(base) == "valid" and p.status_on(start) == "valid"

    def shelve(self, shop: Shop, product: Product, day: date, threshold: int) -> None:
        """List a product at an outlet."""
        self.app.list_product(
            shop.id, product.id, day, low_stock_threshold=threshold, actor=DEMO_ADMIN
        )
        self.done["listings"] += 1

    # Stock in and sales, day by day ------------------------------------------------------

    def run(self, traders: list[Trader], scale: float) -> None:
        """Trade every day of the window: receipts at 7:30, sales 8:00–20:00, transfers after."""
        window = [TRADE_START + timedelta(days=n) for n in range((TRADE_END - TRADE_START).days)]
        window.append(TRADE_END)
        transfer_days = set(self.rng.sample(window[14:], k=min(scaled(15, scale, 2), 100)))
        for day in window:
            if day.day == 1:
                print(f"  trade {day:%Y-%m}: {self.done['sales']} sales so far", flush=True)
            for trader in traders:
                if trader.start <= day:
                    self.trade_day(trader, day)
            if day in transfer_days:
                self.transfer(traders, day)

    def trade_day(self, trader: Trader, day: date) -> None:
        """One outlet's day: write-offs, deliveries, then its sales."""
        if trader.diligent and day.day == 1:
            self.write_off_expired(trader, day)
        if trader.mode == "selling" and day.weekday() in (0, 3):
            self.restock(trader, day)
        rate = trader.rate * (1.4 if day.weekday() >= 5 else 1.0)
        count = int(rate) + (self.rng.random() < rate - int(rate))
        for minute in sorted(self.rng.sample(range(8 * 60, 20 * 60), k=count)):
            self.sell(trader, day, minute)
        if trader.mode == "sold_out" and day == TRADE_END:
            self.clear_out(trader, day)

    def receive(self, trader: Trader, day: date, goods: list[Product]) -> None:
        """A delivery from the producers at 7:30, one lot per product, with costs and expiry."""
        lines = []
        for product in goods:
            life = product.shelf_life
            if trader.mode == "sold_out":  # kept fresh so that the outlet can sell everything
                life = max(life or 0, (TRADE_END - day).days + 90)
            cost = self.costs.setdefault(product.id, self.rng.uniform(0.55, 0.8))
            line = {
                "product_id": product.id,
                "qty": trader.base[product.id],
                "lot": f"L{day:%y%m%d}",
                "expires_on": day + timedelta(days=life) if life else None,
                "unit_cost_vnd": int(round(product.price * cost, -3)),
            }
            lines.append(line)
            trader.lots.add(product.id, line["lot"], line["qty"], line["expires_on"])
            trader.last_receipt[product.id], trader.sold_since[product.id] = day, 0
        self.app.receive_stock(trader.shop.id, lines, at(day, 7, 30), actor=DEMO_ADMIN)
        self.done["receipts"] += 1

    def restock(self, trader: Trader, day: date) -> None:
        """Reorder what runs low and sold; slow goods that spoiled are tried again after 4 weeks."""
        wanted = []
        for product in trader.goods:
            if trader.lots.sellable(product.id, day) >= max(1, trader.base[product.id] // 3):
                continue
            waited = (day - trader.last_receipt.get(product.id, trader.start)).days
            if trader.sold_since.get(product.id, 0) or waited >= 28:
                wanted.append(product)
        if wanted:
            self.receive(trader, day, wanted)

    def sell(self, trader: Trader, day: date, minute: int) -> None:
        """One counter sale of one to three products, never beyond what is sellable."""
        lines: list[dict] = []
        size = self.rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
        for product in self.rng.sample(trader.goods, k=min(len(trader.goods), size + 2)):
            if len(lines) == size:
                break
            have = trader.lots.sellable(product.id, day) - (trader.mode == "stale")
            if have <= 0:
                continue
            if product.price < 50_000:
                qty = min(have, self.rng.randint(1, 5))
            else:
                qty = min(have, self.rng.randint(1, 3) if product.price < 200_000 else 1)
            discount = 0.9 if self.rng.random() < 0.1 else 1.0
            price = max(1000, int(round(product.price * trader.markup * discount, -3)))
            lines.append({"product_id": product.id, "qty": qty, "unit_price_vnd": price})
        self.record_sale(trader, day, lines, at(day, minute // 60, minute % 60))

    def clear_out(self, trader: Trader, day: date) -> None:
        """The last sale of an outlet that sells out: everything left, at list price."""
        lines = [
            {"product_id": p.id, "qty": q, "unit_price_vnd": p.price}
            for p in trader.goods
            if (q := trader.lots.sellable(p.id, day))
        ]
        self.record_sale(trader, day, lines, at(day, 20, 15))

    def record_sale(self, trader: Trader, day: date, lines: list[dict], moment: datetime) -> None:
        """Take the lines out of our copy of the stock, then record the sale."""
        if not lines:
            return
        for line in lines:
            trader.lots.take(line["product_id"], line["qty"], day)
            trader.sold_since[line["product_id"]] += line["qty"]
        sale = self.app.sell(trader.shop.id, lines, moment, actor=DEMO_ADMIN)
        self.last_sale[trader.shop.id] = (UUID(sale["id"]), lines, moment)
        self.done["sales"] += 1

    def corrections(self, traders: list[Trader], managed: UUID) -> None:
        """A partial return of the managed supermarket's last spring sale, and a sale of today
        voided there (marketplace/demo/corrections.py)."""
        if managed in self.last_sale:
            partial_return(self.app, managed, self.last_sale[managed])
            self.done["returns"] += 1
        trader = next(t for t in traders if t.shop.id == managed)
        if voided_sale_today(self.app, managed, [p.id for p in trader.goods]):
            self.done["voids"] += 1

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

    def write_off_expired(self, trader: Trader, day: date) -> None:
        """Take every lot past its expiry off the shelf (xuất hủy), at 7:00."""
        for product, lot, qty in trader.lots.expired(day):
            self.app.write_off(
                trader.shop.id, product, qty, "expired", lot, at(day, 7), actor=DEMO_ADMIN
            )
            trader.lots.set(product, lot, 0)
            self.done["write-offs"] += 1

    # After the spring ----------------------------------------------------------------------

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

    # Design centres, promotions, closures ----------------------------------------------------

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
