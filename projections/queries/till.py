"""What the till on a phone keeps to sell from while offline: an outlet's stock on hand, a
product a row with its producer, GTIN, list price, certificate stars and lots (expired ones
marked, since they cannot be sold)."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, and_, select

from domain.certificate import VALID, certificate_status
from domain.text import vietnamese_order
from projections.register import in_force_on
from projections.views import Views


def till_catalogue(conn: Connection, views: Views, outlet_id: UUID, day: date) -> dict[str, Any]:
    """The outlet's products with lots on hand on ``day``, by name (Vietnamese order); a
    product's ``sellable`` counts only its lots not expired on ``day``."""
    products: dict[UUID, dict[str, Any]] = {}
    for row in conn.execute(_stock_query(views, outlet_id, day)):
        product = products.get(row.id)
        if product is None:
            product = products[row.id] = _product(row, day)
        expired = row.expires_on is not None and row.expires_on < day
        product["lots"].append(
            {"lot": row.lot, "expires_on": row.expires_on, "qty": row.on_hand, "expired": expired}
        )
        product["on_hand"] += row.on_hand
        product["sellable"] += 0 if expired else row.on_hand
    items = sorted(products.values(), key=lambda p: vietnamese_order(p["name"]))
    return {"outlet_id": outlet_id, "day": day, "items": items}


def _stock_query(views: Views, outlet_id: UUID, day: date) -> Any:
    lots, p = views.inventory.t.lots, views.register.t.products
    producers, e = views.register.t.producers, views.register.t.evaluations
    return (
        select(p.c.id, p.c.name, p.c.unit, p.c.price_vnd, p.c.gtin)
        .add_columns(producers.c.name.label("producer"))
        .add_columns(e.c.stars, e.c.valid_until, e.c.revoked_on)
        .add_columns(lots.c.lot, lots.c.expires_on, lots.c.on_hand)
        .join(lots, lots.c.product_id == p.c.id)
        .join(producers, producers.c.id == p.c.producer_id)
        .outerjoin(e, and_(e.c.product_id == p.c.id, in_force_on(e, day)))
        .where(lots.c.outlet_id == outlet_id, lots.c.on_hand > 0)
        .order_by(p.c.id, lots.c.expires_on, lots.c.lot)
    )


def _product(row: Any, day: date) -> dict[str, Any]:
    """A product's facts; ``stars`` only while its certificate is valid on ``day``."""
    status = certificate_status(row.stars, row.revoked_on, row.valid_until, day)
    return {
        "product_id": row.id,
        "name": row.name,
        "producer": row.producer,
        "unit": row.unit,
        "price_vnd": row.price_vnd,
        "gtin": row.gtin,
        "stars": row.stars if status == VALID else None,
        "on_hand": 0,
        "sellable": 0,
        "lots": [],
    }
