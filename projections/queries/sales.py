"""Sales reports: quantities and VND by outlet, product, producer, place, day or month."""

from collections.abc import Collection
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from marketplace.clock import today
from marketplace.places.grouping import grouping
from projections.places import LEVELS, PLACE_COLUMNS, regrouped
from projections.views import Views

GROUPINGS = ("outlet", "product", "producer", "province", "district", "commune", "day", "month")
_COLUMN = {"outlet": "outlet_id", "product": "product_id", "producer": "producer_id"}


def sales_report(
    conn: Connection,
    views: Views,
    by: str,
    start: date | None = None,
    end: date | None = None,
    outlet_ids: Collection[UUID] | None = None,
    units: str | None = None,
) -> dict[str, Any]:
    """Totals grouped by ``by`` over the days from ``start`` to ``end`` (both included), of
    the given outlets (None: all); places are grouped in ``units`` (default: those in force
    on ``end``, or today), a district with its province, a commune with what identifies it."""
    lines = views.sales.t.lines
    places = by in LEVELS
    keys = [lines.c.outlet_id] if places else [getattr(lines.c, _COLUMN.get(by, by))]
    query = select(
        *keys,
        func.sum(lines.c.qty).label("qty"),
        func.sum(lines.c.amount_vnd).label("amount_vnd"),
        func.count(func.distinct(lines.c.sale_id)).label("sales"),
    )
    if start:
        query = query.where(lines.c.day >= start)
    if end:
        query = query.where(lines.c.day <= end)
    if outlet_ids is not None:
        query = query.where(lines.c.outlet_id.in_(list(outlet_ids)))
    rows = conn.execute(query.group_by(*keys).order_by(*keys)).all()
    figures = [(r[0], (int(r.qty), int(r.amount_vnd), r.sales)) for r in rows]
    how = grouping(by, units, end or today()) if places else None
    if how:
        figures = regrouped(how, _outlet_places(conn, views, figures))
    items = [
        {
            **(key if how else {"key": _text(key)}),
            "qty": qty,
            "amount_vnd": amount,
            "sales": sales,
        }
        for key, (qty, amount, sales) in figures
    ]
    return {
        "by": by,
        **({"grouping": how.described()} if how else {}),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "total_qty": sum(i["qty"] for i in items),
        "total_vnd": sum(i["amount_vnd"] for i in items),
        "items": items,
    }


def _outlet_places(conn: Connection, views: Views, figures: list) -> list:
    """Each outlet's figures with its recorded place (names, codes and units set)."""
    o = views.register.t.outlets
    columns = [o.c[c] for c in (*LEVELS, *PLACE_COLUMNS)]
    ids = [outlet_id for outlet_id, _ in figures]
    places = {
        row.id: row._mapping
        for row in conn.execute(select(o.c.id, *columns).where(o.c.id.in_(ids)))
    }
    return [(places.get(outlet_id, {}), numbers) for outlet_id, numbers in figures]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
