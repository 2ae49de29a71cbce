"""An independent count of T1 coverage straight from the raw event log, for checking the view.

It shares no code with the projections: it replays every outlet's events in memory, keeps
only what happened on or before the day, and asks the Product aggregates for certificates.
Stock counts only in lots not expired on the day. A movement's units take the expiry its event
states; a count states none (its units are of the lot as it stands), nor did a line of an older
receipt into a lot with stock; a lot code that comes back after it was emptied is a new lot.
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
    "SaleReturned": "returned_at",
    "SaleVoided": "voided_at",
    "ReceiptReversed": "received_at",  # a reversed receipt counts as never received
    "ReturnedToSupplier": "returned_at",
}


def _movements(event) -> list[tuple]:
    """(product id, lot, units, expiry stated or None) of each lot an outlet event moves."""
    kind = type(event).__name__
    if kind == "StockReceived":
        return [(line.product_id, line.lot, line.qty, line.expires_on) for line in event.lines]
    if kind == "TransferReceived":
        return [
            (take.product_id, lot.lot, lot.qty, lot.expires_on)
            for take in event.lines
            for lot in take.lots
        ]
    if kind in ("Sold", "TransferredOut", "ReturnedToSupplier", "SaleVoided"):
        sign = 1 if kind == "SaleVoided" else -1
        return [
            (take.product_id, lot.lot, sign * lot.qty, lot.expires_on)
            for take in event.lines
            for lot in take.lots
        ]
    if kind == "SaleReturned":
        return [
            (line.product_id, lot.lot, lot.qty, lot.expires_on)
            for line in event.lines
            if line.restock
            for lot in line.lots
        ]
    if kind == "ReceiptReversed":
        return [(line.product_id, line.lot, -line.qty, line.expires_on) for line in event.lines]
    if kind == "StockCounted":
        return [(event.product_id, event.lot, event.delta, None)]
    if kind == "WrittenOff":
        return [(event.product_id, lot.lot, -lot.qty, lot.expires_on) for lot in event.take.lots]
    return []


def replayed_coverage(app, day: date) -> dict[str, dict]:
    """{outlet id: {"district", "reason" (None if selling)}} for the shelf outlets open on ``day``."""
    outlets: dict = {}
    listed: dict = defaultdict(dict)
    stock: dict = defaultdict(lambda: defaultdict(int))  # outlet → (product, lot, expiry) → units
    lots: dict = {}  # (outlet, product, lot) → [expiry, units on hand], in the order recorded
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
        elif kind in MOVEMENT_TIME:
            for product_id, lot, delta, expires_on in _movements(event):
                held = lots.setdefault((oid, product_id, lot), [None, 0])
                if expires_on is not None or (kind != "StockCounted" and held[1] <= 0):
                    held[0] = expires_on
                held[1] += delta
                if local_day(getattr(event, MOVEMENT_TIME[kind])) <= day:
                    stock[oid][product_id, lot, held[0]] += delta
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
                "reason": _reason(app, day, listed[oid], _sellable(stock[oid], day)),
            }
    return answer


def _sellable(stock: dict, day: date) -> dict:
    """{product id: units on hand at the end of ``day`` in lots not expired on it}."""
    sellable: dict = defaultdict(int)
    for (product_id, _lot, expires_on), units in stock.items():
        if expires_on is None or expires_on >= day:
            sellable[product_id] += units
    return sellable


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
