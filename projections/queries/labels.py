"""What a QR code and a label need: the product a scanned GTIN names, and a product's lots."""

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from projections.views import Views


def product_holding_gtin(conn: Connection, views: Views, forms: list[str]) -> UUID | None:
    """The product whose GTIN is one of ``forms`` (the same GTIN written with 8 to 14 digits);
    failing that, the product that held it last before a correction gave it another, since
    packages printed before the correction are still on the shelves."""
    p = views.register.t.products
    now = conn.execute(select(p.c.id).where(p.c.gtin.in_(forms)).order_by(p.c.id)).first()
    if now is not None:
        return now.id
    d = views.register.t.product_earlier_details
    before = conn.execute(
        select(d.c.product_id).where(d.c.gtin.in_(forms)).order_by(d.c.position.desc())
    ).first()
    return before.product_id if before is not None else None


def product_lot(conn: Connection, views: Views, product_id: UUID, lot: str) -> dict | None:
    """A lot of the product as received anywhere: its code and expiry (the earliest, should two
    outlets have recorded different ones), or None when no outlet has received it."""
    lots = views.inventory.t.lots
    row = conn.execute(
        select(func.count(), func.min(lots.c.expires_on)).where(
            lots.c.product_id == product_id, lots.c.lot == lot
        )
    ).one()
    return {"lot": lot, "expires_on": row[1]} if row[0] else None


def product_lots(conn: Connection, views: Views, product_id: UUID) -> list[dict[str, Any]]:
    """The product's lots with a code that some outlet still holds, soonest expiry first."""
    lots = views.inventory.t.lots
    query = (
        select(lots.c.lot, func.min(lots.c.expires_on).label("expires_on"))
        .where(lots.c.product_id == product_id, lots.c.lot != "", lots.c.on_hand > 0)
        .group_by(lots.c.lot)
        .order_by(func.min(lots.c.expires_on), lots.c.lot)
    )
    return [dict(row._mapping) for row in conn.execute(query)]
