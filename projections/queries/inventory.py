"""Inventory queries: an outlet's stock, low-stock and expiring-soon lists."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Table, and_, func, or_, select, union_all

from projections.timeutil import to_utc
from projections.views import Views


def outlet_inventory(conn: Connection, views: Views, outlet_id: UUID) -> dict[str, Any]:
    """On hand by product and lot, with value at cost and the last movement."""
    lots = views.inventory.t.lots
    rows = conn.execute(
        select(lots)
        .where(lots.c.outlet_id == outlet_id, lots.c.on_hand != 0)
        .order_by(lots.c.product_id, lots.c.lot)
    ).all()
    items: dict[UUID, dict[str, Any]] = {}
    for row in rows:
        item = items.setdefault(
            row.product_id,
            {
                "product_id": str(row.product_id),
                "on_hand": 0,
                "value_vnd": 0,
                "value_complete": True,
                "last_movement_at": None,
                "lots": [],
            },
        )
        item["on_hand"] += row.on_hand
        if row.unit_cost_vnd is None:
            item["value_complete"] = False  # some stock came in without a cost
        else:
            item["value_vnd"] += row.on_hand * row.unit_cost_vnd
        moved = to_utc(row.last_movement_at).isoformat()
        item["last_movement_at"] = max(item["last_movement_at"] or moved, moved)
        item["lots"].append(
            {
                "lot": row.lot,
                "on_hand": row.on_hand,
                "expires_on": row.expires_on.isoformat() if row.expires_on else None,
                "unit_cost_vnd": row.unit_cost_vnd,
            }
        )
    return {"outlet_id": str(outlet_id), "items": list(items.values())}


def sellable_lot(lots: Table, day: date) -> Any:
    """SQL: a lot row whose units can still be sold on ``day`` — no expiry, or expiring on or
    after it (the domain's ``StockLot.sellable_on``)."""
    return or_(lots.c.expires_on.is_(None), lots.c.expires_on >= day)


def low_stock(
    conn: Connection, views: Views, today: date, outlet_id: UUID | None = None
) -> list[dict[str, Any]]:
    """Products with a threshold whose sellable stock is at or below it (hàng sắp hết): the
    threshold set for the product at the outlet, else the one it was listed with; expired units
    are still on the shelf, but cannot be sold."""
    listing, set_ = views.inventory.t.listings, views.inventory.t.thresholds
    keys = (listing.c.outlet_id, listing.c.product_id, listing.c.low_stock_threshold)
    listed = select(*keys).where(
        ~select(set_.c.outlet_id)
        .where(set_.c.outlet_id == listing.c.outlet_id, set_.c.product_id == listing.c.product_id)
        .exists()
    )
    chosen = select(set_.c.outlet_id, set_.c.product_id, set_.c.low_stock_threshold)
    if outlet_id:
        listed = listed.where(listing.c.outlet_id == outlet_id)
        chosen = chosen.where(set_.c.outlet_id == outlet_id)
    wanted = union_all(listed, chosen).subquery("wanted")
    lots = views.inventory.t.lots
    on_hand = (
        select(func.coalesce(func.sum(lots.c.on_hand), 0))
        .where(lots.c.outlet_id == wanted.c.outlet_id, lots.c.product_id == wanted.c.product_id)
        .where(sellable_lot(lots, today))
        .scalar_subquery()
    )
    query = select(wanted, on_hand.label("on_hand")).where(on_hand <= wanted.c.low_stock_threshold)
    return [
        {
            "outlet_id": str(r.outlet_id),
            "product_id": str(r.product_id),
            "on_hand": r.on_hand,
            "low_stock_threshold": r.low_stock_threshold,
        }
        for r in conn.execute(query)
    ]


def expiring_soon(
    conn: Connection, views: Views, today: date, days: int = 30, outlet_id: UUID | None = None
) -> list[dict[str, Any]]:
    """Lots with stock that expire within ``days`` (or already have): write them off or sell them."""
    lots = views.inventory.t.lots
    query = (
        select(lots)
        .where(
            and_(
                lots.c.on_hand > 0,
                lots.c.expires_on.is_not(None),
                lots.c.expires_on <= today + timedelta(days=days),
            )
        )
        .order_by(lots.c.expires_on)
    )
    if outlet_id:
        query = query.where(lots.c.outlet_id == outlet_id)
    return [
        {
            "outlet_id": str(r.outlet_id),
            "product_id": str(r.product_id),
            "lot": r.lot,
            "expires_on": r.expires_on.isoformat(),
            "on_hand": r.on_hand,
            "expired": r.expires_on < today,
        }
        for r in conn.execute(query)
    ]
