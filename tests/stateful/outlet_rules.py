"""The rules of the outlets' events: dated on open days, stock never short on any day, no
expired unit sold, listings that do not overlap, closing only when empty (issue 11 items 1, 3,
6, 7, 9). Checked against the reference's state before the event (see ``rules.py``)."""

from collections import defaultdict
from datetime import date, datetime

from tests.stateful.facts import SHELF_KINDS, Outlet, day_of, local_day

MOVEMENT_TIMES = {
    "StockReceived": "received_at",
    "TransferReceived": "received_at",
    "Sold": "sold_at",
    "TransferredOut": "sent_at",
    "StockCounted": "counted_at",
    "WrittenOff": "written_off_at",
    "SaleReturned": "returned_at",
    "SaleVoided": "voided_at",
    "ReceiptReversed": "reversed_at",
    "ReturnedToSupplier": "returned_at",
}
OUTLET_DAYS = {
    "ProductListed": "listed_on",
    "ProductDelisted": "delisted_on",
    "ProductShowcased": "showcased_on",
    "PromotionHeld": "held_on",
    "DesignSupportGiven": "given_on",
}
OUTLET_MOMENTS = {"TransferDispatched": "sent_at"}  # dated, though it moves no stock


def dates(ref, outlet: Outlet, record: dict) -> list[str]:
    """Every outlet record is dated on a day the outlet is open, and not in the future."""
    kind, data = record["type"], record["data"]
    if kind in MOVEMENT_TIMES or kind in OUTLET_MOMENTS:
        day = local_day(data[(MOVEMENT_TIMES | OUTLET_MOMENTS)[kind]])
    elif kind in OUTLET_DAYS:
        day = day_of(data[OUTLET_DAYS[kind]])
    else:
        return []
    found = ["item 3: dated in the future"] if day > ref.today else []
    if day < outlet.opened_on:
        found.append(f"dated {day}, before the outlet opened on {outlet.opened_on}")
    if outlet.closed_on is not None:
        found.append(f"recorded at an outlet closed on {outlet.closed_on}")
    found += [f"dated {day}, closed from {c} to {r}" for c, r in outlet.closures if c <= day < r]
    return found


def outlet_Corrected(ref, oid, data) -> list[str]:
    """Issue 14: an outlet's name or place, each different from the one it replaces, dated
    from its opening (and its latest correction's day) to today; never its kind."""
    outlet, changes, day = ref.outlets[oid], data["changes"], day_of(data["changed_on"])
    current = {
        "name": outlet.name,
        "place": dict(zip(("province", "district", "commune"), outlet.place)),
    }
    found = [] if changes else ["a correction that changes nothing"]
    found += [f"{k} corrected, which never changes" for k in changes if k not in current]
    for name, value in changes.items():
        if (
            name == "place"
            and (value["province"], value.get("district"), value["commune"]) == outlet.place
        ):
            found.append("place 'changed' to the one it had")
        elif name == "name" and value == outlet.name:
            found.append("name 'changed' to the one it had")
    if not outlet.opened_on <= day <= ref.today:
        found.append(f"a correction dated {day}, outside opening to today")
    if outlet.corrected_on and day < outlet.corrected_on:
        found.append("a correction dated before the latest one")
    return found


def outlet_Closed(ref, oid, data) -> list[str]:
    outlet, day = ref.outlets[oid], day_of(data["closed_on"])
    found = []
    left = {p: sum(lots.values()) for p, lots in outlet.on_hand().items()}
    if any(left.values()):
        found.append(f"item 6: closed while stock remains {left}")
    if day < outlet.opened_on or day > ref.today:
        found.append(f"closed on {day}: before opening or in the future")
    if outlet.closed_on is not None:
        found.append("closed twice")
    if outlet.movements and day < max(m.day for m in outlet.movements):
        found.append("item 6: closed before its latest movement")
    if outlet.incoming:
        found.append(f"closed with transfers in transit to it: {sorted(outlet.incoming)}")
    return found


def outlet_Reopened(ref, oid, data) -> list[str]:
    outlet, day = ref.outlets[oid], day_of(data["reopened_on"])
    found = [] if outlet.closed_on is not None else ["reopened an open outlet"]
    if outlet.closed_on is not None and (
        day < outlet.closed_on or day_of(data["closed_on"]) != outlet.closed_on
    ):
        found.append(f"reopened on {day}, closed on {outlet.closed_on}")
    if day > ref.today:
        found.append("reopened in the future")
    return found


def outlet_ThresholdSet(ref, oid, data) -> list[str]:
    outlet, product = ref.outlets[oid], data["product_id"]
    known = (
        product in outlet.stock or product in outlet.listed_now() or product in outlet.thresholds
    )
    found = [] if known else [f"threshold for {product}, neither stocked nor listed"]
    if data["low_stock_threshold"] < 0:
        found.append("a negative threshold")
    return found


def outlet_TransferDispatched(ref, oid, data) -> list[str]:
    """Sent to this outlet: a supermarket or centre lists every product; not to itself."""
    outlet = ref.outlets[oid]
    found = [] if data["from_outlet_id"] != oid else ["a transfer to itself"]
    if outlet.kind in SHELF_KINDS:
        listed = outlet.listed_now()
        found += [
            f"sent {take['product_id']} to a {outlet.kind} that does not list it"
            for take in data["lines"]
            if take["product_id"] not in listed
        ]
    return found


def _units(takes: list[dict]) -> dict:
    units: dict = defaultdict(int)
    for take in takes:
        for part in take["lots"]:
            units[(take["product_id"], part["lot"])] += part["qty"]
    return units


def _received_as_sent(ref, oid, data) -> list[str]:
    """A transfer sent in transit is received once, after it was sent, and what arrived and
    what was lost add up to what was sent, lot by lot; a shelf lists what it takes in."""
    outlet, tid = ref.outlets[oid], data["transfer_id"]
    if tid in outlet.received:
        return [f"transfer {tid} received twice"]
    sent = outlet.incoming.get(tid)
    if sent is None:
        return [] if not data.get("lost") else [f"transfer {tid} received but never sent here"]
    day, found = local_day(data["received_at"]), []
    if datetime.fromisoformat(data["received_at"]) < datetime.fromisoformat(sent["sent_at"]):
        found.append(f"received on {day}, before it was sent")
    arrived = _units(data["lines"])
    for key, qty in _units(data.get("lost") or []).items():
        arrived[key] += qty
    if dict(arrived) != dict(_units(sent["lines"])):
        found.append(f"received and lost {dict(arrived)} of what was sent {_units(sent['lines'])}")
    if outlet.kind in SHELF_KINDS:
        found += [
            f"took in {take['product_id']}, not listed on {day}"
            for take in data["lines"]
            if not any(
                start <= day and (end is None or end >= day)
                for start, end in outlet.periods.get(take["product_id"], [])
            )
        ]
    return found


def outlet_ProductListed(ref, oid, data) -> list[str]:
    periods = ref.outlets[oid].periods.get(data["product_id"], [])
    day = day_of(data["listed_on"])
    if data["product_id"] not in ref.products:
        return ["listed an unknown product"]
    if periods and periods[-1][1] is None:
        return ["listed twice"]
    if periods and day < periods[-1][1]:
        return [f"item 7: relisted on {day}, before the delisting on {periods[-1][1]}"]
    return []


def outlet_ProductDelisted(ref, oid, data) -> list[str]:
    outlet = ref.outlets[oid]
    periods, day = outlet.periods.get(data["product_id"], []), day_of(data["delisted_on"])
    if not periods or periods[-1][1] is not None:
        return ["delisted a product that is not listed"]
    if day < periods[-1][0]:
        return ["delisted before it was listed"]
    later = [
        s.day
        for s in ref.sales
        if s.outlet_id == oid
        and s.day > day
        and any(line[0] == data["product_id"] for line in s.lines)
    ]
    if outlet.kind in SHELF_KINDS and later:
        return [f"item 3: delisted on {day}, before its sale on {max(later)}"]
    return []


def outlet_StockReceived(ref, oid, data) -> list[str]:
    day = local_day(data["received_at"])
    return [
        f"item 1: received lot {line['lot']!r} already expired on {line['expires_on']}"
        for line in data["lines"]
        if line.get("expires_on") and day_of(line["expires_on"]) < day
    ]


def outlet_TransferReceived(ref, oid, data) -> list[str]:
    day = local_day(data["received_at"])
    return [
        f"item 1: took in an expired lot {part['lot']!r} ({part['expires_on']})"
        for take in data["lines"]
        for part in take["lots"]
        if part.get("expires_on") and day_of(part["expires_on"]) < day
    ] + _received_as_sent(ref, oid, data)


def _takes(ref, oid: str, takes: list[dict], day: date, sellable: bool) -> list[str]:
    """Takes come from lots held on the day (end-of-day balance never below 0 from then on),
    add up to the line, and, for a sale or a transfer, from lots not expired on the day."""
    found, outlet = [], ref.outlets[oid]
    pending: dict = defaultdict(int)
    for take in takes:
        if sum(part["qty"] for part in take["lots"]) != take["qty"]:
            found.append(f"lots do not add up to the line's {take['qty']}")
        for part in take["lots"]:
            key = (take["product_id"], (part["lot"], part.get("expires_on")))
            pending[key] += part["qty"]
            expires = day_of(part.get("expires_on"))
            if sellable and expires is not None and expires < day:
                found.append(f"item 1/4: took lot {part['lot']!r} expired on {expires} on {day}")
    for (product_id, lot), qty in pending.items():
        found += _balance_stays_whole(outlet, product_id, lot, day, qty)
    return found


def _balance_stays_whole(outlet: Outlet, product_id: str, lot, day: date, qty: int) -> list[str]:
    """Issue 11 item 3: taking ``qty`` on ``day`` leaves every end-of-day balance >= 0."""
    deltas: dict[date, int] = defaultdict(int)
    for m in outlet.movements:
        if m.product_id == product_id and m.lot == lot:
            deltas[m.day] += m.delta
    deltas[day] -= qty
    balance = 0
    for d in sorted(deltas):
        balance += deltas[d]
        if balance < 0:
            return [f"item 3: lot {lot} of {product_id} would be {balance} at the end of {d}"]
    return []


def outlet_Sold(ref, oid, data) -> list[str]:
    outlet, day = ref.outlets[oid], local_day(data["sold_at"])
    found = _takes(ref, oid, data["lines"], day, sellable=True)
    total = sum(line["qty"] * line["unit_price_vnd"] for line in data["lines"])
    paid = data.get("paid_vnd")  # absent on a sale recorded before it was kept
    if paid is not None and (not isinstance(paid, int) or paid < total):
        found.append(f"a sale of {total} VND recorded as paid {paid!r}")
    if outlet.kind in SHELF_KINDS:
        for line in data["lines"]:
            periods = outlet.periods.get(line["product_id"], [])
            if not any(s <= day and (e is None or e >= day) for s, e in periods):
                found.append(f"item 3: sold {line['product_id']} on {day}, not listed that day")
    return found


def outlet_TransferredOut(ref, oid, data) -> list[str]:
    found = _takes(ref, oid, data["lines"], local_day(data["sent_at"]), sellable=True)
    if data["to_outlet_id"] == oid or data["to_outlet_id"] not in ref.outlets:
        found.append("a transfer to itself or to an unknown outlet")
    return found


def outlet_WrittenOff(ref, oid, data) -> list[str]:
    day = local_day(data["written_off_at"])
    found = _takes(ref, oid, [data["take"]], day, sellable=False)
    if data["reason"] == "expired":
        for part in data["take"]["lots"]:
            expires = day_of(part.get("expires_on"))
            if expires is None or expires >= day:
                found.append(f"item 9: wrote off as expired lot {part['lot']!r} valid on {day}")
    return found


def outlet_StockCounted(ref, oid, data) -> list[str]:
    outlet, day = ref.outlets[oid], local_day(data["counted_at"])
    lot = ref.counted_lot(oid, data)
    before = outlet.lots_on(data["product_id"], day).get(lot, 0)
    found = []
    if data["counted"] < 0 or data["delta"] != data["counted"] - before:
        found.append(
            f"counted {data['counted']} of lot {lot} on {day} where {before} were on hand, "
            f"but booked {data['delta']}"
        )
    if data["delta"] < 0:
        found += _balance_stays_whole(outlet, data["product_id"], lot, day, -data["delta"])
    return found


def outlet_ProductShowcased(ref, oid, data) -> list[str]:
    return [] if ref.outlets[oid].kind == "design_centre" else ["showcased outside a design centre"]


def outlet_DesignSupportGiven(ref, oid, data) -> list[str]:
    return [] if ref.outlets[oid].kind == "design_centre" else ["design support elsewhere"]


# Corrections (issue 14) ------------------------------------------------------------------


def outlet_SaleReturned(ref, oid, data) -> list[str]:
    sale = ref.sales_by_id.get(data["sale_id"])
    if sale is None or sale.outlet_id != oid:
        return ["returned a sale not made at this outlet"]
    found = ["returned a voided sale"] if sale.voided else []
    if local_day(data["returned_at"]) < sale.day:
        found.append("returned before the sale")
    asked: dict = defaultdict(int)
    for line in data["lines"]:
        sold = sum(q for p, q, _ in sale.lines if p == line["product_id"])
        paid = sale.paid_for(line["product_id"], asked[line["product_id"]] + line["qty"])
        paid -= sale.paid_for(line["product_id"], asked[line["product_id"]])
        asked[line["product_id"]] += line["qty"]
        if sale.returned[line["product_id"]] + asked[line["product_id"]] > sold:
            found.append(f"returned more of {line['product_id']} than sold less returned")
        if not 0 <= line["refund_vnd"] <= paid:
            found.append(f"refunded {line['refund_vnd']} for units paid {paid}")
    return found


def outlet_SaleVoided(ref, oid, data) -> list[str]:
    sale = ref.sales_by_id.get(data["sale_id"])
    if sale is None or sale.outlet_id != oid:
        return ["voided a sale not made at this outlet"]
    found = ["voided twice"] if sale.voided else []
    if any(sale.returned.values()):
        found.append("voided a sale with returns")
    if local_day(data["voided_at"]) != sale.day:
        found.append(f"voided on {local_day(data['voided_at'])} a sale of {sale.day}")
    return found


def outlet_ReceiptReversed(ref, oid, data) -> list[str]:
    receipt = ref.receipts.get(data["receipt_id"])
    if receipt is None or receipt.outlet_id != oid:
        return ["reversed a receipt not made at this outlet"]
    if receipt.reversed:
        return ["reversed twice"]
    pending: dict = defaultdict(int)
    for product_id, lot, qty in receipt.lines:
        pending[(product_id, lot)] += qty
    outlet = ref.outlets[oid]
    return [
        v
        for (product_id, lot), qty in pending.items()
        for v in _balance_stays_whole(outlet, product_id, lot, receipt.day, qty)
    ]


def outlet_ReturnedToSupplier(ref, oid, data) -> list[str]:
    found = _takes(ref, oid, data["lines"], local_day(data["returned_at"]), sellable=False)
    for take in data["lines"]:
        product = ref.products.get(take["product_id"])
        if product is None or product.producer_id != data["producer_id"]:
            found.append(f"returned {take['product_id']} to a producer not its own")
    return found
