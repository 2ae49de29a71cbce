"""T1 coverage: the share of open supermarkets and commercial centres selling OCOP products.

Exactly as DESIGN.md defines it, for any day D: the denominator is the shelf outlets open on D;
the numerator those with at least one listed product that holds a valid certificate on D and
has sellable stock at the end of D: on hand in lots not expired on D (expired goods cannot be
sold, so they do not count). Every other outlet gets one reason, the first that applies:
not_listed (nothing listed), no_stock (certified goods listed but none in stock), then, when no
listed product holds a valid certificate, certificate_expired, certificate_revoked or not_certified.

The answer reads the coverage status timeline (projections/coverage_status.py): one index seek
per open shelf outlet for the status row covering the day, so its cost follows the number of
outlets, not the length of the history. ``reference_coverage`` computes the same answer listing
by listing from the shelves and the register, as the tests' reference.
"""

from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)

from domain.certificate import EXPIRED, REVOKED, VALID, reason_not_selling
from domain.reference import SHELF_KINDS
from projections.certificate_sql import certificate_status_sql
from projections.places import LEVELS, group_fields, levels_of, place_conditions, sort_key
from projections.register import in_force_on
from projections.shelf_stock import sellable_on_hand
from projections.views import Views

GROUPINGS = LEVELS


def by_code_point(conn: Connection, column):
    """Names ordered by code point, the same on every store and in every locale (and, on
    PostgreSQL, a byte comparison rather than the locale's, which is slower)."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def _open_shelf_outlets(o, day: date, places: dict[str, str]) -> list[Any]:
    """Conditions on the outlets table: shelf outlets open on ``day`` in the place asked for
    (a district with its province, a commune with its province and district)."""
    return [
        o.c.kind.in_(SHELF_KINDS),
        o.c.opened_on <= day,
        or_(o.c.closed_on.is_(None), o.c.closed_on > day),
        *place_conditions(o, places),
    ]


def _status_on_day(views: Views, o, day: date):
    """The outlet's status on ``day``, in SQL: '' if it sells, else its reason, NULL if it has
    no status row (it never listed anything). Per outlet, the latest row starting on or before
    the day: one backward seek on (outlet_id, from_day), whatever the length of the history,
    and a plan that needs no statistics (a GiST index on the rows' day ranges, hash-joined,
    was 3 ms faster on PostgreSQL once analysed, but took 2.8 s before: one range scan per
    outlet)."""
    s = views.coverage_status.t.status
    return (
        select(func.coalesce(s.c.reason, literal("")))
        .where(s.c.outlet_id == o.c.id, s.c.from_day <= day)
        .order_by(s.c.from_day.desc())
        .limit(1)
        .scalar_subquery()
    )


def coverage_rows(
    conn: Connection,
    views: Views,
    day: date,
    by: str | None,
    places: dict[str, str],
    outlets: bool = True,
) -> list[tuple]:
    """In one statement: (0, total, selling, ..., province, district, commune, ...) per group
    (one group if ``by`` is None; the levels not grouped by are NULL), then (1, 0, 0, outlet
    id, name, kind, province, district, commune, status) of each outlet not selling, by name
    (unless ``outlets`` is False). Outlets that sell are only counted. A group is a place
    with every level above it: a district with its province, a commune with both."""
    o = views.register.t.outlets
    # PostgreSQL turns a uuid into text faster than Python does.
    outlet_id = cast(o.c.id, String) if conn.dialect.name == "postgresql" else o.c.id
    r = (
        select(
            outlet_id.label("id"),
            by_code_point(conn, o.c.name).label("name"),
            o.c.kind,
            o.c.province,
            o.c.district,
            o.c.commune,
            _status_on_day(views, o, day).label("status"),
        )
        .where(*_open_shelf_outlets(o, day, places))
        .cte("per_outlet")
    )
    none = lambda column: null().cast(column.type).label(column.name)
    grouped = levels_of(by) if by else ()
    groups = select(
        literal(0).label("part"),
        func.count().label("total"),
        func.coalesce(func.sum(case((r.c.status == "", 1), else_=0)), 0).label("selling"),
        *[none(r.c[name]) for name in ("id", "name", "kind")],
        *[r.c[level] if level in grouped else none(r.c[level]) for level in LEVELS],
        none(r.c.status),
    ).group_by(*[r.c[level] for level in grouped])
    if not outlets:
        return list(conn.execute(groups))
    not_selling = select(
        literal(1),
        literal(0),
        literal(0),
        *[
            r.c[name]
            for name in ("id", "name", "kind", "province", "district", "commune", "status")
        ],
    ).where(or_(r.c.status.is_(None), r.c.status != ""))
    query = union_all(groups, not_selling).order_by(
        literal_column("part"), literal_column("name"), literal_column("id")
    )
    return list(conn.execute(query))


def outlet_facts(conn: Connection, views: Views, day: date, places: dict[str, str]) -> list[Any]:
    """The reference: one row per open shelf outlet with counts of its listed products by
    state on ``day``, computed listing by listing from the shelves and the register.

    Sellable stock on the day is one index seek per listing (the latest interval starting on
    or before it), so the cost follows the number of listings, not the length of the history.
    """
    o = views.register.t.outlets
    e = views.register.t.evaluations
    listing = views.shelves.t.listings
    stock = views.shelves.t.stock
    sellable = sellable_on_hand(stock, o.c.id, listing.c.product_id, day)
    per_listing = (
        select(
            o.c.id,
            o.c.name,
            o.c.kind,
            o.c.province,
            o.c.district,
            o.c.commune,
            listing.c.product_id,
            certificate_status_sql(e, day).label("status"),
            func.coalesce(sellable, 0).label("sellable"),
        )
        .select_from(o)
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
        .where(*_open_shelf_outlets(o, day, places))
        .subquery()
    )
    r = per_listing.c
    count_if = lambda condition: func.sum(case((condition, 1), else_=0))
    query = (
        select(
            r.id,
            r.name,
            r.kind,
            r.province,
            r.district,
            r.commune,
            func.count(r.product_id).label("listed"),
            count_if(and_(r.status == VALID, r.sellable > 0)).label("valid_in_stock"),
            count_if(r.status == VALID).label("valid"),
            count_if(r.status == EXPIRED).label("expired"),
            count_if(r.status == REVOKED).label("revoked"),
        )
        .group_by(r.id, r.name, r.kind, r.province, r.district, r.commune)
        .order_by(by_code_point(conn, r.name), r.id)
    )
    return list(conn.execute(query))


def _reason(row: Any) -> str | None:
    """None if the outlet counts as selling OCOP products on the day, else why not."""
    counted = {VALID: row.valid, EXPIRED: row.expired, REVOKED: row.revoked}
    statuses = {status for status, count in counted.items() if count}
    return reason_not_selling(bool(row.listed), bool(row.valid_in_stock), statuses)


def share(selling: int, total: int) -> float | None:
    return round(selling / total, 4) if total else None  # no outlets: no ratio, not 100%


def coverage(
    conn: Connection,
    views: Views,
    day: date,
    by: str | None = None,
    places: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The contract's answer for GET /coverage."""
    totals, not_selling = {}, []
    for (
        part,
        total,
        selling,
        oid,
        name,
        kind,
        province,
        district,
        commune,
        status,
    ) in coverage_rows(conn, views, day, by, places or {}):
        if part == 0:
            totals[(province, district, commune)] = (total, selling)
            continue
        not_selling.append(
            {
                "outlet_id": str(oid),
                "name": name,
                "kind": kind,
                "reason": status or "not_listed",
                "province": province,
                "district": district,
                "commune": commune,
            }
        )
    total = sum(t for t, _ in totals.values())
    selling = sum(s for _, s in totals.values())
    answer: dict[str, Any] = {
        "as_of": day.isoformat(),
        "total": total,
        "selling": selling,
        "ratio": share(selling, total),
        "not_selling": not_selling,
    }
    if by:
        answer["groups"] = _groups(by, totals)
    return answer


def _groups(by: str, totals: dict[tuple, tuple[int, int]]) -> list[dict[str, Any]]:
    """The answer's groups from {(province, district, commune): (total, selling)}, each with
    its key and the levels that identify it, ordered by province, district and commune."""
    places = [dict(zip(LEVELS, place, strict=True)) for place in totals]
    return [
        {**group_fields(by, place), "total": t, "selling": s, "ratio": share(s, t)}
        for place, (t, s) in sorted(
            zip(places, totals.values(), strict=True), key=lambda pair: sort_key(by, pair[0])
        )
    ]


def coverage_counts(
    conn: Connection, views: Views, day: date, places: dict[str, str] | None = None
) -> tuple[int, int]:
    """Only (total, selling) of the coverage answer, counted in SQL: no outlet is listed."""
    rows = coverage_rows(conn, views, day, None, places or {}, outlets=False)
    return (rows[0][1], rows[0][2]) if rows else (0, 0)


def coverage_ratio(
    conn: Connection, views: Views, day: date, places: dict[str, str] | None = None
) -> float | None:
    """Only the ratio of the coverage answer (for the plan targets)."""
    total, selling = coverage_counts(conn, views, day, places)
    return share(selling, total)


def reference_coverage(
    conn: Connection,
    views: Views,
    day: date,
    by: str | None = None,
    places: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The same answer computed listing by listing (slower; the tests' reference)."""
    rows = outlet_facts(conn, views, day, places or {})
    return _answer([(row, _reason(row)) for row in rows], day, by)


def _answer(reasons: list[tuple[Any, str | None]], day: date, by: str | None) -> dict[str, Any]:
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
    if by:
        tallies: dict[tuple, list[int]] = {}
        for row, reason in reasons:
            grouped = levels_of(by)
            place = tuple(getattr(row, level) if level in grouped else None for level in LEVELS)
            tally = tallies.setdefault(place, [0, 0])
            tally[0] += 1
            tally[1] += reason is None
        answer["groups"] = _groups(by, {place: tuple(t) for place, t in tallies.items()})
    return answer
