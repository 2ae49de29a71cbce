"""The tests' reference T1 coverage: the same answer as ``projections.queries.coverage``
computed listing by listing from the shelves and the register (slower; the oracle of the
timeline tests and the bench's probe). A place filter is applied by its definition: an outlet
is in it when its place, grouped in the filter's units (group_of), is the filter's unit."""

from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, func, or_, select

from domain.certificate import EXPIRED, REVOKED, VALID, reason_not_selling
from marketplace.places.filters import PlaceFilter, place_filter
from marketplace.places.grouping import group_of, grouping
from projections.certificate_sql import certificate_status_sql
from projections.places import PLACE_COLUMNS
from projections.queries.coverage import _groups, by_code_point, outlets_placed_on, share
from projections.register import in_force_on
from projections.shelf_stock import sellable_on_hand
from projections.views import Views


def outlet_facts(
    conn: Connection, views: Views, day: date, place: PlaceFilter | None = None
) -> list[Any]:
    """The reference: one row per open shelf outlet with counts of its listed products by
    state on ``day``, computed listing by listing from the shelves and the register.

    Sellable stock on the day is one index seek per listing (the latest interval starting on
    or before it), so the cost follows the number of listings, not the length of the history.
    """
    o = views.register.t.outlets
    placed, p, open_shelf = outlets_placed_on(views, day, None)  # where each was on the day
    e = views.register.t.evaluations
    listing = views.shelves.t.listings
    stock = views.shelves.t.stock
    sellable = sellable_on_hand(stock, o.c.id, listing.c.product_id, day)
    per_listing = (
        select(
            o.c.id,
            o.c.name,
            o.c.kind,
            p.c.province,
            p.c.district,
            p.c.commune,
            *[p.c[column] for column in PLACE_COLUMNS],
            listing.c.product_id,
            certificate_status_sql(e, day).label("status"),
            func.coalesce(sellable, 0).label("sellable"),
        )
        .select_from(placed)
        .outerjoin(
            listing,
            and_(
                listing.c.outlet_id == o.c.id,
                listing.c.listed_on <= day,
                or_(listing.c.delisted_on.is_(None), listing.c.delisted_on > day),
            ),
        )
        .outerjoin(
            e,
            and_(
                e.c.product_id == listing.c.product_id,
                in_force_on(e, day),
            ),
        )
        .where(*open_shelf)
        .subquery()
    )
    r = per_listing.c
    count_if = lambda condition: func.sum(case((condition, 1), else_=0))
    outlet = [r.id, r.name, r.kind, r.province, r.district, r.commune]
    outlet += [r[column] for column in PLACE_COLUMNS]
    query = (
        select(
            *outlet,
            func.count(r.product_id).label("listed"),
            count_if(and_(r.status == VALID, r.sellable > 0)).label("valid_in_stock"),
            count_if(r.status == VALID).label("valid"),
            count_if(r.status == EXPIRED).label("expired"),
            count_if(r.status == REVOKED).label("revoked"),
        )
        .group_by(*outlet)
        .order_by(by_code_point(conn, r.name), r.id)
    )
    return [row for row in conn.execute(query) if _in_place(row, place)]


def _in_place(row: Any, place: PlaceFilter | None) -> bool:
    if place is None:
        return True
    return group_of(row._mapping, place.grouping)[f"{place.unit.level}_code"] == place.unit.code


def _reason(row: Any) -> str | None:
    """None if the outlet counts as selling OCOP products on the day, else why not."""
    counted = {VALID: row.valid, EXPIRED: row.expired, REVOKED: row.revoked}
    statuses = {status for status, count in counted.items() if count}
    return reason_not_selling(bool(row.listed), bool(row.valid_in_stock), statuses)


def reference_coverage(
    conn: Connection,
    views: Views,
    day: date,
    by: str | None = None,
    places: dict[str, str] | None = None,
    units: str | None = None,
) -> dict[str, Any]:
    """The same answer computed listing by listing (slower; the tests' reference)."""
    place = place_filter(places, units, day)
    rows = outlet_facts(conn, views, day, place)
    answer = _answer([(row, _reason(row)) for row in rows], day, by, units)
    return {**answer, "place": place.described()} if place else answer


def _answer(
    reasons: list[tuple[Any, str | None]], day: date, by: str | None, units: str | None = None
) -> dict[str, Any]:
    selling = sum(1 for _, reason in reasons if reason is None)
    answer: dict[str, Any] = {
        "as_of": day.isoformat(),
        "total": len(reasons),
        "selling": selling,
        "ratio": share(selling, len(reasons)),
        "not_selling": [
            {
                "outlet_id": str(row.id),
                "name": row.name,
                "kind": row.kind,
                "reason": reason,
                "province": row.province,
                "district": row.district,
                "commune": row.commune,
            }
            for row, reason in reasons
            if reason is not None
        ],
    }
    if by:  # each outlet's place, grouped as the answer groups recorded places
        how = grouping(by, units, day)
        answer["grouping"] = how.described()
        answer["groups"] = _groups(
            how, [(row._mapping, (1, reason is None)) for row, reason in reasons]
        )
    return answer
