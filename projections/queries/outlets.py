"""Outlets and what they stock, by name, for the pages."""

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from projections.views import Views


def outlets_named(conn: Connection, views: Views, ids: list[UUID] | None = None) -> list[dict[str, Any]]:
    """Outlets (all, or the given ones) with their kind and place, by name."""
    o = views.register.t.outlets
    query = select(o).order_by(o.c.name)
    if ids is not None:
        query = query.where(o.c.id.in_(ids))
    return [dict(row._mapping) for row in conn.execute(query)]


def stocked_products(conn: Connection, views: Views, outlet_id: UUID) -> list[dict[str, Any]]:
    """Products an outlet has on hand, with name, unit, list price and GTIN."""
    lots, p = views.inventory.t.lots, views.register.t.products
    on_hand = func.sum(lots.c.on_hand).label("on_hand")
    query = (
        select(p.c.id, p.c.name, p.c.unit, p.c.price_vnd, p.c.gtin, on_hand)
        .join(lots, lots.c.product_id == p.c.id)
        .where(lots.c.outlet_id == outlet_id)
        .group_by(p.c.id, p.c.name, p.c.unit, p.c.price_vnd, p.c.gtin)
        .having(on_hand > 0)
        .order_by(p.c.name)
    )
    return [dict(row._mapping) for row in conn.execute(query)]
