"""The demo's trade day by day (marketplace/demo/trade.py), from March to June 2025: receipts at
7:30, counter sales from 8:00 to 20:00, expired lots written off, and at the end a return and a
void at the manager's supermarket."""

from datetime import date, datetime, timedelta
from uuid import UUID

from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import Product, scaled
from marketplace.demo.corrections import partial_return, voided_sale_today
from marketplace.demo.trader import TRADE_END, TRADE_START, Trader, at


class DailyTrade:
    """Mixed into the demo's Trade: stock in and sales, day by day."""

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

    def write_off_expired(self, trader: Trader, day: date) -> None:
        """Take every lot past its expiry off the shelf (xuất hủy), at 7:00."""
        for product, lot, qty in trader.lots.expired(day):
            self.app.write_off(
                trader.shop.id, product, qty, "expired", lot, at(day, 7), actor=DEMO_ADMIN
            )
            trader.lots.set(product, lot, 0)
            self.done["write-offs"] += 1

    def corrections(self, traders: list[Trader], managed: UUID) -> None:
        """A partial return of the managed supermarket's last spring sale, and a sale of today
        voided there (marketplace/demo/corrections.py)."""
        if managed in self.last_sale:
            partial_return(self.app, managed, self.last_sale[managed])
            self.done["returns"] += 1
        trader = next(t for t in traders if t.shop.id == managed)
        if voided_sale_today(self.app, managed, [p.id for p in trader.goods]):
            self.done["voids"] += 1
