"""Sales reports: quantities and VND by outlet, product, producer, place, day or month."""

from collections.abc import Collection
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from projections.places import LEVELS, group_fields, levels_of, sort_key
from projections.queries.sale_corrections import corrections_by_key, corrections_listed
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
) -> dict[str, Any]:
    """Totals grouped by ``by`` over the days from ``start`` to ``end`` (both included), of
    the given outlets (None: all); a district is grouped with its province, a commune with
    its province and district. ``qty`` and ``amount_vnd`` are net: gross sales less returns
    (refunds) and voids, each shown beside them; ``returns`` lists the returns and voids."""
    lines = views.sales.t.lines
    places = by in LEVELS

    def keys_of(table):
        if places:
            return [table.c[level] for level in levels_of(by)]
        return [getattr(table.c, _COLUMN.get(by, by))]

    keys = keys_of(lines)
    corrected = corrections_by_key(conn, views.sales.t.corrections, keys_of, start, end, outlet_ids)
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
    rows = [
        (tuple(r[: len(keys)]), int(r.qty), int(r.amount_vnd), r.sales)
        for r in conn.execute(query.group_by(*keys).order_by(*keys))
    ]
    sold = {key for key, *_ in rows}  # groups with only returns or voids in the days asked
    rows += [(key, 0, 0, 0) for key in corrected if key not in sold]
    names = levels_of(by) if places else ()
    rows.sort(key=lambda r: sort_key(by, dict(zip(names, r[0]))) if places else _order(r[0][0]))
    items = [
        {
            **(group_fields(by, dict(zip(names, key))) if places else {"key": _text(key[0])}),
            **_net(qty, vnd, corrected.get(key)),
            "sales": sales,
        }
        for key, qty, vnd, sales in rows
    ]
    return {
        "by": by,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "total_qty": sum(i["qty"] for i in items),
        "total_vnd": sum(i["amount_vnd"] for i in items),
        **{f"total_{name}": sum(i[name] for i in items) for name in _CORRECTED},
        "items": items,
        "returns": corrections_listed(conn, views.sales.t.corrections, start, end, outlet_ids),
    }


_CORRECTED = ("gross_qty", "gross_vnd", "returned_qty", "returned_vnd", "voided_qty", "voided_vnd")


def _net(qty: int, vnd: int, corrected: dict[str, int] | None) -> dict[str, int]:
    """A group's gross, returned and voided figures, and the net (qty, amount_vnd)."""
    c = corrected or dict.fromkeys(_CORRECTED[2:], 0)
    return {
        "qty": qty - c["returned_qty"] - c["voided_qty"],
        "amount_vnd": vnd - c["returned_vnd"] - c["voided_vnd"],
        "gross_qty": qty,
        "gross_vnd": vnd,
        **c,
    }


def _order(value: Any) -> tuple:
    return (value is None, str(value) if value is not None else "")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
