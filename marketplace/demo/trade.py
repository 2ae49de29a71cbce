"""Demo shelves and trade: goods listed in 2024–25, then receipts and sales day by day from March
to June 2025, with transfers, stock counts and write-offs; then design-centre work, promotion
events and a few closures.

The Trade is made of parts by what they seed: marketplace/demo/shelving.py (listings),
daily_trade.py (receipts and sales), transfers.py (transfers) and afterwards.py (counts,
design work, promotions, closures); trader.py holds what it keeps per outlet.
"""

import random
from collections import Counter
from datetime import date, datetime
from uuid import UUID

from marketplace.application import Marketplace
from marketplace.demo.afterwards import Afterwards
from marketplace.demo.catalogue import Producer, Product
from marketplace.demo.daily_trade import DailyTrade
from marketplace.demo.outlets import Shop
from marketplace.demo.shelving import Shelving
from marketplace.demo.trader import PRESENT, TRADE_END, Trader
from marketplace.demo.transfers import TransferTrade


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


class Trade(Shelving, DailyTrade, TransferTrade, Afterwards):
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
