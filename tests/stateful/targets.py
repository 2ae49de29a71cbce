"""Plan targets of a province and year as the reference measures them (reading in reports.py)."""

from datetime import date
from typing import Any

from tests.stateful.facts import Product
from tests.stateful.reference import Reference
from tests.stateful.reports import HOUSEHOLD, MODERN_CHANNELS, coverage, in_place, open_on, ratio


def measured_on(year: int, today: date) -> date:
    """Figures are taken on 31 December, or today for the current year."""
    return min(date(year, 12, 31), today)


def _products_of(ref: Reference, province: str, day: date) -> list[Product]:
    """The products of producers in the province, read on ``day`` (the day measured)."""
    typed = {"province": province}
    return [p for p in ref.products.values() if in_place(ref, p.producer_id, typed, day)]


def _first_certified(product: Product) -> date | None:
    days = [e.certified_on for e in product.evaluations if e.stars >= 3]
    return min(days) if days else None


def t4(ref: Reference, province: str, start: date, day: date) -> int:
    """Products of the province first rated 3 stars or more between ``start`` and ``day``."""
    firsts = [_first_certified(p) for p in _products_of(ref, province, day)]
    return sum(1 for first in firsts if first is not None and start <= first <= day)


def products_on_register(ref: Reference, day: date) -> set[str]:
    """Products recorded by ``day``, or with something dated by then recorded about them."""
    dated = {
        p.id
        for p in ref.products.values()
        if p.registered_on <= day
        or any(e.certified_on <= day for e in p.evaluations)
        or any(n <= day for n in p.nominations)
    }
    dated |= {
        product_id
        for o in ref.outlets.values()
        for product_id, periods in o.periods.items()
        if any(start <= day for start, _ in periods)
    }
    return dated | {s.product_id for s in ref.showings if s.day <= day}


def producers_on_register(ref: Reference, day: date) -> set[str]:
    """Producers recorded by ``day``, with a product on the register, or supported by then."""
    return (
        {p.id for p in ref.producers.values() if p.registered_on <= day}
        | {ref.products[p].producer_id for p in products_on_register(ref, day)}
        | {producer for producer, given_on in ref.design_support if given_on <= day}
    )


def targets(ref: Reference, province: str, year: int, since: date | None) -> dict[str, Any]:
    """{target id: value} and the detail counts the answer must agree with."""
    day = measured_on(year, ref.today)
    products = _products_of(ref, province, day)
    typed = {"province": province}
    on_register = products_on_register(ref, day)
    registered = [p for p in products if p.id in on_register]
    known = producers_on_register(ref, day)
    producers = [
        p for p in ref.producers.values() if p.id in known and in_place(ref, p.id, typed, day)
    ]
    modern = {
        ref.products[product_id].producer_id
        for o in ref.outlets.values()
        if o.kind in MODERN_CHANNELS and open_on(o, day)
        for product_id in o.listed_on(day)
    }
    shown = {s.product_id for s in ref.showings if s.day <= day}
    valid = [p for p in products if p.status_on(day) == "valid"]
    nominations = sum(1 for p in products for d in p.nominations if date(year, 1, 1) <= d <= day)
    waiting = [p for p in products if _waiting(p, day)]
    outlets = [o for o in ref.outlets.values() if in_place(ref, o.id, typed, day)]
    organised = [p for p in producers if p.kind != HOUSEHOLD]
    in_modern = [p for p in producers if p.id in modern]
    return {
        "T1": coverage(ref, day, place=typed)["ratio"],
        "T2": sum(
            1
            for o in outlets
            if o.kind == "ocop_point" and o.opened_on.year == year and o.opened_on <= day
        ),
        "T3": sum(1 for o in outlets if o.kind == "design_centre" and open_on(o, day)),
        "T4": t4(ref, province, date(year, 1, 1), day),
        "T4.cumulative": t4(ref, province, since, day) if since else None,
        "T5": ratio(nominations, len(valid)),
        "T6": ratio(len(in_modern), len(producers)),
        "T6.producers": len(producers),
        "T7": ratio(sum(1 for p in registered if p.id in shown), len(registered)),
        "T7.products": len(registered),
        "T8": ratio(len(organised), len(producers)),
        "T9": len(waiting),
    }


def _waiting(product: Product, day: date) -> bool:
    """T9: the evaluation in force is a certificate that lapsed without a re-evaluation."""
    return product.status_on(day) == "expired"
