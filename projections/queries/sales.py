"""Sales reports: quantities and VND by outlet, product, producer, place, day or month."""

from collections.abc import Collection
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from projections.places import LEVELS, group_fields, levels_of, place_conditions, sort_key
from projections.queries.lists import NAMED, names_of
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
    *,
    product_id: UUID | None = None,
    producer_id: UUID | None = None,
    place: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """Totals grouped by ``by`` over the days from ``start`` to ``end`` (both included), of
    the given outlets (None: all), of one product or producer, in a place (the outlet's);
    a district is grouped with its province, a commune with its province and district.
    Each item has a ``name`` beside its ``key``: the outlet's, product's or producer's name,
    else the key itself."""
    lines = views.sales.t.lines
    places = by in LEVELS
    keys = (
        [lines.c[level] for level in levels_of(by)]
        if places
        else [getattr(lines.c, _COLUMN.get(by, by))]
    )
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
    if product_id is not None:
        query = query.where(lines.c.product_id == product_id)
    if producer_id is not None:
        query = query.where(lines.c.producer_id == producer_id)
    query = query.where(*place_conditions(lines, place))
    rows = conn.execute(query.group_by(*keys).order_by(*keys)).all()
    if places:  # by code point, as every place grouping is ordered
        rows.sort(key=lambda r: sort_key(by, r._mapping))
    names = names_of(conn, views, by, [r[0] for r in rows]) if by in NAMED else {}
    items = [
        {
            **(group_fields(by, r._mapping) if places else {"key": _text(r[0])}),
            "qty": int(r.qty),
            "amount_vnd": int(r.amount_vnd),
            "sales": r.sales,
        }
        for r in rows
    ]
    for item in items:
        item["name"] = names.get(item["key"], item["key"])
    return {
        "by": by,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "total_qty": sum(i["qty"] for i in items),
        "total_vnd": sum(i["amount_vnd"] for i in items),
        "items": items,
    }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
