"""Plan targets T1–T9 for a province and year, measured from the read models on the year's
last day (or today, for the current year), each with its target and a status.

Every figure for year Y counts only what had happened by its day: business dates decide
(opened_on, closed_on, listed_on, shown_on, certified_on, revoked_on, nominated_on, and a
re-evaluation's date for a certificate waiting on it), and who and what was on the register
then follows projections/queries/on_register.py.

The province is read as a place filter (marketplace/places/filters.py) in the units asked, by
default those in force on the day measured: a record counts when its place, grouped in those
units, is the province (2025's Gia Lai holds the old Bình Định). Its plan is found by code
(projections/queries/plans.py plan_for); per-district targets group by the old districts, as
the 2021–2025 plans speak of them.
"""

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, true

from domain.certificate import CERTIFIED_MIN_STARS
from marketplace.places.filters import PlaceFilter, place_filter
from marketplace.places.grouping import Grouping, group_of
from projections.places import LEVELS, PLACE_COLUMNS, place_conditions, sort_key
from projections.queries.coverage import coverage_ratio
from projections.queries.on_register import producers_on_register, products_on_register
from projections.queries.plans import Plan, load_plans, plan_for
from projections.register import in_force_on, open_on, place_on
from projections.views import Views

DISTRICTS = Grouping("district", "legacy")
"""The plans (2021–2025) set their per-district targets for the districts before the reform."""
MODERN_CHANNELS = ("supermarket", "commercial_centre", "convenience_store", "online")
ORGANISED_KINDS = ("cooperative_group", "cooperative", "enterprise")
TITLES = {
    "T1": "Supermarkets and commercial centres selling OCOP products",
    "T2": "New OCOP sales points per district in the year",
    "T3": "Open creative design centres per district",
    "T4": "Products newly rated 3 stars or more",
    "T5": "Potential 5-star nominations per certified product",
    "T6": "Producers selling through modern channels",
    "T7": "Products shown at a design centre or promotion event",
    "T8": "Producers that are cooperative groups, cooperatives or enterprises",
    "T9": "Expired certificates waiting for re-evaluation",
}


def status(value: float | None, target: float | None, at_most: bool = False) -> str:
    """met / behind, or no_data when there is no target or nothing to measure."""
    if value is None or target is None:
        return "no_data"
    return "met" if (value <= target if at_most else value >= target) else "behind"


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def targets(
    conn: Connection,
    views: Views,
    province: str,
    year: int,
    today: date,
    plans: dict[str, Plan] | None = None,
    units: str | None = None,
) -> dict[str, Any]:
    """Every target of the province's plan for the year, measured; ``province`` as typed (a
    name or code), read in ``units`` (default: those in force on the day measured)."""
    day = min(date(year, 12, 31), today)
    asked = place_filter({"province": province}, units, day)
    plan = plan_for(plans if plans is not None else load_plans(), asked.unit)
    goal = plan.targets_for(year) if plan else {}
    measures = [
        _t1(conn, views, asked, day, goal),
        _t2(conn, views, asked, year, day, goal),
        _t3(conn, views, asked, day, goal),
        _t4(conn, views, asked, year, day, goal, plan),
        _t5(conn, views, asked, year, day, goal),
        _t6(conn, views, asked, day, goal),
        _t7(conn, views, asked, day, goal),
        _t8(conn, views, asked, day, goal),
        _t9(conn, views, asked, day, goal),
    ]
    return {
        "province": asked.unit.short,
        "province_code": asked.unit.code,
        "grouping": asked.grouping.described(),
        "year": year,
        "as_of": day.isoformat(),
        "plan": plan.name if plan else None,
        "targets": measures,
    }


def _entry(tid: str, value: Any, target: Any, state: str, **detail: Any) -> dict[str, Any]:
    return {
        "id": tid,
        "title": TITLES[tid],
        "value": value,
        "target": target,
        "status": state,
        "detail": detail,
    }


def _share(tid: str, part: int, whole: int, goal: dict, **detail: Any) -> dict[str, Any]:
    """A target measured as a share (part of whole) against the plan's ratio."""
    ratio = _ratio(part, whole)
    return _entry(tid, ratio, goal.get(tid), status(ratio, goal.get(tid)), **detail)


def _t1(conn, views, province, day, goal):
    ratio = coverage_ratio(conn, views, day, province)
    return _entry("T1", ratio, goal.get("T1"), status(ratio, goal.get("T1")))


def _placed(table):
    """A table's place columns: names, codes and units set, as group_of reads them."""
    return [table.c[column] for column in (*LEVELS, *PLACE_COLUMNS)]


def _placed_on(views, kind: str, day: date, province: PlaceFilter):
    """(the outlets or producers joined with the place each had on ``day``, that place's
    table, the condition that it was in ``province`` then): a record moved since is measured
    where it was on the day measured (projections/register.py place_on)."""
    records = getattr(views.register.t, f"{kind}s")
    p, in_force = place_on(views.register.t, kind, records.c.id, day)
    return records.join(p, in_force), p, and_(true(), *place_conditions(p, province))


def _by_district(conn, query) -> Counter:
    """How many of the rows ``query`` finds (each with its place) are in each old district."""
    return Counter(group_of(row._mapping, DISTRICTS)["key"] for row in conn.execute(query))


def _districts(conn, views, province: PlaceFilter, day) -> list[dict]:
    """The province's old districts with an outlet opened or a producer on the register by
    ``day``, in Vietnamese order (a place whose district is not known is in none)."""
    o, pr = views.register.t.outlets, views.register.t.producers
    placed, op, in_province = _placed_on(views, "outlet", day, province)
    outlets = select(*_placed(op)).select_from(placed).where(in_province, o.c.opened_on <= day)
    placed, pp, in_province = _placed_on(views, "producer", day, province)
    producers = (
        select(*_placed(pp))
        .select_from(placed)
        .where(in_province, pr.c.id.in_(producers_on_register(views, day)))
    )
    groups = {}
    for query in (outlets, producers):
        for row in conn.execute(query.distinct()):
            group = group_of(row._mapping, DISTRICTS)
            if group["district_code"]:
                groups[group["key"]] = group
    return sorted(groups.values(), key=lambda group: sort_key("district", group))


def _per_district(
    conn, views, province, day, counts: dict, per_district, province_goal, tid, **detail
):
    districts = _districts(conn, views, province, day)
    rows = [{**group, "value": counts.get(group["key"], 0)} for group in districts]
    total = sum(counts.values())
    if per_district is None and province_goal is None or not districts:
        state = "no_data"
    else:
        ok = all(r["value"] >= per_district for r in rows) if per_district is not None else True
        ok = ok and (province_goal is None or total >= province_goal)
        state = "met" if ok else "behind"
    behind = [r["district"] for r in rows if per_district is not None and r["value"] < per_district]
    return _entry(
        tid,
        total,
        per_district,
        state,
        grouping=DISTRICTS.described(),
        by_district=rows,
        districts_behind=behind,
        province_target=province_goal,
        **detail,
    )


def _t2(conn, views, province, year, day, goal):
    o = views.register.t.outlets
    placed, p, in_province = _placed_on(views, "outlet", day, province)
    counts = _by_district(
        conn,
        select(*_placed(p))
        .select_from(placed)
        .where(
            in_province,
            o.c.kind == "ocop_point",
            o.c.opened_on >= date(year, 1, 1),
            o.c.opened_on <= date(year, 12, 31),
        ),
    )
    return _per_district(
        conn, views, province, day, counts, goal.get("T2"), goal.get("T2_province"), "T2"
    )


def _t3(conn, views, province, day, goal):
    o = views.register.t.outlets
    placed, p, in_province = _placed_on(views, "outlet", day, province)
    counts = _by_district(
        conn,
        select(*_placed(p))
        .select_from(placed)
        .where(
            in_province,
            o.c.kind == "design_centre",
            open_on(views.register.t, day),
        ),
    )
    return _per_district(
        conn, views, province, day, counts, goal.get("T3"), goal.get("T3_province"), "T3"
    )


def _province_products(views, province, day):
    """The products of producers that were in the province on ``day``."""
    p, pr = views.register.t.products, views.register.t.producers
    placed, _, in_province = _placed_on(views, "producer", day, province)
    return select(p.c.id).join(placed, pr.c.id == p.c.producer_id).where(in_province)


def _first_certified(conn, views, province, start: date, end: date) -> int:
    e = views.register.t.evaluations
    first = (
        select(e.c.product_id, func.min(e.c.certified_on).label("first_on"))
        .where(
            e.c.stars >= CERTIFIED_MIN_STARS,
            e.c.product_id.in_(_province_products(views, province, end)),
        )
        .group_by(e.c.product_id)
        .subquery()
    )
    return conn.execute(
        select(func.count())
        .select_from(first)
        .where(first.c.first_on >= start, first.c.first_on <= end)
    ).scalar()


def _t4(conn, views, province, year, day, goal, plan):
    in_year = _first_certified(conn, views, province, date(year, 1, 1), day)
    since = date(plan.from_year, 1, 1) if plan else date(year, 1, 1)
    cumulative = _first_certified(conn, views, province, since, day)
    return _entry(
        "T4",
        in_year,
        goal.get("T4"),
        status(in_year, goal.get("T4")),
        cumulative=cumulative,
        cumulative_target=goal.get("T4_cumulative"),
        cumulative_since=since.isoformat(),
    )


def _valid_certificates(views, province, day):
    e = views.register.t.evaluations
    return select(e.c.product_id).where(
        e.c.product_id.in_(_province_products(views, province, day)),
        e.c.stars >= CERTIFIED_MIN_STARS,
        in_force_on(e, day),
        e.c.valid_until >= day,
        or_(e.c.revoked_on.is_(None), e.c.revoked_on > day),
    )


def _t5(conn, views, province, year, day, goal):
    n = views.register.t.nominations
    nominated = conn.execute(
        select(func.count()).where(
            n.c.product_id.in_(_province_products(views, province, day)),
            n.c.nominated_on >= date(year, 1, 1),
            n.c.nominated_on <= day,
        )
    ).scalar()
    certified = conn.execute(
        select(func.count()).select_from(_valid_certificates(views, province, day).subquery())
    ).scalar()
    ratio = _ratio(nominated, certified)
    state = status(ratio, goal.get("T5"))
    if state == "met" and goal.get("T5_nominations") and nominated < goal["T5_nominations"]:
        state = "behind"
    return _entry(
        "T5",
        ratio,
        goal.get("T5"),
        state,
        nominations=nominated,
        certified_products=certified,
        nominations_target=goal.get("T5_nominations"),
    )


def _producer_count(conn, views, province, day, *conditions) -> int:
    """Producers of the province on the register on ``day`` that meet the conditions."""
    pr = views.register.t.producers
    on_register = pr.c.id.in_(producers_on_register(views, day))
    placed, _, in_province = _placed_on(views, "producer", day, province)
    return conn.execute(
        select(func.count()).select_from(placed).where(in_province, on_register, *conditions)
    ).scalar()


def _t6(conn, views, province, day, goal):
    reg, listing = views.register.t, views.shelves.t.listings
    modern = (
        select(reg.products.c.producer_id)
        .join(listing, listing.c.product_id == reg.products.c.id)
        .join(reg.outlets, reg.outlets.c.id == listing.c.outlet_id)
        .where(
            reg.outlets.c.kind.in_(MODERN_CHANNELS),
            open_on(reg, day),
            listing.c.listed_on <= day,
            or_(listing.c.delisted_on.is_(None), listing.c.delisted_on > day),
        )
    )
    selling = _producer_count(conn, views, province, day, reg.producers.c.id.in_(modern))
    total = _producer_count(conn, views, province, day)
    return _share("T6", selling, total, goal, producers=total, producers_in_modern_channels=selling)


def _t7(conn, views, province, day, goal):
    shown = views.programme.t.showings
    p = views.register.t.products
    products = (
        _province_products(views, province, day)
        .where(p.c.id.in_(products_on_register(views, day)))
        .subquery()
    )
    total = conn.execute(select(func.count()).select_from(products)).scalar()
    showcased = conn.execute(
        select(func.count(func.distinct(shown.c.product_id))).where(
            shown.c.product_id.in_(select(products.c.id)), shown.c.shown_on <= day
        )
    ).scalar()
    return _share("T7", showcased, total, goal, products=total, products_shown=showcased)


def _t8(conn, views, province, day, goal):
    pr = views.register.t.producers
    organised = _producer_count(conn, views, province, day, pr.c.kind.in_(ORGANISED_KINDS))
    total = _producer_count(conn, views, province, day)
    return _share("T8", organised, total, goal, producers=total, organised=organised)


def _t9(conn, views, province, day, goal):
    e = views.register.t.evaluations
    waiting = conn.execute(
        select(e.c.product_id, e.c.valid_until).where(
            e.c.product_id.in_(_province_products(views, province, day)),
            e.c.stars >= CERTIFIED_MIN_STARS,
            e.c.valid_until < day,
            or_(e.c.superseded_on.is_(None), e.c.superseded_on > day),  # not re-evaluated by then
            or_(e.c.revoked_on.is_(None), e.c.revoked_on > day),
        )
    ).all()
    days = [(day - row.valid_until).days for row in waiting]
    return _entry(
        "T9",
        len(waiting),
        goal.get("T9"),
        status(len(waiting), goal.get("T9"), at_most=True),
        longest_wait_days=max(days, default=None),
        average_wait_days=round(sum(days) / len(days), 1) if days else None,
    )
