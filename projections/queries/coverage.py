"""T1 coverage: the share of open supermarkets and commercial centres selling OCOP products.

Exactly as DESIGN.md defines it, for any day D: the denominator is the shelf outlets open on D;
the numerator those with at least one listed product that holds a valid certificate on D and
has sellable stock at the end of D: on hand in lots not expired on D (expired goods cannot be
sold, so they do not count). Every other outlet gets one reason, the first that applies:
not_listed (nothing listed), no_stock (certified goods listed but none in stock), then, when no
listed product holds a valid certificate, certificate_expired, certificate_revoked or not_certified.

The answer reads the coverage status timeline (projections/coverage_status.py): one index seek
per open shelf outlet for the status row covering the day, so its cost follows the number of
outlets, not the length of the history. tests/oracles/coverage.py computes the same answer
listing by listing from the shelves and the register, as the tests' reference.
"""

from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    String,
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

from domain.reference import SHELF_KINDS
from marketplace.places.filters import PlaceFilter, place_filter
from marketplace.places.grouping import Grouping, grouping
from projections.places import LEVELS, PLACE_COLUMNS, place_conditions, regrouped
from projections.register import open_on, place_on
from projections.views import Views

GROUPINGS = LEVELS


def by_code_point(conn: Connection, column):
    """Names ordered by code point, the same on every store and in every locale (and, on
    PostgreSQL, a byte comparison rather than the locale's, which is slower)."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def _open_shelf_outlets(views: Views, day: date) -> list[Any]:
    """Conditions on the outlets table: shelf outlets open on ``day``."""
    o = views.register.t.outlets
    return [o.c.kind.in_(SHELF_KINDS), open_on(views.register.t, day)]


def outlets_placed_on(views: Views, day: date, place: PlaceFilter | None) -> tuple[Any, Any]:
    """(outlets joined with the place each was at on ``day``, that place's table), and the
    conditions: shelf outlets open on ``day`` whose place then is in the place asked for (its
    unit's group, by code: projections/places.py place_conditions). An outlet moved since is
    counted where it was on the day (its place periods: projections/register_edits.py)."""
    o = views.register.t.outlets
    p, in_force = place_on(views.register.t, "outlet", o.c.id, day)
    return o.join(p, in_force), p, [*_open_shelf_outlets(views, day), *place_conditions(p, place)]


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
    place: PlaceFilter | None,
    outlets: bool = True,
) -> list[tuple]:
    """In one statement: (0, total, selling, ..., province, district, commune, status, codes
    and units set) per recorded place (one group if ``by`` is None; the place NULL), then (1,
    0, 0, outlet id, name, kind, province, district, commune, status, NULLs) of each outlet not
    selling, by name (unless ``outlets`` is False). Outlets that sell are only counted; the
    places are put into the groups asked for afterwards (projections/places.py regrouped).
    Each outlet's place is the one in force on ``day``, not its place now."""
    o = views.register.t.outlets
    placed, p, conditions = outlets_placed_on(views, day, place)
    # PostgreSQL turns a uuid into text faster than Python does.
    outlet_id = cast(o.c.id, String) if conn.dialect.name == "postgresql" else o.c.id
    r = (
        select(
            outlet_id.label("id"),
            by_code_point(conn, o.c.name).label("name"),
            o.c.kind,
            p.c.province,
            p.c.district,
            p.c.commune,
            _status_on_day(views, o, day).label("status"),
            *[p.c[column] for column in PLACE_COLUMNS],
        )
        .select_from(placed)
        .where(*conditions)
        .cte("per_outlet")
    )
    none = lambda column: null().cast(column.type).label(column.name)
    grouped = (*LEVELS, *PLACE_COLUMNS) if by else ()
    groups = select(
        literal(0).label("part"),
        func.count().label("total"),
        func.coalesce(func.sum(case((r.c.status == "", 1), else_=0)), 0).label("selling"),
        *[none(r.c[name]) for name in ("id", "name", "kind")],
        *[r.c[level] if level in grouped else none(r.c[level]) for level in LEVELS],
        none(r.c.status),
        *[r.c[column] if column in grouped else none(r.c[column]) for column in PLACE_COLUMNS],
    ).group_by(*[r.c[column] for column in grouped])
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
        *[none(r.c[column]) for column in PLACE_COLUMNS],
    ).where(or_(r.c.status.is_(None), r.c.status != ""))
    query = union_all(groups, not_selling).order_by(
        literal_column("part"), literal_column("name"), literal_column("id")
    )
    return list(conn.execute(query))


def share(selling: int, total: int) -> float | None:
    return round(selling / total, 4) if total else None  # no outlets: no ratio, not 100%


def coverage(
    conn: Connection,
    views: Views,
    day: date,
    by: str | None = None,
    places: dict[str, str] | None = None,
    units: str | None = None,
) -> dict[str, Any]:
    """The contract's answer for GET /coverage; groups ``by`` a level of ``units`` (default:
    the units in force on ``day``; districts are always the old ones); ``places`` as typed,
    read in the same units (marketplace/places/filters.py), and echoed as ``place``."""
    place = place_filter(places, units, day)
    totals, not_selling = [], []
    for row in coverage_rows(conn, views, day, by, place):
        part, total, selling, oid, name, kind, province, district, commune, status = row[:10]
        if part == 0:
            totals.append((row._mapping, (total, selling)))
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
    total = sum(t for _, (t, _) in totals)
    selling = sum(s for _, (_, s) in totals)
    answer: dict[str, Any] = {
        "as_of": day.isoformat(),
        "total": total,
        "selling": selling,
        "ratio": share(selling, total),
        "not_selling": not_selling,
    }
    if place:
        answer["place"] = place.described()
    if by:
        how = grouping(by, units, day)
        answer["grouping"] = how.described()
        answer["groups"] = _groups(how, totals)
    return answer


def _groups(how: Grouping, totals: list[tuple[Any, tuple[int, int]]]) -> list[dict[str, Any]]:
    """The answer's groups from each recorded place's (total, selling), each with its key and
    the names and codes that identify it, in Vietnamese order of province, district, commune."""
    return [
        {**group, "total": t, "selling": s, "ratio": share(s, t)}
        for group, (t, s) in regrouped(how, totals)
    ]


def coverage_counts(
    conn: Connection, views: Views, day: date, place: PlaceFilter | None = None
) -> tuple[int, int]:
    """Only (total, selling) of the coverage answer, counted in SQL: no outlet is listed."""
    rows = coverage_rows(conn, views, day, None, place, outlets=False)
    return (rows[0][1], rows[0][2]) if rows else (0, 0)


def coverage_ratio(
    conn: Connection, views: Views, day: date, place: PlaceFilter | None = None
) -> float | None:
    """Only the ratio of the coverage answer (for the plan targets)."""
    total, selling = coverage_counts(conn, views, day, place)
    return share(selling, total)
