"""What the counter's correction screens read: an outlet's recent receipts, and which of a
day's sales were returned or voided."""

from collections.abc import Collection
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from domain.values import VIETNAM_TIME
from projections.timeutil import to_utc
from projections.views import Views

RECENT_RECEIPTS = 20


def recent_receipts(conn: Connection, views: Views, outlet_id: UUID) -> list[dict[str, Any]]:
    """The outlet's latest receipts, newest first, with whether each was reversed."""
    t = views.inventory.t.receipts
    query = (
        select(t)
        .where(t.c.outlet_id == outlet_id)
        .order_by(t.c.received_at.desc())
        .limit(RECENT_RECEIPTS)
    )
    return [
        {
            "receipt_id": str(r.receipt_id),
            "received_at": to_utc(r.received_at).astimezone(VIETNAM_TIME),
            "lines": r.lines,
            "units": int(r.units),
            "reversed": r.reversed,
        }
        for r in conn.execute(query)
    ]


def corrected_sales(
    conn: Connection, views: Views, sale_ids: Collection[UUID]
) -> dict[str, dict[str, Any]]:
    """For each sale with corrections: ``voided``, the units ``returned`` and the VND taken off
    its amount (``less_vnd``: refunds, or the whole sale when voided)."""
    t = views.sales.t.corrections
    if not sale_ids:
        return {}
    query = (
        select(
            t.c.sale_id,
            t.c.kind,
            func.sum(t.c.qty).label("qty"),
            func.sum(t.c.amount_vnd).label("vnd"),
        )
        .where(t.c.sale_id.in_(list(sale_ids)))
        .group_by(t.c.sale_id, t.c.kind)
    )
    found: dict[str, dict[str, Any]] = {}
    for r in conn.execute(query):
        sale = found.setdefault(str(r.sale_id), {"voided": False, "returned": 0, "less_vnd": 0})
        sale["less_vnd"] += int(r.vnd)
        if r.kind == "void":
            sale["voided"] = True
        else:
            sale["returned"] += int(r.qty)
    return found


def sale_lines(conn: Connection, views: Views, outlet_id: UUID, sale_id: UUID) -> list[dict]:
    """A sale's lines with their product names (to choose what a customer brings back)."""
    lines, p = views.sales.t.lines, views.register.t.products
    query = (
        select(lines.c.product_id, lines.c.qty, lines.c.amount_vnd, p.c.name, p.c.unit)
        .outerjoin(p, p.c.id == lines.c.product_id)
        .where(lines.c.outlet_id == outlet_id, lines.c.sale_id == sale_id)
        .order_by(lines.c.line_no)
    )
    return [
        {
            "product_id": str(r.product_id),
            "qty": int(r.qty),
            "amount_vnd": int(r.amount_vnd),
            "name": r.name or "?",
            "unit": r.unit or "",
        }
        for r in conn.execute(query)
    ]


def producer_of(conn: Connection, views: Views, product_id: UUID) -> UUID | None:
    """The producer a product is returned to."""
    p = views.register.t.products
    return conn.execute(select(p.c.producer_id).where(p.c.id == product_id)).scalar()
