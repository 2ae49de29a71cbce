"""What the counter (quầy bán) looks up: an outlet's stocked products by name or barcode, its lots
on hand with product names, and the low-stock and expiring-soon lists with names."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from domain.certificate import VALID, certificate_status
from domain.gtin import barcode_forms
from domain.stock import StockLot
from domain.text import matches, vietnamese_order
from projections.queries.inventory import expiring_soon, low_stock
from projections.register import in_force_on
from projections.views import Views


def find_stocked(
    conn: Connection, views: Views, outlet_id: UUID, text: str, day: date
) -> list[dict[str, Any]]:
    """The outlet's products on hand (``the_counters_stock``) whose GTIN is exactly ``text``
    (a scanned barcode wins alone), else whose name contains it, ignoring case and accents."""
    products = the_counters_stock(conn, views, outlet_id, day)
    wanted = text.strip()
    forms = barcode_forms(wanted)
    by_barcode = [p for p in products if p["gtin"] and p["gtin"] in forms]
    if by_barcode or not wanted:
        return by_barcode
    return [p for p in products if matches(wanted, p["name"])]


def the_counters_stock(
    conn: Connection, views: Views, outlet_id: UUID, day: date
) -> list[dict[str, Any]]:
    """Each product the outlet has on hand, told apart as a clerk needs (name, producer, GTIN,
    price, the stars of its certificate valid on ``day``): ``on_hand`` what may be sold on
    ``day``, ``expired`` the units of lots expired by then, ``expired_lots`` those lots."""
    lots, p = views.inventory.t.lots, views.register.t.products
    producers = views.register.t.producers
    query = (
        select(p.c.id, p.c.name, p.c.unit, p.c.price_vnd, p.c.gtin, lots.c.lot, lots.c.on_hand)
        .add_columns(lots.c.expires_on, producers.c.name.label("producer"))
        .join(lots, lots.c.product_id == p.c.id)
        .join(producers, producers.c.id == p.c.producer_id)
        .where(lots.c.outlet_id == outlet_id, lots.c.on_hand > 0)
        .order_by(p.c.name, producers.c.name, p.c.id, lots.c.expires_on, lots.c.lot)
    )
    found: dict[UUID, dict[str, Any]] = {}
    for row in conn.execute(query):
        product = found.setdefault(row.id, _stocked(row))
        if StockLot(row.on_hand, row.expires_on).sellable_on(day):
            product["on_hand"] += row.on_hand
        else:
            product["expired"] += row.on_hand
            product["expired_lots"].append({"lot": row.lot, "expires_on": row.expires_on})
    stars = certified_stars(conn, views, list(found), day)
    return [product | {"stars": stars.get(pid)} for pid, product in found.items()]


def _stocked(row: Any) -> dict[str, Any]:
    fields = ("id", "name", "unit", "price_vnd", "gtin", "producer")
    return {f: getattr(row, f) for f in fields} | {"on_hand": 0, "expired": 0, "expired_lots": []}


def certified_stars(conn: Connection, views: Views, ids: list[UUID], day: date) -> dict[UUID, int]:
    """The stars of each product's certificate valid on ``day`` (none if it holds none)."""
    e = views.register.t.evaluations
    query = select(e.c.product_id, e.c.stars, e.c.revoked_on, e.c.valid_until).where(
        e.c.product_id.in_(ids), in_force_on(e, day)
    )
    return {
        row.product_id: row.stars
        for row in conn.execute(query)
        if certificate_status(row.stars, row.revoked_on, row.valid_until, day) == VALID
    }


def lots_on_hand(conn: Connection, views: Views, outlet_id: UUID) -> list[dict[str, Any]]:
    """Each lot (lô) the outlet holds, with its product's name and unit, soonest expiry first."""
    lots, p = views.inventory.t.lots, views.register.t.products
    query = (
        select(p.c.id.label("product_id"), p.c.name, p.c.unit, lots.c.lot, lots.c.expires_on)
        .add_columns(lots.c.on_hand)
        .join(p, p.c.id == lots.c.product_id)
        .where(lots.c.outlet_id == outlet_id, lots.c.on_hand > 0)
        .order_by(p.c.name, lots.c.expires_on, lots.c.lot)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def product_names(conn: Connection, views: Views, ids: list[UUID]) -> dict[str, dict[str, Any]]:
    """Name and unit of each product, by id as text."""
    if not ids:
        return {}
    p = views.register.t.products
    rows = conn.execute(select(p.c.id, p.c.name, p.c.unit).where(p.c.id.in_(ids)))
    return {str(r.id): {"name": r.name, "unit": r.unit} for r in rows}


def running_low(
    conn: Connection, views: Views, outlet_id: UUID, today: date
) -> list[dict[str, Any]]:
    """Listed products at or below their threshold (hàng sắp hết), with names, fewest first."""
    rows = low_stock(conn, views, today, outlet_id)
    return sorted(_named(conn, views, rows), key=lambda r: (r["on_hand"], r["name"]))


def expiring(
    conn: Connection, views: Views, outlet_id: UUID, today: date, days: int = 30
) -> list[dict[str, Any]]:
    """Lots expired or expiring within ``days`` (hàng sắp hết hạn), with names."""
    return _named(conn, views, expiring_soon(conn, views, today, days, outlet_id))


def _named(conn: Connection, views: Views, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = product_names(conn, views, sorted({UUID(r["product_id"]) for r in rows}))
    unknown = {"name": "?", "unit": ""}
    return [r | names.get(r["product_id"], unknown) for r in rows]


def transfer_destinations(conn: Connection, views: Views, outlet_id: UUID) -> list[dict[str, Any]]:
    """Open outlets of the same province, other than this one, that stock can be sent to."""
    o = views.register.t.outlets
    province = select(o.c.province).where(o.c.id == outlet_id).scalar_subquery()
    query = (
        select(o.c.id, o.c.name, o.c.district, o.c.commune)
        .where(o.c.province == province, o.c.id != outlet_id, o.c.closed_on.is_(None))
        .order_by(o.c.name, o.c.id)
    )
    rows = [dict(row._mapping) for row in conn.execute(query)]
    return sorted(rows, key=lambda row: vietnamese_order(row["name"]))
