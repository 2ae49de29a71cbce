"""The catalogue: products with producer, place and current certificate, where listed and stocked."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, Table, and_, case, func, or_, select

from domain.certificate import NOT_CERTIFIED, certificate_status
from domain.gtin import barcode_forms
from domain.text import fold
from marketplace.places.filters import PlaceFilter, place_filter
from projections.places import place_conditions
from projections.queries.inventory import sellable_lot
from projections.register import in_force_on
from projections.views import Views


def _certificate(row: Any, day: date) -> dict[str, Any] | None:
    status = certificate_status(row.stars, row.revoked_on, row.valid_until, day)
    if status == NOT_CERTIFIED:
        return None
    return {
        "stars": row.stars,
        "score": row.score,
        "certificate_no": row.certificate_no,
        "certified_on": row.certified_on.isoformat(),
        "valid_until": row.valid_until.isoformat(),
        "status": status,
    }


def catalogue(
    conn: Connection,
    views: Views,
    day: date,
    *,
    group: str | None = None,
    stars: int | None = None,
    place: dict[str, str] | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
    product_id: UUID | None = None,
    units: str | None = None,
) -> dict[str, Any]:
    """Products filtered by group, stars held on ``day``, producer's place (read in ``units``,
    default those in force on ``day``: marketplace/places/filters.py) and a text search (or
    the one product with ``product_id``)."""
    products = views.register.t.products
    earlier, in_force = details_in_force(views, day)
    asked = place_filter(place, units, day)
    filters = _filters(views, day, in_force, product_id, group, stars, asked, text)
    query = _products_with_certificate(views, day, earlier, in_force).where(*filters)
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar()
    rows = conn.execute(
        query.order_by(in_force["name"], products.c.id).limit(limit).offset(offset)
    ).all()
    where = _where_listed_and_stocked(conn, views, [row.id for row in rows], day)
    return {
        "as_of": day.isoformat(),
        "total": total,
        "items": [_item(row, day, where[row.id]) for row in rows],
    }


def _products_with_certificate(
    views: Views, day: date, earlier: Any, in_force: dict[str, Any]
) -> Select:
    """Each product with its details, its producer and the evaluation in force on ``day``."""
    reg = views.register.t
    p, pr, e = reg.products, reg.producers, reg.evaluations
    return (
        select(
            p.c.id,
            *(in_force[name] for name in ("name", "group", "unit", "price_vnd", "gtin")),
            pr.c.id.label("producer_id"),
            pr.c.name.label("producer_name"),
            *(pr.c[name] for name in ("kind", "province", "district", "commune")),
            *(e.c[name] for name in _CERTIFICATE_COLUMNS),
        )
        .join(pr, pr.c.id == p.c.producer_id)
        .outerjoin(earlier, earlier.c.product_id == p.c.id)
        .outerjoin(e, and_(e.c.product_id == p.c.id, in_force_on(e, day)))
    )


_CERTIFICATE_COLUMNS = (
    "stars",
    "score",
    "certificate_no",
    "certified_on",
    "valid_until",
    "revoked_on",
)


def _filters(
    views: Views,
    day: date,
    in_force: dict[str, Any],
    product_id: UUID | None,
    group: str | None,
    stars: int | None,
    place: PlaceFilter | None,
    text: str | None,
) -> list[Any]:
    """SQL conditions, all to hold, for the filters given."""
    reg = views.register.t
    p, pr = reg.products, reg.producers
    conditions = [p.c.id == product_id] if product_id else []
    if group:
        conditions.append(in_force["group"] == group)
    if stars:
        conditions += _holding_stars(reg.evaluations, stars, day)
    conditions += place_conditions(pr, place)
    if text:
        conditions.append(_matching(in_force, pr, text))
    return conditions


def _holding_stars(evaluations: Table, stars: int, day: date) -> list[Any]:
    """SQL: a certificate of ``stars`` stars, unexpired and unrevoked on ``day``."""
    e = evaluations.c
    return [
        e.stars == stars,
        e.valid_until >= day,
        or_(e.revoked_on.is_(None), e.revoked_on > day),
    ]


def _matching(in_force: dict[str, Any], producers: Table, text: str) -> Any:
    """SQL: the product's name in force or its producer's name holds ``text``, or it is the
    product's GTIN in force."""
    wanted = fold(text)  # the one search rule: case and accents ignored, đ found by d
    return or_(
        in_force["name_folded"].contains(wanted, autoescape=True),
        producers.c.name_folded.contains(wanted, autoescape=True),
        in_force["gtin"].in_(barcode_forms(text.strip())),
    )


def _item(r: Any, day: date, where: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "id": str(r.id),
        "name": r.name,
        "group": r.group,
        "unit": r.unit,
        "price_vnd": r.price_vnd,
        "gtin": r.gtin,
        "producer": {"id": str(r.producer_id), "name": r.producer_name, "kind": r.kind},
        "place": {"province": r.province, "district": r.district, "commune": r.commune},
        "certificate": _certificate(r, day),
        **where,
    }


def details_in_force(views: Views, day: date) -> tuple[Any, dict[str, Any]]:
    """The products' details in force on ``day``: a subquery of the details each product had
    until its first correction dated after ``day`` (none: the register's current row), and
    each detail's column, to select, filter and order by (labelled with its name)."""
    p, d = views.register.t.products, views.register.t.product_earlier_details
    first = (
        select(d.c.product_id, func.min(d.c.position).label("position"))
        .where(d.c.until > day)
        .group_by(d.c.product_id)
        .subquery()
    )
    earlier = (
        select(d)
        .join(first, and_(first.c.product_id == d.c.product_id, first.c.position == d.c.position))
        .subquery()
    )
    names = ("name", "name_folded", "group", "unit", "price_vnd", "gtin")
    in_force = {
        n: case((earlier.c.product_id.is_not(None), earlier.c[n]), else_=p.c[n]).label(n)
        for n in names
    }
    return earlier, in_force


def _where_listed_and_stocked(conn: Connection, views: Views, product_ids: list, day: date) -> dict:
    """Where each product is listed now, and where some of it on hand can be sold on ``day``."""
    listing, lots = views.inventory.t.listings, views.inventory.t.lots
    where: dict = {pid: {"listed_at": [], "in_stock_at": []} for pid in product_ids}
    if not product_ids:
        return where
    for row in conn.execute(
        select(listing.c.product_id, listing.c.outlet_id)
        .where(listing.c.product_id.in_(product_ids))
        .order_by(listing.c.outlet_id)
    ):
        where[row.product_id]["listed_at"].append(str(row.outlet_id))
    stocked = (
        select(lots.c.product_id, lots.c.outlet_id)
        .where(lots.c.product_id.in_(product_ids), sellable_lot(lots, day))
        .group_by(lots.c.product_id, lots.c.outlet_id)
        .having(func.sum(lots.c.on_hand) > 0)
        .order_by(lots.c.outlet_id)
    )
    for row in conn.execute(stocked):
        where[row.product_id]["in_stock_at"].append(str(row.outlet_id))
    return where
