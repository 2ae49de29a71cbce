"""One outlet's sales (bán hàng) on one business day: each receipt with its lines, and the total."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from domain.values import VIETNAM_TIME
from projections.timeutil import to_utc
from projections.views import Views


def day_sales(conn: Connection, views: Views, outlet_id: UUID, day: date) -> dict[str, Any]:
    """The sales of ``day`` (a Vietnam business day) at the outlet, latest first, in VND."""
    lines, p = views.sales.t.lines, views.register.t.products
    query = (
        select(lines, p.c.name, p.c.unit)
        .outerjoin(p, p.c.id == lines.c.product_id)
        .where(lines.c.outlet_id == outlet_id, lines.c.day == day)
        .order_by(lines.c.position.desc(), lines.c.line_no)
    )
    sales: dict[UUID, dict[str, Any]] = {}
    for row in conn.execute(query):
        sale = sales.setdefault(
            row.sale_id,
            {
                "sale_id": str(row.sale_id),
                "sold_at": to_utc(row.sold_at).astimezone(VIETNAM_TIME),
                "amount_vnd": 0,
                "lines": [],
            },
        )
        sale["amount_vnd"] += row.amount_vnd
        sale["lines"].append(
            {
                "name": row.name or "?",
                "unit": row.unit or "",
                "qty": row.qty,
                "amount_vnd": row.amount_vnd,
            }
        )
    items = list(sales.values())
    return {
        "day": day,
        "sales": items,
        "count": len(items),
        "total_qty": sum(line["qty"] for sale in items for line in sale["lines"]),
        "total_vnd": sum(sale["amount_vnd"] for sale in items),
    }
