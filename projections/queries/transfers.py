"""Transfers of an outlet, out and in: in transit (đang chuyển) or received, line by line."""

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, func, or_, select

from projections.timeutil import to_utc
from projections.views import Views

STATES = ("in_transit", "received")
DIRECTIONS = ("out", "in")


def outlet_transfers(
    conn: Connection,
    views: Views,
    outlet_id: UUID,
    state: str | None = None,
    direction: str | None = None,
    limit: int = 200,
    transfer_id: UUID | None = None,
) -> list[dict[str, Any]]:
    """The outlet's transfers (or the one named), newest sent first, each with its lines and
    the other outlet's name; ``state`` in_transit or received, ``direction`` out or in (None:
    both)."""
    query = _found(views, outlet_id, state, direction)
    if transfer_id:
        query = query.where(views.inventory.t.transfers.c.id == transfer_id)
    return _described(conn, views, outlet_id, _newest_first(conn, views, query, limit, 0))


def transfers_page(
    conn: Connection,
    views: Views,
    outlet_id: UUID,
    state: str | None = None,
    direction: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of the outlet's transfers as ``outlet_transfers`` finds them, newest sent
    first, from ``offset``, with ``total``: how many there are in all."""
    query = _found(views, outlet_id, state, direction)
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = _newest_first(conn, views, query, limit, offset)
    return {"total": total, "items": _described(conn, views, outlet_id, rows)}


def _found(views: Views, outlet_id: UUID, state: str | None, direction: str | None) -> Select:
    t = views.inventory.t.transfers
    sides = {"out": t.c.from_outlet_id == outlet_id, "in": t.c.to_outlet_id == outlet_id}
    query = select(t).where(sides[direction] if direction else or_(*sides.values()))
    if state:
        query = query.where(
            t.c.received_at.is_(None) if state == "in_transit" else t.c.received_at.is_not(None)
        )
    return query


def _newest_first(conn: Connection, views: Views, query: Select, limit: int, offset: int) -> list:
    t = views.inventory.t.transfers
    ordered = query.order_by(t.c.sent_at.desc(), t.c.id)  # the id: a stable order for pages
    return conn.execute(ordered.limit(limit).offset(offset)).all()


def _described(conn: Connection, views: Views, outlet_id: UUID, rows: list) -> list[dict]:
    """Each transfer with its lines and both outlets' names, as seen from ``outlet_id``."""
    o = views.register.t.outlets
    ids = [r.id for r in rows]
    outlets = {r.from_outlet_id for r in rows} | {r.to_outlet_id for r in rows}
    names = dict(conn.execute(select(o.c.id, o.c.name).where(o.c.id.in_(outlets))).all())
    lines = _lines(conn, views, ids)
    return [
        {
            "id": str(r.id),
            "direction": "out" if r.from_outlet_id == outlet_id else "in",
            "state": "in_transit" if r.received_at is None else "received",
            "from_outlet_id": str(r.from_outlet_id),
            "from_outlet_name": names.get(r.from_outlet_id, "?"),
            "to_outlet_id": str(r.to_outlet_id),
            "to_outlet_name": names.get(r.to_outlet_id, "?"),
            "sent_at": to_utc(r.sent_at).isoformat(),
            "received_at": to_utc(r.received_at).isoformat() if r.received_at else None,
            "lines": lines.get(r.id, []),
        }
        for r in rows
    ]


def _lines(conn: Connection, views: Views, ids: list[UUID]) -> dict[UUID, list[dict[str, Any]]]:
    if not ids:
        return {}
    lines, p = views.inventory.t.transfer_lines, views.register.t.products
    query = (
        select(lines, p.c.name, p.c.unit)
        .join(p, p.c.id == lines.c.product_id, isouter=True)
        .where(lines.c.transfer_id.in_(ids))
        .order_by(p.c.name, lines.c.expires_on, lines.c.lot)
    )
    found: dict[UUID, list[dict[str, Any]]] = {}
    for r in conn.execute(query):
        found.setdefault(r.transfer_id, []).append(
            {
                "product_id": str(r.product_id),
                "name": r.name or "?",
                "unit": r.unit or "",
                "lot": r.lot,
                "expires_on": r.expires_on.isoformat() if r.expires_on else None,
                "qty_sent": r.qty_sent,
                "qty_received": r.qty_received,
                "qty_lost": r.qty_lost,
            }
        )
    return found
