"""An outlet as the officers' pages show it: its register row and its open periods (opened,
closed, reopened...), and the provinces outlets are in, for the list's filter."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from domain.text import vietnamese_order
from projections.views import Views


def outlet_with_periods(conn: Connection, views: Views, outlet_id: UUID) -> dict[str, Any] | None:
    """The outlet's row (name, kind, place, opened_on, closed_on) with its open periods, or
    None if no outlet has that id."""
    o, c = views.register.t.outlets, views.register.t.closures
    row = conn.execute(select(o).where(o.c.id == outlet_id)).first()
    if row is None:
        return None
    closures = conn.execute(
        select(c.c.closed_on, c.c.reopened_on)
        .where(c.c.outlet_id == outlet_id)
        .order_by(c.c.closed_on)
    ).all()
    periods = open_periods(row.opened_on, [tuple(r) for r in closures], row.closed_on)
    return {**row._mapping, "periods": periods}


def open_periods(
    opened_on: date, closures: list[tuple[date, date]], closed_on: date | None
) -> list[dict[str, date | None]]:
    """The periods an outlet was open, oldest first: each from the day it opened (or reopened)
    until the day it closed (None: open still). ``closures`` are the (closed_on, reopened_on)
    of the closings it was reopened after, in order."""
    starts = [opened_on, *(reopened for _, reopened in closures)]
    ends = [*(closed for closed, _ in closures), closed_on]
    return [{"opened_on": s, "closed_on": e} for s, e in zip(starts, ends, strict=True)]


def outlet_provinces(conn: Connection, views: Views) -> list[str]:
    """The provinces outlets are recorded in, in Vietnamese order."""
    o = views.register.t.outlets
    return sorted(conn.execute(select(o.c.province).distinct()).scalars(), key=vietnamese_order)
