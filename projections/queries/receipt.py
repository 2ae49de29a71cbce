"""One sale as its receipt (hóa đơn): its lines with names, unit prices and the certificate
stars each product held on the sale's day, its total, and its number among the outlet's sales
of that day."""

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from domain.values import VIETNAM_TIME
from projections.queries.counter import certified_stars
from projections.timeutil import to_utc
from projections.views import Views


def sale_receipt(
    conn: Connection, views: Views, outlet_id: UUID, sale_id: UUID
) -> dict[str, Any] | None:
    """The sale's receipt, or None if the outlet has no such sale (or it is not read yet)."""
    lines, p = views.sales.t.lines, views.register.t.products
    query = (
        select(lines, p.c.name, p.c.unit, p.c.gtin)
        .outerjoin(p, p.c.id == lines.c.product_id)
        .where(lines.c.outlet_id == outlet_id, lines.c.sale_id == sale_id)
        .order_by(lines.c.line_no)
    )
    rows = list(conn.execute(query))
    if not rows:
        return None
    first = rows[0]
    stars = certified_stars(conn, views, sorted({r.product_id for r in rows}), first.day)
    total = sum(row.amount_vnd for row in rows)
    paid = _paid(conn, views, outlet_id, sale_id)
    return {
        "sale_id": str(sale_id),
        "number": _number_of_the_day(conn, views, outlet_id, first),
        "sold_at": to_utc(first.sold_at).astimezone(VIETNAM_TIME),
        "lines": [_line(row, stars.get(row.product_id)) for row in rows],
        "total_vnd": total,
        "paid_vnd": paid,
        "change_vnd": None if paid is None else paid - total,
        "position": first.position,  # the sale's event in the log (its leaf: the evidence)
    }


def _paid(conn: Connection, views: Views, outlet_id: UUID, sale_id: UUID) -> int | None:
    """What the customer paid, as recorded with the sale; None if the clerk did not say."""
    payments = views.sales.t.payments
    query = select(payments.c.paid_vnd).where(
        payments.c.sale_id == sale_id, payments.c.outlet_id == outlet_id
    )
    return conn.execute(query).scalar_one_or_none()


def _line(row: Any, stars: int | None) -> dict[str, Any]:
    return {
        "name": row.name or "?",
        "unit": row.unit or "",
        "gtin": row.gtin,
        "qty": row.qty,
        "unit_price_vnd": row.amount_vnd // row.qty if row.qty else 0,
        "amount_vnd": row.amount_vnd,
        "stars": stars,
    }


def _number_of_the_day(conn: Connection, views: Views, outlet_id: UUID, first: Any) -> int:
    """1 for the outlet's first sale of the day, 2 for the next… (in recording order)."""
    lines = views.sales.t.lines
    query = select(func.count(func.distinct(lines.c.sale_id))).where(
        lines.c.outlet_id == outlet_id, lines.c.day == first.day, lines.c.position <= first.position
    )
    return conn.execute(query).scalar_one()
