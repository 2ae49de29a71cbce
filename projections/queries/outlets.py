"""Outlets and what they stock, by name, for the pages."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, and_, func, select

from domain.certificate import REASON_OF_STATUS, VALID, certificate_status
from domain.text import vietnamese_order
from projections.register import in_force_on
from projections.views import Views


def outlets_named(
    conn: Connection, views: Views, ids: list[UUID] | None = None
) -> list[dict[str, Any]]:
    """Outlets (all, or the given ones) with their kind and place, by name (Vietnamese order)."""
    o = views.register.t.outlets
    query = select(o).order_by(o.c.name, o.c.id)
    if ids is not None:
        query = query.where(o.c.id.in_(ids))
    rows = [dict(row._mapping) for row in conn.execute(query)]
    return sorted(rows, key=lambda row: vietnamese_order(row["name"]))


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


def shelf(conn: Connection, views: Views, outlet_id: UUID, day: date) -> list[dict[str, Any]]:
    """What an outlet lists now, with stock and the certificate as it stands on ``day``."""
    listing, lots = views.inventory.t.listings, views.inventory.t.lots
    p, e = views.register.t.products, views.register.t.evaluations
    on_hand = (
        select(func.coalesce(func.sum(lots.c.on_hand), 0))
        .where(lots.c.outlet_id == listing.c.outlet_id, lots.c.product_id == listing.c.product_id)
        .scalar_subquery()
    )
    query = (
        select(
            p.c.id,
            p.c.name,
            p.c.unit,
            listing.c.listed_on,
            on_hand.label("on_hand"),
            e.c.stars,
            e.c.certificate_no,
            e.c.valid_until,
            e.c.revoked_on,
        )
        .join(p, p.c.id == listing.c.product_id)
        .outerjoin(
            e,
            and_(
                e.c.product_id == p.c.id,
                in_force_on(e, day),
            ),
        )
        .where(listing.c.outlet_id == outlet_id)
        .order_by(p.c.name)
    )
    return [_with_warning(dict(row._mapping), day) for row in conn.execute(query)]


WARN_DAYS = 60


def _with_warning(row: dict[str, Any], day: date) -> dict[str, Any]:
    """Flag a listing whose certificate lapses within 60 days, has lapsed, or never held."""
    status = certificate_status(row["stars"], row["revoked_on"], row["valid_until"], day)
    if status != VALID:
        row["warning"] = REASON_OF_STATUS[status]
    elif row["valid_until"] <= day + timedelta(days=WARN_DAYS):
        row["warning"] = "expires_soon"
    else:
        row["warning"] = None
    return row
