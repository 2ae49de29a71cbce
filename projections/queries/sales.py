"""Sales reports: quantities and VND by outlet, product, producer, place, day or month."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, Table, func, select

from marketplace.clock import today
from marketplace.places.filters import place_filter
from marketplace.places.grouping import Grouping, grouping
from projections.buffer import chunks
from projections.places import LEVELS, PLACE_COLUMNS, place_conditions, regrouped
from projections.queries.lists import NAMED, names_of
from projections.queries.sale_corrections import corrections_by_key, corrections_listed
from projections.register import place_on
from projections.views import Views

GROUPINGS = ("outlet", "product", "producer", "province", "district", "commune", "day", "month")
_COLUMN = {"outlet": "outlet_id", "product": "product_id", "producer": "producer_id"}


@dataclass(frozen=True)
class Scope:
    """What a report covers: its days (both ends included), outlets (None: all), one product
    or producer, and a place: a condition on a line's table (``in_place``), true when the
    outlet's place on the line's day is in it, as the report groups them. Sales lines and
    their returns and voids are scoped alike, so a report's net figures never mix what it
    filtered out."""

    start: date | None = None
    end: date | None = None
    outlet_ids: Collection[UUID] | None = None
    product_id: UUID | None = None
    producer_id: UUID | None = None
    in_place: Callable[[Table], Any] | None = None

    def applied(self, query: Select, t: Table) -> Select:
        if self.start:
            query = query.where(t.c.day >= self.start)
        if self.end:
            query = query.where(t.c.day <= self.end)
        if self.outlet_ids is not None:
            query = query.where(t.c.outlet_id.in_(list(self.outlet_ids)))
        if self.product_id is not None:
            query = query.where(t.c.product_id == self.product_id)
        if self.producer_id is not None:
            query = query.where(t.c.producer_id == self.producer_id)
        if self.in_place is not None:
            query = query.where(self.in_place(t))
        return query


def place_then(views: Views, t: Table) -> tuple[Any, Any]:
    """(the outlet place periods' table, join condition): the place of the line's outlet on
    the line's day (a sale's day; a return's or a void's own day)."""
    return place_on(views.register.t, "outlet", t.c.outlet_id, t.c.day)


def sales_report(
    conn: Connection,
    views: Views,
    by: str,
    start: date | None = None,
    end: date | None = None,
    outlet_ids: Collection[UUID] | None = None,
    units: str | None = None,
    *,
    product_id: UUID | None = None,
    producer_id: UUID | None = None,
    place: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """Totals grouped by ``by`` over the report's scope (``Scope``). Places are grouped in
    ``units`` (default: those in force on ``end``, or today), a district with its province, a
    commune with what identifies it. ``qty`` and ``amount_vnd`` are net: gross sales less
    returns (refunds) and voids, each shown beside them; ``returns`` lists the returns and
    voids. Each item has a ``name`` beside its ``key``: the outlet's, product's or producer's
    name, else the key itself. ``place`` (as typed) is read in the same units, and echoed."""
    day = end or today()
    asked = place_filter(place, units, day)

    def in_place(t: Table) -> Any:
        p, in_force = place_then(views, t)
        return select(p.c.from_day).where(in_force, *place_conditions(p, asked)).exists()

    scope = Scope(start, end, outlet_ids, product_id, producer_id, in_place if asked else None)
    corrections = views.sales.t.corrections
    rows, corrected = _grouped(conn, views, corrections, by, scope)
    how = grouping(by, units, day) if by in LEVELS else None
    items = _by_place(conn, views, how, rows, corrected) if how else _items(rows, corrected)
    names = names_of(conn, views, by, [i["key"] for i in items]) if by in NAMED else {}
    for item in items:
        item["name"] = names.get(item["key"], item["key"])
    return {
        "by": by,
        **({"grouping": how.described()} if how else {}),
        **({"place": asked.described()} if asked else {}),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "total_qty": sum(i["qty"] for i in items),
        "total_vnd": sum(i["amount_vnd"] for i in items),
        **{f"total_{name}": sum(i[name] for i in items) for name in _CORRECTED},
        "items": items,
        "returns": corrections_listed(conn, corrections, scope.applied),
    }


def _grouped(conn: Connection, views: Views, corrections: Table, by: str, scope: Scope):
    """Each group's gross figures, and its returns and voids, by the group's key (by a
    place: by outlet and the day its place then took effect, put into places afterwards)."""
    lines = views.sales.t.lines

    def keys_of(table: Table) -> list:
        if by in LEVELS:
            p, in_force = place_then(views, table)
            since = select(p.c.from_day).where(in_force).scalar_subquery()
            return [table.c.outlet_id, since.label("place_from")]
        return [getattr(table.c, _COLUMN.get(by, by))]

    keys = keys_of(lines)
    corrected = corrections_by_key(conn, corrections, keys_of, scope.applied)
    query = select(
        *keys,
        func.sum(lines.c.qty).label("qty"),
        func.sum(lines.c.amount_vnd).label("amount_vnd"),
        func.count(func.distinct(lines.c.sale_id)).label("sales"),
    )
    query = scope.applied(query, lines)
    rows = [
        (tuple(r[: len(keys)]), int(r.qty), int(r.amount_vnd), r.sales)
        for r in conn.execute(query.group_by(*keys).order_by(*keys))
    ]
    sold = {key for key, *_ in rows}  # groups with only returns or voids in the days asked
    rows += [(key, 0, 0, 0) for key in corrected if key not in sold]
    return rows, corrected


def _items(rows: list, corrected: dict) -> list[dict[str, Any]]:
    rows.sort(key=lambda r: _order(r[0][0]))
    return [
        {"key": _text(key[0]), **_net(qty, vnd, corrected.get(key)), "sales": sales}
        for key, qty, vnd, sales in rows
    ]


def _by_place(
    conn: Connection, views: Views, how: Grouping, rows: list, corrected: dict
) -> list[dict[str, Any]]:
    """Each outlet's figures, per place it had, added up per place group of ``how``, in
    Vietnamese order."""
    empty = dict.fromkeys(_CORRECTED[2:], 0)
    figures = [
        (key, (qty, vnd, sales, *(corrected.get(key) or empty).values()))
        for key, qty, vnd, sales in rows
    ]
    return [
        {**group, **_net(qty, vnd, dict(zip(_CORRECTED[2:], rest))), "sales": sales}
        for group, (qty, vnd, sales, *rest) in regrouped(how, _outlet_places(conn, views, figures))
    ]


def _outlet_places(conn: Connection, views: Views, figures: list) -> list:
    """Each (outlet, from day)'s figures with the place the outlet had from that day (names,
    codes and units set)."""
    p = views.register.t.outlet_places
    columns = [p.c[c] for c in (*LEVELS, *PLACE_COLUMNS)]
    places = {}
    for part in chunks(sorted({outlet_id for (outlet_id, _), _ in figures})):
        query = select(p.c.outlet_id, p.c.from_day, *columns).where(p.c.outlet_id.in_(part))
        places |= {(row.outlet_id, row.from_day): row._mapping for row in conn.execute(query)}
    return [(places.get(key, {}), numbers) for key, numbers in figures]


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
