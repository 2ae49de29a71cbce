"""An independent count of T1 coverage straight from the raw event log, for checking the view.

It shares no code with the projections: it replays every outlet's events in memory, keeps
only what happened on or before the day, and asks the Product aggregates for certificates.
"""

from collections import defaultdict
from datetime import date

from domain.values import local_day

SHELF_KINDS = ("supermarket", "commercial_centre")
MOVEMENT_TIME = {
    "StockReceived": "received_at",
    "TransferReceived": "received_at",
    "Sold": "sold_at",
    "TransferredOut": "sent_at",
    "StockCounted": "counted_at",
    "WrittenOff": "written_off_at",
}


def _movements(event) -> list[tuple]:
    kind = type(event).__name__
    if kind == "StockReceived":
        return [(line.product_id, line.qty) for line in event.lines]
    if kind == "TransferReceived":
        return [(take.product_id, take.qty) for take in event.lines]
    if kind in ("Sold", "TransferredOut"):
        return [(take.product_id, -take.qty) for take in event.lines]
    if kind == "StockCounted":
        return [(event.product_id, event.delta)]
    if kind == "WrittenOff":
        return [(event.product_id, -event.take.qty)]
    return []


def replayed_coverage(app, day: date) -> dict[str, dict]:
    """{outlet id: {"district", "reason" (None if selling)}} for the shelf outlets open on ``day``."""
    outlets: dict = {}
    listed: dict = defaultdict(dict)
    stock: dict = defaultdict(lambda: defaultdict(int))
    for notification in app.recorder.select_notifications(start=None, limit=10_000_000):
        if not notification.topic.startswith("domain.outlet:"):
            continue
        event = app.mapper.to_domain_event(notification)
        kind, oid = type(event).__name__, event.originator_id
        if kind == "Opened":
            outlets[oid] = {
                "kind": event.kind,
                "district": event.place.district,
                "opened_on": event.opened_on,
                "closed_on": None,
            }
        elif kind == "Closed":
            outlets[oid]["closed_on"] = event.closed_on
        elif kind == "ProductListed" and event.listed_on <= day:
            listed[oid][event.product_id] = True
        elif kind == "ProductDelisted" and event.delisted_on <= day:
            listed[oid].pop(event.product_id, None)
        elif kind in MOVEMENT_TIME and local_day(getattr(event, MOVEMENT_TIME[kind])) <= day:
            for product_id, delta in _movements(event):
                stock[oid][product_id] += delta
    answer = {}
    for oid, outlet in outlets.items():
        closed = outlet["closed_on"]
        if (
            outlet["kind"] in SHELF_KINDS
            and outlet["opened_on"] <= day
            and (closed is None or closed > day)
        ):
            answer[oid] = {
                "district": outlet["district"],
                "reason": _reason(app, day, listed[oid], stock[oid]),
            }
    return answer


def _reason(app, day: date, listed: dict, stock: dict) -> str | None:
    if not listed:
        return "not_listed"
    statuses = []
    for product_id in listed:
        certificate = app.repository.get(product_id).certificate_on(day)
        statuses.append(
            (certificate.status if certificate else "not_certified", stock[product_id] > 0)
        )
    if any(status == "valid" and in_stock for status, in_stock in statuses):
        return None
    for status, reason in (
        ("valid", "no_stock"),
        ("expired", "certificate_expired"),
        ("revoked", "certificate_revoked"),
    ):
        if any(s == status for s, _ in statuses):
            return reason
    return "not_certified"
