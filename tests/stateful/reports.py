"""The read models' answers as the reference computes them: coverage, sales, catalogue, targets.

Plain Python over the reference's state (``reference.py``), following DESIGN.md as amended by
issue 11. Where the brief leaves a choice, the reading taken is said here:
- Coverage on D (T1): denominator the supermarkets and commercial centres open on D (opened on
  or before D, not closed on or before D); numerator those with a product listed at the end of
  D holding a valid certificate on D and unexpired stock (expires_on null or >= D) on hand at the
  end of D (item 4). Reasons in the order not_listed, no_stock, certificate_expired,
  certificate_revoked, not_certified. Groups are keyed by the whole place in the units in force
  on D (issue 14; districts always the old ones, marketplace.places.grouping maps each recorded
  place): (province,) for provinces, (province, district) for districts, (province, district,
  commune) for old communes, (province, commune) for 2025 communes (item 2).
- Targets of year Y are measured on min(31 Dec Y, today) from what happened by then (item 5):
  producers and products count once their registration was recorded (Vietnam day of the event's
  timestamp) by that day; listings, showings, evaluations, nominations and revocations count by
  their business dates. T4 counts products of the province whose first 3+ star evaluation is
  dated in the year (and since the plan's start for the cumulative figure), T5 nominations dated
  in the year per product with a valid certificate, T6 registered producers with a product
  listed at the end of the day at a supermarket, commercial centre, convenience store or online
  outlet, T7 registered products shown at a design centre or a promotion by then, T8
  registered producers that are not household businesses, T9 products whose evaluation in
  force is a 3+ star certificate past its last valid day and not revoked.
- The catalogue's ``listed_at`` is where the product is listed now; ``in_stock_at`` where some
  of what is on hand now can be sold on the day asked (lots not expired on it).
- A place filter (issue 14) is read as one unit by the resolver the read models use
  (marketplace.places.filters), and a record is in it when its recorded place, grouped in the
  filter's units (group_of), is that unit: the definition, which the read models meet in SQL.
- Searching folds case and accents, "đ" matching "d" (item 12), over product and producer names,
  and matches a GTIN exactly.
"""

import unicodedata
from collections import defaultdict
from datetime import date
from typing import Any

from marketplace.places.filters import place_filter
from marketplace.places.grouping import group_of, grouping
from tests.stateful.facts import SHELF_KINDS, Outlet
from tests.stateful.reference import Reference

MODERN_CHANNELS = ("supermarket", "commercial_centre", "convenience_store", "online")
HOUSEHOLD = "household"
LEVELS = {"province": 1, "district": 2, "commune": 3}


def ratio(part: int, whole: int) -> float | None:
    """A share rounded to 4 places; nothing to measure gives no ratio (never 100%)."""
    return round(part / whole, 4) if whole else None


def open_on(outlet: Outlet, day: date) -> bool:
    return outlet.open_on(day)


def reason_not_selling(ref: Reference, outlet: Outlet, day: date) -> str | None:
    """None if the outlet sells OCOP products on ``day`` (the T1 numerator), else why not."""
    listed = outlet.listed_on(day)
    if not listed:
        return "not_listed"
    statuses = {p: ref.products[p].status_on(day) for p in listed}
    valid = [p for p, status in statuses.items() if status == "valid"]
    if any(outlet.sellable_on(p, day) > 0 for p in valid):
        return None
    if valid:
        return "no_stock"
    for status in ("expired", "revoked"):
        if status in statuses.values():
            return f"certificate_{status}"
    return "not_certified"


def place_group(
    ref: Reference, outlet_id: str, by: str, day: date, placed_on: date | None = None
) -> tuple:
    """The group of the place an outlet had on ``placed_on`` (default ``day``), in the reports'
    default grouping on ``day`` (the units then in force; districts the old ones): the names of
    the group's levels."""
    how = grouping(by, None, day)
    group = group_of(ref.place_on(outlet_id, placed_on or day), how)
    return tuple(group[level] for level in how.levels)


def in_place(
    ref: Reference, record_id: str, typed: dict, day: date, placed_on: date | None = None
) -> bool:
    """Whether the place a producer or outlet had on ``placed_on`` (default ``day``) is in the
    place a filter names (as typed, read in the units in force on ``day``)."""
    place = place_filter(typed, None, day)
    group = group_of(ref.place_on(record_id, placed_on or day), place.grouping)
    return group[f"{place.unit.level}_code"] == place.unit.code


def coverage(ref: Reference, day: date, by: str | None = None, place: dict | None = None):
    """{total, selling, ratio, groups: {place: (total, selling)}, not_selling: {id: reason}};
    of the outlets in ``place`` (a filter as typed) if given."""
    groups: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    not_selling = {}
    for outlet in ref.outlets.values():
        if outlet.kind not in SHELF_KINDS or not open_on(outlet, day):
            continue
        if place is not None and not in_place(ref, outlet.id, place, day):
            continue
        reason = reason_not_selling(ref, outlet, day)
        tally = groups[place_group(ref, outlet.id, by, day) if by else ()]
        tally[0] += 1
        tally[1] += reason is None
        if reason is not None:
            not_selling[outlet.id] = reason
    total = sum(t for t, _ in groups.values())
    selling = sum(s for _, s in groups.values())
    return {
        "total": total,
        "selling": selling,
        "ratio": ratio(selling, total),
        "groups": {key: tuple(tally) for key, tally in groups.items()},
        "not_selling": not_selling,
    }


def sales(ref: Reference, by: str) -> dict[Any, tuple[int, int, int]]:
    """{key: (net qty, net amount_vnd, number of sales)} grouped by day, product, outlet, or the
    outlet's place on the line's day (a tuple: (province,), (province, district), (province,
    district, commune)) in the units of today. Net: returns (their refunds, on the return's
    day) and voids taken off the gross sales."""
    rows: dict[Any, list] = defaultdict(lambda: [0, 0, set()])

    def row(outlet_id: str, day, product_id: str) -> list:
        key = {"day": day.isoformat(), "product": product_id, "outlet": outlet_id}
        if by in LEVELS:
            key[by] = place_group(ref, outlet_id, by, ref.today, placed_on=day)
        return rows[key[by]]

    for number, sale in enumerate(ref.sales):
        for product_id, qty, price in sale.lines:
            line = row(sale.outlet_id, sale.day, product_id)
            line[0] += qty
            line[1] += qty * price
            line[2].add(number)
    for c in ref.corrections:
        line = row(c.outlet_id, c.day, c.product_id)
        line[0] -= c.qty
        line[1] -= c.amount_vnd
    return {key: (q, a, len(s)) for key, (q, a, s) in rows.items()}


def fold(text: str) -> str:
    """Case- and accent-free, with "đ" as "d": the search rule of item 12."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search(ref: Reference, query: str) -> set[str]:
    """Product ids the catalogue must find for ``query``."""
    wanted = fold(query)
    return {
        p.id
        for p in ref.products.values()
        if wanted in fold(p.name)
        or wanted in fold(ref.producers[p.producer_id].name)
        or p.gtin == query
    }


def catalogue(ref: Reference, day: date) -> dict[str, dict[str, Any]]:
    """Per product: its certificate on ``day``, where it is listed and in stock now."""
    answer = {}
    for product in ref.products.values():
        answer[product.id] = {
            "certificate": product.certificate_on(day),
            "details": product.details_on(day),
            "listed_at": sorted(o.id for o in ref.outlets.values() if product.id in o.listed_now()),
            "in_stock_at": sorted(
                o.id
                for o in ref.outlets.values()
                if sum(
                    qty
                    for (_, expires), qty in o.on_hand().get(product.id, {}).items()
                    if expires is None or date.fromisoformat(expires) >= day
                )
                > 0
            ),
        }
    return answer
