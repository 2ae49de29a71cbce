"""The reference model: the marketplace's state recomputed in plain Python by replaying the log.

It reads the log exactly as an auditor gets it (the items of ``GET /api/v1/events``: plain JSON)
and shares no code with the application, the domain or the projections. Before each event is
applied, ``rules.py`` checks that the event obeys the rules of DESIGN.md and issue 11 against
the state so far; what it finds is kept in ``violations``. ``reports.py`` answers the read
models' questions from the state. The interpretations are written in ``facts.py``.
"""

from datetime import date
from typing import Any

from tests.stateful import rules
from tests.stateful.facts import (
    DETAILS,
    Account,
    Correction,
    Evaluation,
    LotKey,
    Movement,
    Outlet,
    Producer,
    Product,
    Receipt,
    Sale,
    Showing,
    day_of,
    local_day,
)

IGNORED_AGGREGATES = ()


def _place(data: dict[str, Any]) -> tuple[str, str | None, str]:
    place = data["place"]
    return (place["province"], place.get("district"), place["commune"])


class Reference:
    """Producers, products and outlets as the log says they are, and the rules it broke."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.position = 0
        self.producers: dict[str, Producer] = {}
        self.products: dict[str, Product] = {}
        self.outlets: dict[str, Outlet] = {}
        self.sales: list[Sale] = []
        self.sales_by_id: dict[str, Sale] = {}
        self.corrections: list[Correction] = []
        self.receipts: dict[str, Receipt] = {}
        self.showings: list[Showing] = []
        self.design_support: list[tuple[str, date]] = []  # (producer id, given on)
        self.violations: list[str] = []
        self.log: list[tuple[int, str | None, str, str]] = []  # (position, user, type, id)
        self.versions: dict[str, int] = {}
        self.users: dict[str, Account] = {}
        # outlet or producer id -> [(from day, place with codes)], the days in order
        self.recorded_places: dict[str, list[tuple[date, dict]]] = {}

    def apply(self, record: dict[str, Any]) -> None:
        """Check one event of the log against the rules, then apply it."""
        self.position = record["position"]
        kind = record["aggregate_type"]
        self.log.append(
            (record["position"], record["user"], record["type"], record["aggregate_id"])
        )
        self.versions[record["aggregate_id"]] = record["version"]
        if kind in IGNORED_AGGREGATES:
            return
        handler = getattr(self, f"_{kind.lower()}_{record['type']}", None)
        if handler is None:
            raise AssertionError(f"the reference does not know {kind}.{record['type']}: teach it")
        found = rules.check(self, record)
        self.violations += [
            f"event {record['position']} {kind}.{record['type']}: {v}" for v in found
        ]
        handler(record["aggregate_id"], record["data"], record)

    # Users ------------------------------------------------------------------------------

    def _user_Registered(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid] = Account(data["username"], data["role"], list(data["outlet_ids"]))

    def _user_BoundToOutlet(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].outlets.append(data["outlet_id"])

    def _user_UnboundFromOutlet(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].outlets.remove(data["outlet_id"])
        self.users[uid].generation += 1

    def _user_RoleChanged(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].role = data["role"]
        self.users[uid].generation += 1

    def _user_PasswordChanged(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].generation += 1

    def _user_Disabled(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].disabled = True
        self.users[uid].generation += 1

    def _user_Enabled(self, uid: str, data: dict, record: dict) -> None:
        self.users[uid].disabled = False

    def staff(self) -> list[str]:
        """Staff members' ids, in the order registered."""
        return [uid for uid, account in self.users.items() if account.role == "staff"]

    # Producers and products -------------------------------------------------------------

    def _producer_Registered(self, pid: str, data: dict, record: dict) -> None:
        self.producers[pid] = Producer(
            pid, data["name"], data["kind"], _place(data), local_day(record["timestamp"])
        )
        self.recorded_places[pid] = [(local_day(record["timestamp"]), data["place"])]

    def _producer_Corrected(self, pid: str, data: dict, record: dict) -> None:
        producer, changes = self.producers[pid], data["changes"]
        producer.name = changes.get("name", producer.name)
        producer.kind = changes.get("kind", producer.kind)
        if "place" in changes:
            producer.place = _place(changes)
            self._moved(pid, day_of(data["changed_on"]), changes["place"])
        producer.corrected_on = day_of(data["changed_on"])

    def _product_Registered(self, pid: str, data: dict, record: dict) -> None:
        self.products[pid] = Product(
            pid, data["producer_id"], data["name"], data.get("gtin"), local_day(record["timestamp"])
        )
        self.products[pid].details.append((date.min, {k: data.get(k) for k in DETAILS}))

    def _product_Corrected(self, pid: str, data: dict, record: dict) -> None:
        self.products[pid].correct(day_of(data["changed_on"]), data["changes"])

    def _product_Evaluated(self, pid: str, data: dict, record: dict) -> None:
        self.products[pid].evaluations.append(
            Evaluation(
                data["score"], data["stars"], day_of(data["certified_on"]), data["certificate_no"]
            )
        )

    def _product_CertificateRevoked(self, pid: str, data: dict, record: dict) -> None:
        self.products[pid].revoked[data["certificate_no"]] = day_of(data["revoked_on"])

    def _product_Nominated(self, pid: str, data: dict, record: dict) -> None:
        self.products[pid].nominations.append(day_of(data["nominated_on"]))

    # Outlets ----------------------------------------------------------------------------

    def _outlet_Opened(self, oid: str, data: dict, record: dict) -> None:
        self.outlets[oid] = Outlet(
            oid, data["name"], data["kind"], _place(data), day_of(data["opened_on"])
        )
        self.recorded_places[oid] = [(day_of(data["opened_on"]), data["place"])]

    def _outlet_Corrected(self, oid: str, data: dict, record: dict) -> None:
        outlet, changes = self.outlets[oid], data["changes"]
        outlet.name = changes.get("name", outlet.name)
        if "place" in changes:
            outlet.place = _place(changes)
            self._moved(oid, day_of(data["changed_on"]), changes["place"])
        outlet.corrected_on = day_of(data["changed_on"])

    def _moved(self, record_id: str, day: date, place: dict) -> None:
        """A correction's place from ``day`` (a second one the same day replaces the first)."""
        periods = self.recorded_places[record_id]
        if periods[-1][0] == day:
            periods.pop()
        periods.append((day, place))

    def place_on(self, record_id: str, day: date) -> dict:
        """The record's place in force on ``day`` (its first for a day before it)."""
        periods = self.recorded_places[record_id]
        return next((place for since, place in reversed(periods) if since <= day), periods[0][1])

    def _outlet_Closed(self, oid: str, data: dict, record: dict) -> None:
        self.outlets[oid].closed_on = day_of(data["closed_on"])

    def _outlet_ProductListed(self, oid: str, data: dict, record: dict) -> None:
        outlet = self.outlets[oid]
        outlet.periods[data["product_id"]].append([day_of(data["listed_on"]), None])
        outlet.listing_thresholds[data["product_id"]] = data["low_stock_threshold"]
        outlet.thresholds.pop(data["product_id"], None)  # the listing's own from now

    def _outlet_ThresholdSet(self, oid: str, data: dict, record: dict) -> None:
        self.outlets[oid].thresholds[data["product_id"]] = data["low_stock_threshold"]

    def _outlet_Reopened(self, oid: str, data: dict, record: dict) -> None:
        outlet = self.outlets[oid]
        outlet.closures.append((day_of(data["closed_on"]), day_of(data["reopened_on"])))
        outlet.closed_on = None

    def _outlet_ProductDelisted(self, oid: str, data: dict, record: dict) -> None:
        periods = self.outlets[oid].periods[data["product_id"]]
        if periods and periods[-1][1] is None:
            periods[-1][1] = day_of(data["delisted_on"])

    def _outlet_StockReceived(self, oid: str, data: dict, record: dict) -> None:
        day = local_day(data["received_at"])
        lines = []
        for line in data["lines"]:
            lot = self.lot_for(oid, line["product_id"], line["lot"], line.get("expires_on"))
            self._move(oid, line["product_id"], lot, line["qty"], day)
            lines.append((line["product_id"], lot, line["qty"]))
        self.receipts[data["receipt_id"]] = Receipt(oid, day, lines)

    def _outlet_TransferDispatched(self, oid: str, data: dict, record: dict) -> None:
        self.outlets[oid].incoming[data["transfer_id"]] = data

    def _outlet_TransferReceived(self, oid: str, data: dict, record: dict) -> None:
        day = local_day(data["received_at"])
        self.outlets[oid].incoming.pop(data["transfer_id"], None)
        self.outlets[oid].received[data["transfer_id"]] = day
        for take in data["lines"]:
            for part in take["lots"]:
                lot = self.lot_for(oid, take["product_id"], part["lot"], part.get("expires_on"))
                self._move(oid, take["product_id"], lot, part["qty"], day)

    def _take(self, oid: str, takes: list[dict], day: date) -> None:
        for take in takes:
            for part in take["lots"]:
                lot = (part["lot"], part.get("expires_on"))
                self._move(oid, take["product_id"], lot, -part["qty"], day)

    def _outlet_Sold(self, oid: str, data: dict, record: dict) -> None:
        day = local_day(data["sold_at"])
        self._take(oid, data["lines"], day)
        lines = [(t["product_id"], t["qty"], t["unit_price_vnd"]) for t in data["lines"]]
        self.sales.append(Sale(oid, day, lines, data["sale_id"]))
        self.sales_by_id[data["sale_id"]] = self.sales[-1]

    # Corrections: a return's restocked units come back to their lots on its day, a void's
    # every unit on the sale's day; a reversal takes a receipt's units out from its day on.

    def _outlet_SaleReturned(self, oid: str, data: dict, record: dict) -> None:
        day, sale = local_day(data["returned_at"]), self.sales_by_id[data["sale_id"]]
        for line in data["lines"]:
            if line["restock"]:
                for part in line["lots"]:
                    lot = (part["lot"], part.get("expires_on"))
                    self._move(oid, line["product_id"], lot, part["qty"], day)
            sale.returned[line["product_id"]] += line["qty"]
            self.corrections.append(
                Correction(oid, day, line["product_id"], line["qty"], line["refund_vnd"])
            )

    def _outlet_SaleVoided(self, oid: str, data: dict, record: dict) -> None:
        day, sale = local_day(data["voided_at"]), self.sales_by_id[data["sale_id"]]
        sale.voided = True
        for take in data["lines"]:
            for part in take["lots"]:
                lot = (part["lot"], part.get("expires_on"))
                self._move(oid, take["product_id"], lot, part["qty"], day)
        for product_id, qty, price in sale.lines:
            self.corrections.append(Correction(oid, day, product_id, qty, qty * price))

    def _outlet_ReceiptReversed(self, oid: str, data: dict, record: dict) -> None:
        receipt = self.receipts[data["receipt_id"]]
        receipt.reversed = True
        for product_id, lot, qty in receipt.lines:
            self._move(oid, product_id, lot, -qty, receipt.day)

    def _outlet_ReturnedToSupplier(self, oid: str, data: dict, record: dict) -> None:
        self._take(oid, data["lines"], local_day(data["returned_at"]))

    def _outlet_TransferredOut(self, oid: str, data: dict, record: dict) -> None:
        self._take(oid, data["lines"], local_day(data["sent_at"]))

    def _outlet_WrittenOff(self, oid: str, data: dict, record: dict) -> None:
        self._take(oid, [data["take"]], local_day(data["written_off_at"]))

    def _outlet_StockCounted(self, oid: str, data: dict, record: dict) -> None:
        lot = self.counted_lot(oid, data)
        self._move(oid, data["product_id"], lot, data["delta"], local_day(data["counted_at"]))

    def _outlet_ProductShowcased(self, oid: str, data: dict, record: dict) -> None:
        self.showings.append(Showing(data["product_id"], oid, day_of(data["showcased_on"])))

    def _outlet_PromotionHeld(self, oid: str, data: dict, record: dict) -> None:
        for product_id in data["product_ids"]:
            self.showings.append(Showing(product_id, oid, day_of(data["held_on"])))

    def _outlet_DesignSupportGiven(self, oid: str, data: dict, record: dict) -> None:
        self.design_support.append((data["producer_id"], day_of(data["given_on"])))

    # Lots -------------------------------------------------------------------------------

    def held_lots(self, oid: str, product_id: str, code: str) -> list[LotKey]:
        """The lots of a product held at an outlet under a code, soonest expiry first."""
        lots = self.outlets[oid].stock.get(product_id, {})
        held = [key for key, qty in lots.items() if key[0] == code and qty > 0]
        return sorted(held, key=lambda key: (key[1] is None, key[1] or ""))

    def lot_for(self, oid: str, product_id: str, code: str, expires_on: str | None) -> LotKey:
        """The lot a line goes into: a line without an expiry joins the held lot of its code."""
        if expires_on is None:
            held = self.held_lots(oid, product_id, code)
            if held:
                return held[0]
        return (code, expires_on)

    def counted_lot(self, oid: str, data: dict) -> LotKey:
        """The lot a stock count is of: the event's expiry if it names one, else the held lot
        of its code, else the last lot of that code the outlet had (a back-dated count of a
        lot since sold out), else a new lot without expiry."""
        if "expires_on" in data:
            return (data["lot"], data["expires_on"])
        held = self.held_lots(oid, data["product_id"], data["lot"])
        known = [
            k for k in self.outlets[oid].stock.get(data["product_id"], {}) if k[0] == data["lot"]
        ]
        return held[0] if held else known[-1] if known else (data["lot"], None)

    def _move(self, oid: str, product_id: str, lot: LotKey, delta: int, day: date) -> None:
        outlet = self.outlets[oid]
        lots = outlet.stock[product_id]
        lots[lot] = lots.get(lot, 0) + delta
        outlet.movements.append(Movement(day, product_id, lot, delta))
