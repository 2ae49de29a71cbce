"""The demo's shelves (marketplace/demo/trade.py): which goods each outlet lists in 2024–25 and
in what quantities it orders them. Supermarkets and commercial centres get a mode: most sell
certified goods, some list nothing, some list only goods whose certificate lapsed or was
revoked, and some sell out."""

from datetime import date, timedelta
from uuid import UUID

from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import Product
from marketplace.demo.outlets import Shop, day_between
from marketplace.demo.trader import PRESENT, SHELF, TRADE_END, TRADE_START, Trader

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


class Shelving:
    """Mixed into the demo's Trade: choosing goods and listing them."""

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
