"""The rules every recorded event must obey, checked against the reference's state before it.

Each check names the rule (DESIGN.md, or the item of issue 11) it holds the log to. An event
that breaks one means the application accepted a command it must refuse. Texts and products are
checked here, outlets' events in ``outlet_rules.py``; a checker is found by its name,
``<aggregate>_<Event>``.
"""

import unicodedata
from typing import Any

from tests.stateful import outlet_rules
from tests.stateful.facts import day_of, stars_for

ALLOWED_CONTROLS = "\t\n\r"


def check(ref: Any, record: dict[str, Any]) -> list[str]:
    """What the event breaks, given the state before it (empty if nothing)."""
    found = _texts(record["data"]) + _known_products(ref, record["data"])
    name = f"{record['aggregate_type'].lower()}_{record['type']}"
    checker = globals().get(name) or getattr(outlet_rules, name, None)
    if checker is not None:
        found += checker(ref, record["aggregate_id"], record["data"])
    if record["aggregate_type"] == "Outlet" and record["type"] != "Opened":
        found += outlet_rules.dates(ref, ref.outlets[record["aggregate_id"]], record)
    return found


def _texts(value: Any, path: str = "") -> list[str]:
    """Issue 11 §1: no text a person types holds a control character (tab and newline aside)."""
    if isinstance(value, str):
        bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS]
        return [f"{path or 'text'} holds control characters {bad!r}"] if bad else []
    if isinstance(value, dict):
        return [v for k, item in value.items() for v in _texts(item, f"{path}.{k}".strip("."))]
    if isinstance(value, list):
        return [v for i, item in enumerate(value) for v in _texts(item, f"{path}.{i}")]
    return []


def _known_products(ref: Any, value: Any) -> list[str]:
    """Every product an event names was registered (an unknown id is a 4xx, never recorded)."""
    if isinstance(value, list):
        return [v for item in value for v in _known_products(ref, item)]
    if not isinstance(value, dict):
        return []
    named = [value.get("product_id"), *value.get("product_ids", [])]
    found = [f"names unknown product {p}" for p in named if p and p not in ref.products]
    return found + [v for item in value.values() for v in _known_products(ref, item)]


def gs1_check_digit_ok(gtin: str) -> bool:
    """The GS1 check digit: weights 3 and 1 from the right, excluding the check digit."""
    digits = [int(c) for c in gtin]
    body = digits[:-1][::-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return (10 - total % 10) % 10 == digits[-1]


# Products -------------------------------------------------------------------------------


def product_Registered(ref, pid, data) -> list[str]:
    found = [] if data["producer_id"] in ref.producers else ["unknown producer"]
    gtin = data.get("gtin")
    if gtin is not None:
        if not (gtin.isdigit() and len(gtin) in (8, 12, 13, 14) and gs1_check_digit_ok(gtin)):
            found.append(f"item 8: GTIN {gtin} has a wrong GS1 check digit")
        if any(p.gtin == gtin for p in ref.products.values()):
            found.append(f"item 8: GTIN {gtin} is already used by another product")
    return found


def _correction(ref, record, data, current: dict) -> list[str]:
    """Issue 14: a correction changes something, each value it records differs from the one
    it replaces, and it is dated from the registration day (and the latest correction's) to
    today."""
    changes, day = data["changes"], day_of(data["changed_on"])
    found = [] if changes else ["a correction that changes nothing"]
    found += [f"{k} 'changed' to the value it had" for k, v in changes.items() if current[k] == v]
    if not record.registered_on <= day <= ref.today:
        found.append(f"a correction dated {day}, outside registration to today")
    return found


def producer_Corrected(ref, pid, data) -> list[str]:
    producer = ref.producers[pid]
    place = data["changes"].get("place")
    current = {"name": producer.name, "kind": producer.kind, "place": None}
    if place is not None:
        current["place"] = dict(zip(("province", "district", "commune"), producer.place))
    found = _correction(ref, producer, data, current)
    if producer.corrected_on and day_of(data["changed_on"]) < producer.corrected_on:
        found.append("a correction dated before the latest one")
    return found


def product_Corrected(ref, pid, data) -> list[str]:
    product = ref.products[pid]
    found = _correction(ref, product, data, product.details[-1][1])
    if day_of(data["changed_on"]) < product.details[-1][0]:
        found.append("a correction dated before the latest one")
    gtin = data["changes"].get("gtin")
    if gtin is not None and not gs1_check_digit_ok(gtin):
        found.append(f"item 8: GTIN {gtin} has a wrong GS1 check digit")
    if gtin is not None and any(p.gtin == gtin for p in ref.products.values() if p.id != pid):
        found.append(f"item 8: GTIN {gtin} corrected onto a second product")
    if data["changes"].get("price_vnd", 0) < 0:
        found.append("a negative list price")
    return found


def product_Evaluated(ref, pid, data) -> list[str]:
    product, day = ref.products[pid], day_of(data["certified_on"])
    found = []
    if data["stars"] != stars_for(data["score"]):
        found.append(f"a score of {data['score']} ranks {stars_for(data['score'])} stars")
    if day > ref.today:
        found.append("an evaluation dated in the future")
    if any(e.certified_on >= day for e in product.evaluations):
        found.append("a re-rating must be dated after the previous evaluation")
    if any(e.certificate_no == data["certificate_no"] for e in product.evaluations):
        found.append("a certificate number used twice for one product")
    return found


def product_CertificateRevoked(ref, pid, data) -> list[str]:
    day = day_of(data["revoked_on"])
    certificate = ref.products[pid].certificate_on(day)
    if certificate is None or certificate["status"] != "valid":
        return ["revoked a certificate that was not valid on the day"]
    if certificate["certificate_no"] != data["certificate_no"]:
        return ["revoked another certificate than the one in force"]
    return ["a revocation dated in the future"] if day > ref.today else []


def product_Nominated(ref, pid, data) -> list[str]:
    product, day = ref.products[pid], day_of(data["nominated_on"])
    certificate = product.certificate_on(day)
    found = []
    if certificate is None or certificate["status"] != "valid" or certificate["stars"] < 4:
        found.append("nominated without a valid 4-star certificate")
    if any(d.year == day.year for d in product.nominations):
        found.append("nominated twice in a year")
    return found


def user_UnboundFromOutlet(ref, uid, data) -> list[str]:
    bound = data["outlet_id"] in ref.users[uid].outlets
    return [] if bound else ["unbound from an outlet the user was not bound to"]


def user_BoundToOutlet(ref, uid, data) -> list[str]:
    bound = data["outlet_id"] in ref.users[uid].outlets
    return ["bound twice to one outlet"] if bound else []


def user_Disabled(ref, uid, data) -> list[str]:
    return ["disabled twice"] if ref.users[uid].disabled else []


def user_Enabled(ref, uid, data) -> list[str]:
    return [] if ref.users[uid].disabled else ["enabled a user who was not disabled"]
