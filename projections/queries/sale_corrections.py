"""Returns and voids beside the sales report: what they take off each group's figures, and the
list of them over the report's days (a return counts on its own day, a void on the sale's)."""

from collections.abc import Callable, Collection
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Table, case, func, select

RETURNS_LISTED = 500
"""The most returns and voids a report lists (the newest first); its figures count them all."""


def corrections_by_key(
    conn: Connection,
    corrections: Table,
    keys_of: Callable[[Table], list],
    start: date | None,
    end: date | None,
    outlet_ids: Collection[UUID] | None,
) -> dict[tuple, dict[str, int]]:
    """Returned and voided qty and VND per group key (the same keys as the sales lines')."""
    t = corrections
    keys = keys_of(t)
    figures = {
        f"{kind}_{figure}": func.sum(case((t.c.kind == kind, t.c[column]), else_=0))
        for kind, name in (("return", "returned"), ("void", "voided"))
        for figure, column in (("qty", "qty"), ("vnd", "amount_vnd"))
        if name
    }
    query = select(*keys, *(value.label(name) for name, value in figures.items()))
    query = _within(query, t, start, end, outlet_ids)
    rows = conn.execute(query.group_by(*keys)).all()
    return {
        tuple(r[: len(keys)]): {
            "returned_qty": int(r.return_qty),
            "returned_vnd": int(r.return_vnd),
            "voided_qty": int(r.void_qty),
            "voided_vnd": int(r.void_vnd),
        }
        for r in rows
    }


def corrections_listed(
    conn: Connection,
    corrections: Table,
    start: date | None,
    end: date | None,
    outlet_ids: Collection[UUID] | None,
) -> list[dict[str, Any]]:
    """The returns and voids of the report's days, newest first, one item per product line."""
    t = corrections
    query = _within(select(t), t, start, end, outlet_ids)
    rows = conn.execute(query.order_by(t.c.position.desc(), t.c.line_no).limit(RETURNS_LISTED))
    return [
        {
            "kind": r.kind,
            "id": str(r.correction_id),
            "sale_id": str(r.sale_id),
            "outlet_id": str(r.outlet_id),
            "product_id": str(r.product_id),
            "day": r.day.isoformat(),
            "qty": int(r.qty),
            "restocked": int(r.restocked),
            "amount_vnd": int(r.amount_vnd),
            "reason": r.reason,
        }
        for r in rows
    ]


def _within(query, t: Table, start, end, outlet_ids):
    if start:
        query = query.where(t.c.day >= start)
    if end:
        query = query.where(t.c.day <= end)
    if outlet_ids is not None:
        query = query.where(t.c.outlet_id.in_(list(outlet_ids)))
    return query
