"""Lists for people: producers, products and outlets found by text, place and kind, in
Vietnamese order of their names (thứ tự chữ cái), a page at a time with the total."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, func, select

from domain.text import fold, matches, text_problem, vietnamese_order
from marketplace.clock import today
from marketplace.places.filters import PlaceFilter, place_filter
from projections.places import LEVELS, place_conditions
from projections.views import Views

Page = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """What a list is asked for: a text (accents and case ignored), a place as typed, read in
    ``units`` (default: today's; marketplace/places/filters.py), a kind, and a page of ``limit``
    from ``offset``."""

    text: str | None = None
    place: dict[str, str | None] | None = None
    kind: str | None = None
    limit: int = 50
    offset: int = 0
    units: str | None = None

    def place_filter(self) -> PlaceFilter | None:
        """The place asked for, as one unit (422 if it names none)."""
        return place_filter(self.place, self.units, today())


def producers_list(conn: Connection, views: Views, asked: Filters) -> Page:
    """Producers whose name (or registration number) holds the text, in a place, of a kind,
    each with how many products it has registered."""
    pr, p = views.register.t.producers, views.register.t.products
    query = select(pr.c.id, pr.c.name).where(*place_conditions(pr, asked.place_filter()))
    if asked.kind:
        query = query.where(pr.c.kind == asked.kind)
    if asked.text:
        named = pr.c.name_folded.contains(fold(asked.text), autoescape=True)
        if text_problem(asked.text) is None:  # no recorded number holds a control character
            named = named | (pr.c.registration_no == asked.text.strip())
        query = query.where(named)
    products = (
        select(func.count()).where(p.c.producer_id == pr.c.id).scalar_subquery().label("products")
    )
    rows = select(pr, products)
    return _page(conn, query, lambda ids: rows.where(pr.c.id.in_(ids)), asked)


def products_list(conn: Connection, views: Views, asked: Filters) -> Page:
    """Products whose name, producer's name or GTIN holds the text, of producers in a place,
    of a product group; each with its producer's name and place."""
    p, pr = views.register.t.products, views.register.t.producers
    query = (
        select(p.c.id, p.c.name)
        .join(pr, pr.c.id == p.c.producer_id)
        .where(*place_conditions(pr, asked.place_filter()))
    )
    if asked.kind:
        query = query.where(p.c.group == asked.kind)
    if asked.text:
        wanted = fold(asked.text)  # the one search rule, as in the catalogue
        query = query.where(
            p.c.name_folded.contains(wanted, autoescape=True)
            | pr.c.name_folded.contains(wanted, autoescape=True)
            | (p.c.gtin == wanted)
        )
    rows = select(
        p.c.id,
        p.c.name,
        p.c.group,
        p.c.classification,
        p.c.unit,
        p.c.price_vnd,
        p.c.gtin,
        p.c.producer_id,
        pr.c.name.label("producer_name"),
        pr.c.province,
        pr.c.district,
        pr.c.commune,
    ).join(pr, pr.c.id == p.c.producer_id)
    page = _page(conn, query, lambda ids: rows.where(p.c.id.in_(ids)), asked)
    return {"total": page["total"], "items": [_product_item(row) for row in page["items"]]}


def _product_item(row: dict[str, Any]) -> dict[str, Any]:
    """A product with its producer named and placed."""
    producer = {"id": row.pop("producer_id"), "name": row.pop("producer_name")}
    place = {level: row.pop(level) for level in LEVELS}
    return {**row, "producer": producer, "place": place}


def outlets_list(
    conn: Connection, views: Views, asked: Filters, outlet_ids: Collection[UUID] | None = None
) -> Page:
    """Outlets whose name holds the text (accents and case ignored), in a place, of a kind;
    only the given ones if ``outlet_ids`` is not None."""
    o = views.register.t.outlets
    query = select(o.c.id, o.c.name).where(*place_conditions(o, asked.place_filter()))
    if asked.kind:
        query = query.where(o.c.kind == asked.kind)
    if outlet_ids is not None:
        query = query.where(o.c.id.in_(list(outlet_ids)))
    # no folded column for outlets: the same rule (domain.text.matches) on their names
    named = [
        dict(r._mapping)
        for r in conn.execute(query)
        if not asked.text or matches(asked.text, r.name)
    ]
    return _page(conn, named, lambda ids: select(o).where(o.c.id.in_(ids)), asked)


def accounts_list(
    conn: Connection, views: Views, accounts: list[dict[str, Any]], asked: Filters
) -> Page:
    """Users (the application's ``accounts``) whose username holds the text, of a role (the kind),
    bound to an outlet in a place; each with its outlets named."""
    o = views.register.t.outlets
    names = names_of(conn, views, "outlet", {i for a in accounts for i in a["outlet_ids"]})
    place = asked.place_filter()
    if place:
        in_place = set(conn.execute(select(o.c.id).where(*place_conditions(o, place))).scalars())
    found = [
        {**a, "name": a["username"], "outlets": [_outlet_ref(names, i) for i in a["outlet_ids"]]}
        for a in accounts
        if (not asked.text or matches(asked.text, a["username"]))
        and (not asked.kind or a["role"] == asked.kind)
        and (not place or in_place & {UUID(i) for i in a["outlet_ids"]})
    ]
    page = in_vietnamese_order(found, asked.limit, asked.offset)
    for item in page["items"]:
        del item["name"]
    return page


def _outlet_ref(names: dict[str, str], outlet_id: str) -> dict[str, Any]:
    return {"id": outlet_id, "name": names.get(outlet_id)}


def in_vietnamese_order(items: list[dict], limit: int, offset: int) -> Page:
    """A page of ``items`` sorted by name in Vietnamese order (then id), with their total."""
    ordered = sorted(items, key=lambda item: (vietnamese_order(item["name"]), str(item["id"])))
    return {"total": len(ordered), "items": ordered[offset : offset + limit]}


def _page(conn: Connection, found: Select | list[dict], rows_of, asked: Filters) -> Page:
    """Sort what ``found`` finds (id, name) in Vietnamese order, then read the page's rows.

    SQL orders text by code point (Đ after every Latin letter), so the order is made here
    from the ids and names alone, and only the page's rows are read in full."""
    named = found if isinstance(found, list) else [dict(r._mapping) for r in conn.execute(found)]
    page = in_vietnamese_order(named, asked.limit, asked.offset)
    ids = [item["id"] for item in page["items"]]
    full = {r.id: dict(r._mapping) for r in conn.execute(rows_of(ids))} if ids else {}
    return {"total": page["total"], "items": [full[i] for i in ids]}


NAMED = {"outlet": "outlets", "product": "products", "producer": "producers"}
"""The records that have names, by the word a report groups them by."""


def names_of(conn: Connection, views: Views, kind: str, ids: Collection[Any]) -> dict[str, str]:
    """The names of the outlets, products or producers (``kind``) with these ids, by id as
    text (an unknown id is left out)."""
    t = getattr(views.register.t, NAMED[kind])
    wanted = [UUID(str(i)) for i in ids if i]
    if not wanted:
        return {}
    rows = conn.execute(select(t.c.id, t.c.name).where(t.c.id.in_(wanted)))
    return {str(row.id): row.name for row in rows}
