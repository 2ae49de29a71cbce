"""Outlet (điểm bán): an OCOP point, supermarket, centre, shop or online store, and its stock."""

import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.corrections import (
    WRITE_OFF_REASONS,
    ReturnLine,
    check_reason,
    check_write_off_reason,
    plan_return,
    plan_supplier_return,
    receipt_memo,
    remembered_sale,
    reversal_shortfall,
    sale_memo,
    unreturned,
    voided_takes,
)
from domain.edits import Correctable, changed_only, check_correction_day, checked_reason
from domain.errors import InvalidValue, RuleConflict
from domain.lines import LotTake, ReceiptLine, SaleLine, Take
from domain.reference import OUTLET_KINDS, SHELF_KINDS
from domain.stock import (
    BACKDATING_DAYS,
    LotHistory,
    Lots,
    StockLot,
    add_to,
    check_receivable,
    prune_lots,
    remembered,
    remove_from,
    sellable,
    take_first_expiring,
    window_start,
)
from domain.text import checked_text
from domain.transfers import ArrivedLine, InTransit, split_arrival
from domain.values import MAX_QUANTITY, Place, check_at_most, local_day

__all__ = ["WRITE_OFF_REASONS", "Listing", "Outlet"]
DESIGN_CENTRE = "design_centre"


@dataclass(frozen=True)
class Listing:
    """A product on the outlet's shelf (niêm yết), with its low-stock threshold."""

    listed_on: date
    low_stock_threshold: int = 0


class Outlet(Correctable, OcopAggregate):
    """An outlet: opened and closed, lists products, and moves stock in and out.

    State kept for commands dated in the past: each lot's end-of-day balances over the
    back-dating window (``lots``), the listing periods that ended within it (``past_listings``,
    the latest one per product always kept), the day of each product's latest sale and of the
    latest movement; the sales and receipts of the window, to correct them (domain/corrections.py);
    transfers on their way here (``incoming``) and those received; the thresholds set for
    low-stock alerts; the periods it was closed and reopened. Version 3 of the state;
    ``upcast_v1_v2`` and ``upcast_v2_v3`` read older snapshots.
    """

    class_version = 3
    CORRECTABLE = ("name", "place")

    @classmethod
    def open(cls, name: str, kind: str, place: Place, opened_on: date) -> "Outlet":
        """Open an outlet of one of the programme's kinds."""
        checked_text(name, "name")
        if kind not in OUTLET_KINDS:
            raise InvalidValue.because("not_one_of", "kind", options=list(OUTLET_KINDS))
        return cls(name=name.strip(), kind=kind, place=place, opened_on=opened_on)

    @event("Opened")
    def __init__(self, name: str, kind: str, place: Place, opened_on: date) -> None:
        self.name = name
        self.kind = kind
        self.place = place
        self.opened_on = opened_on
        self.closed_on: date | None = None
        self.listings: dict[str, Listing] = {}
        self.lots: dict[str, Lots] = {}
        self.past_listings: dict[str, list[list[date]]] = {}  # [[listed_on, delisted_on]]
        self.last_sold_on: dict[str, date] = {}
        self.latest_movement_on: date | None = None
        self.sales: dict[str, dict] = {}  # sale hex → corrections.sale_memo
        self.receipts: dict[str, dict] = {}  # receipt hex → corrections.receipt_memo
        self.incoming: dict[str, InTransit] = {}
        self.received_transfers: dict[str, date] = {}
        self.thresholds: dict[str, int] = {}
        self.closures: list[list[date]] = []  # [[closed_on, reopened_on]]

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot from before corrections, transfers in transit, thresholds and reopening."""
        state.update(
            sales={}, receipts={}, incoming={}, received_transfers={}, thresholds={}, closures=[]
        )

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot from before per-day balances: its stock is taken as held since ever."""
        state["lots"] = {
            product: {
                code: LotHistory(lot.expires_on, [[date.min, lot.on_hand]])
                for code, lot in lots.items()
            }
            for product, lots in state.pop("stock", {}).items()
        }
        state.update(past_listings={}, last_sold_on={}, latest_movement_on=None)

    @property
    def stock(self) -> dict[str, dict[str, StockLot]]:
        """What is on hand now, by product and lot (empty lots left out)."""
        held = {
            product: {
                code: StockLot(lot.on_hand, lot.expires_on)
                for code, lot in lots.items()
                if lot.on_hand
            }
            for product, lots in self.lots.items()
        }
        return {product: lots for product, lots in held.items() if lots}

    # Corrections (đính chính) ----------------------------------------------------------

    def correct(
        self,
        changed_on: date,
        reason: str | None = None,
        name: str | None = None,
        place: Place | None = None,
    ) -> dict[str, Any]:
        """Correct the name, or record a move (chuyển địa điểm), from ``changed_on``, not
        before the outlet opened; return the fields changed. Its kind never changes."""
        if name is not None:
            name = checked_text(name, "name")
        check_correction_day(changed_on, self.opened_on, "before_opening", self.corrections)
        changes = changed_only(self.details, {"name": name, "place": place})
        self._corrected(changes, changed_on, checked_reason(reason))
        return changes

    @event("Corrected")
    def _corrected(self, changes: dict[str, Any], changed_on: date, reason: str | None) -> None:
        self._take_correction(changes, changed_on, reason)

    # Opening hours and listings --------------------------------------------------------

    def close(self, closed_on: date) -> None:
        """Close the outlet; nothing more is recorded at it."""
        self._check_open_on(closed_on, "closed_on")
        left = [(UUID(product), self.on_hand(UUID(product))) for product in sorted(self.stock)]
        if left:
            units = sum(qty for _, qty in left)
            held = ", ".join(f"{qty} of product {product}" for product, qty in left)
            raise RuleConflict.because(
                "stock_remains", "closed_on", units=units, products=len(left), held=held
            )
        latest = self.latest_movement_on
        if latest is not None and closed_on <= latest:
            raise RuleConflict.because("movement_after_closing", "closed_on", day=latest)
        if self.incoming:
            raise RuleConflict.because("transfers_in_transit", "closed_on", n=len(self.incoming))
        self._closed(closed_on)

    def reopen(self, reopened_on: date) -> None:
        """Open a closed outlet again (mở cửa lại): a new open period from ``reopened_on``."""
        if self.closed_on is None:
            raise RuleConflict.because("outlet_not_closed", "reopened_on")
        if reopened_on < self.closed_on:
            raise RuleConflict.because("reopened_before_closing", "reopened_on", day=self.closed_on)
        self._reopened(self.closed_on, reopened_on)

    def set_threshold(self, product_id: UUID, low_stock_threshold: int) -> None:
        """Set the low-stock threshold (ngưỡng sắp hết hàng) of a product the outlet stocks
        or lists, listed or not."""
        if isinstance(low_stock_threshold, bool) or low_stock_threshold < 0:
            raise InvalidValue.because("not_negative", "low_stock_threshold")
        check_at_most(low_stock_threshold, MAX_QUANTITY, "low_stock_threshold")
        known = self.listings.keys() | self.lots.keys() | self.thresholds.keys()
        if product_id.hex not in known:
            raise RuleConflict.because("not_stocked", "product_id")
        self._threshold_set(product_id, low_stock_threshold)

    def list_product(self, product_id: UUID, listed_on: date, low_stock_threshold: int = 0) -> None:
        """Put a product on the shelf (niêm yết sản phẩm)."""
        self._check_open_on(listed_on, "listed_on")
        if isinstance(low_stock_threshold, bool) or low_stock_threshold < 0:
            raise InvalidValue.because("not_negative", "low_stock_threshold")
        check_at_most(low_stock_threshold, MAX_QUANTITY, "low_stock_threshold")
        if product_id.hex in self.listings:
            raise RuleConflict.because("already_listed", "product_id")
        past = self.past_listings.get(product_id.hex)
        if past and listed_on < past[-1][1]:
            raise RuleConflict.because("listing_overlaps", "listed_on", day=past[-1][1])
        self._listed(product_id, listed_on, low_stock_threshold)

    def delist(self, product_id: UUID, delisted_on: date) -> None:
        """Take a product off the shelf."""
        listing = self.listings.get(product_id.hex)
        if listing is None:
            raise RuleConflict.because("not_listed", "product_id")
        self._check_open_on(delisted_on, "delisted_on")
        if delisted_on < listing.listed_on:
            raise RuleConflict.because("before_listing", "delisted_on", day=listing.listed_on)
        last_sale = self.last_sold_on.get(product_id.hex)
        if self.kind in SHELF_KINDS and last_sale is not None and delisted_on <= last_sale:
            raise RuleConflict.because("sold_after_delisting", "delisted_on", day=last_sale)
        self._delisted(product_id, delisted_on)

    # Stock movements -------------------------------------------------------------------

    def receive(self, lines: list[ReceiptLine], received_at: datetime) -> UUID:
        """Take stock in from a producer (nhập hàng); return the receipt id."""
        self._check_movement(received_at, "received_at", lines)
        arriving = [
            (line.product_id, line.lot, line.expires_on, f"lines.{index}.expires_on")
            for index, line in enumerate(lines)
        ]
        expiries = self._check_receivable(arriving, received_at)
        # The event says the expiry the units take, so every view reads it without the lot.
        dated = [
            replace(line, expires_on=expiry) for line, expiry in zip(lines, expiries, strict=True)
        ]
        receipt_id = uuid4()
        self._received(receipt_id, received_at, dated)
        return receipt_id

    def sell(self, lines: list[SaleLine], sold_at: datetime) -> UUID:
        """Record a counter sale: all lines or none (if any exceeds stock, nothing is sold)."""
        self._check_movement(sold_at, "sold_at", lines)
        if self.kind in SHELF_KINDS:
            day = local_day(sold_at)
            for line in lines:
                if not self._listed_on(line.product_id.hex, day):
                    if line.product_id.hex in self.listings | self.past_listings:
                        raise RuleConflict.because(
                            "product_not_listed_on", "product_id", product=line.product_id, day=day
                        )
                    raise RuleConflict.because(
                        "product_not_listed", "product_id", product=line.product_id
                    )
        takes = self._plan_takes([(l.product_id, l.qty, l.unit_price_vnd) for l in lines], sold_at)
        sale_id = uuid4()
        self._sold(sale_id, sold_at, takes)
        return sale_id

    def transfer_out(
        self, to_outlet_id: UUID, lines: list[tuple[UUID, int]], sent_at: datetime
    ) -> tuple[UUID, list[Take]]:
        """Send stock to another outlet (điều chuyển); return the transfer id and lots sent."""
        if to_outlet_id == self.id:
            raise InvalidValue.because("same_outlet", "to_outlet_id")
        self._check_movement(sent_at, "sent_at", lines)
        takes = self._plan_takes([(pid, qty, None) for pid, qty in lines], sent_at)
        transfer_id = uuid4()
        self._transferred_out(transfer_id, to_outlet_id, sent_at, takes)
        return transfer_id, takes

    # Transfers in transit (hàng đang chuyển): the rules of the destination -------------

    def expect_transfer(
        self, transfer_id: UUID, from_outlet_id: UUID, lines: list[Take], sent_at: datetime
    ) -> None:
        """Note stock sent here, in transit until received; refused if it could not be
        received: the outlet is closed, does not list a product (shelf kinds), or holds a lot
        with another expiry."""
        day = local_day(sent_at)
        self._check_open_on(day, "to_outlet_id")
        self._check_shelf_lists([take.product_id for take in lines], None, "to_outlet_id")
        self._check_receivable(_arriving(lines, "to_outlet_id"), sent_at)
        self._transfer_dispatched(transfer_id, from_outlet_id, sent_at, lines)

    def receive_transfer(
        self, transfer_id: UUID, arrived: list[ArrivedLine] | None, received_at: datetime
    ) -> tuple[list[Take], list[Take]]:
        """Receive a transfer in transit, all of it or what the lines count; what did not
        arrive is recorded as lost in the same event. Returns what was received and lost."""
        if transfer_id.hex in self.received_transfers:
            day = self.received_transfers[transfer_id.hex]
            raise RuleConflict.because("transfer_received", "transfer_id", day=day)
        pending = self.incoming.get(transfer_id.hex)
        if pending is None:
            raise RuleConflict.because("transfer_not_here", "transfer_id")
        self._check_movement(received_at, "received_at", [None])
        if received_at < pending.sent_at:
            raise RuleConflict.because("received_before_sent", "received_at", at=pending.sent_at)
        received, lost = split_arrival(pending.lines, arrived)
        day = local_day(received_at)
        self._check_shelf_lists([take.product_id for take in received], day, "lines")
        expiries = iter(self._check_receivable(_arriving(received, "lines"), received_at))
        # As for a receipt, the event says the expiry the units take here.
        dated = [
            replace(take, lots=[replace(lot, expires_on=next(expiries)) for lot in take.lots])
            for take in received
        ]
        self._transfer_received(transfer_id, pending.from_outlet_id, received_at, dated, lost)
        return dated, lost

    def knows_transfer(self, transfer_id: UUID) -> bool:
        """True if the transfer was sent here (in transit or received)."""
        return transfer_id.hex in self.incoming or transfer_id.hex in self.received_transfers

    def _check_shelf_lists(self, products: list[UUID], day: date | None, field: str) -> None:
        """A supermarket or commercial centre takes in only what it lists (now, or on ``day``)."""
        if self.kind not in SHELF_KINDS:
            return
        for product_id in products:
            listed = (
                product_id.hex in self.listings
                if day is None
                else self._listed_on(product_id.hex, day)
            )
            if not listed:
                raise RuleConflict.because("product_not_listed", field, product=product_id)

    def count_stock(
        self, product_id: UUID, counted: int, counted_at: datetime, reason: str, lot: str = ""
    ) -> int:
        """Record a stock count (kiểm kê) of one lot; return the adjustment it made."""
        self._check_movement(counted_at, "counted_at", [None])
        if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
            raise InvalidValue.because("whole_not_negative", "counted")
        check_at_most(counted, MAX_QUANTITY, "counted")
        checked_text(reason, "reason")
        checked_text(lot, "lot", required=False)
        delta = self._adjustment(product_id, lot, counted, local_day(counted_at))
        self._counted(product_id, lot, counted, delta, reason.strip(), counted_at)
        return delta

    def write_off(
        self,
        product_id: UUID,
        qty: int,
        reason: str,
        written_off_at: datetime,
        lot: str = "",
        note: str = "",
    ) -> None:
        """Write off stock (xuất hủy) from one lot, for one of WRITE_OFF_REASONS."""
        self._check_movement(written_off_at, "written_off_at", [None])
        note = check_write_off_reason(reason, note)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
            raise InvalidValue.because("whole_at_least", "qty", minimum=1)
        day, held = local_day(written_off_at), self.lots.get(product_id.hex, {}).get(lot)
        free = held.free_from(day) if held else 0
        if free < qty:
            raise RuleConflict.because("lot_short", "qty", lot=lot, on_hand=free)
        if reason == "expired" and held.sellable_on(day):
            raise RuleConflict.because("lot_not_expired", "reason", lot=lot, day=day)
        take = Take(product_id, qty, [LotTake(lot, qty, held.expires_on)])
        self._written_off(product_id, reason, written_off_at, take, note)

    # Corrections: returns, voids, reversals, returns to the supplier (domain/corrections.py)

    def return_sale(
        self,
        sale_id: UUID,
        wanted: list[tuple[UUID, int, bool]],
        reason: str,
        returned_at: datetime,
        refund_vnd: int | None = None,
    ) -> UUID:
        """Take back units of a sale (khách trả hàng); restocked units go back to their lots."""
        self._check_movement(returned_at, "returned_at", wanted)
        memo = remembered_sale(self.sales, sale_id, "sale_id")
        if local_day(returned_at) < memo["day"]:
            raise InvalidValue.because("before_sale", "returned_at", day=memo["day"])
        reason = check_reason(reason)
        lines = plan_return(memo, wanted, refund_vnd)
        restocked = [
            (line.product_id, take.lot, take.expires_on, f"lines.{index}.restock")
            for index, line in enumerate(lines)
            if line.restock
            for take in line.lots
        ]
        self._check_receivable(restocked, returned_at)  # an expired lot is returned as damaged
        return_id = uuid4()
        self._sale_returned(return_id, sale_id, returned_at, reason, lines)
        return return_id

    def void_sale(self, sale_id: UUID, reason: str, voided_at: datetime) -> None:
        """Cancel a sale on its own business day (hủy hóa đơn): every unit back to its lot."""
        self._check_movement(voided_at, "voided_at", [None])
        memo = remembered_sale(self.sales, sale_id, "sale_id")
        if memo["returned"]:
            raise RuleConflict.because("sale_has_returns", "sale_id", sale=sale_id)
        if local_day(voided_at) != memo["day"]:
            raise RuleConflict.because("void_not_same_day", "sale_id", day=memo["day"])
        reason = check_reason(reason)
        self._sale_voided(sale_id, voided_at, reason, voided_takes(memo))

    def reverse_receipt(self, receipt_id: UUID, reason: str, reversed_at: datetime) -> None:
        """Undo a wrong receipt (hủy phiếu nhập) while all of its units are still here."""
        self._check_open_on(local_day(reversed_at), "reversed_at")
        memo = self.receipts.get(receipt_id.hex)
        if memo is None:
            raise RuleConflict.because("receipt_not_remembered", "receipt_id", receipt=receipt_id)
        if memo["reversed"]:
            raise RuleConflict.because("receipt_reversed", "receipt_id", receipt=receipt_id)
        reason = check_reason(reason)
        gone = reversal_shortfall(memo, self.lots, local_day(memo["at"]))
        if gone is not None:
            raise RuleConflict.because("receipt_units_gone", "receipt_id", **gone)
        lines = [
            ReceiptLine(UUID(product), qty, lot, expiry)
            for product, lot, qty, expiry in memo["lines"]
        ]
        self._receipt_reversed(receipt_id, reversed_at, memo["at"], reason, lines)

    def return_to_supplier(
        self,
        producer_id: UUID,
        lines: list[tuple[UUID, int, str | None]],
        reason: str,
        returned_at: datetime,
    ) -> UUID:
        """Send stock back to its producer (trả hàng nhà cung cấp); earliest expiry first."""
        self._check_movement(returned_at, "returned_at", lines)
        reason = check_reason(reason)
        day, planned = local_day(returned_at), {}
        takes = []
        for index, (product_id, qty, lot) in enumerate(lines):
            lots = planned.setdefault(
                product_id.hex, copy.deepcopy(self.lots.get(product_id.hex, {}))
            )
            lot_takes = plan_supplier_return(lots, product_id, qty, lot, day, f"lines.{index}")
            remove_from(lots, Take(product_id, qty, lot_takes), day)
            takes.append(Take(product_id, qty, lot_takes))
        return_id = uuid4()
        self._returned_to_supplier(return_id, producer_id, returned_at, reason, takes)
        return return_id

    # Design centres and promotion (trưng bày, hỗ trợ thiết kế, xúc tiến) ----------------

    def showcase(self, product_id: UUID, showcased_on: date) -> None:
        """Put a product on display at a design centre."""
        self._check_design_centre()
        self._check_open_on(showcased_on, "showcased_on")
        self._showcased(product_id, showcased_on)

    def support_design(self, producer_id: UUID, given_on: date, description: str) -> None:
        """Record design support (packaging, branding, product design) given to a producer."""
        self._check_design_centre()
        self._check_open_on(given_on, "given_on")
        checked_text(description, "description")
        self._design_support_given(producer_id, given_on, description.strip())

    def hold_promotion(self, name: str, held_on: date, product_ids: list[UUID]) -> None:
        """Record a display-and-promotion event with the products shown."""
        self._check_open_on(held_on, "held_on")
        checked_text(name, "name")
        if not product_ids:
            raise InvalidValue.because("no_products", "product_ids")
        self._promotion_held(name.strip(), held_on, list(dict.fromkeys(product_ids)))

    # Rules -----------------------------------------------------------------------------

    def is_open_on(self, day: date) -> bool:
        """True if the outlet is open on ``day``: from its opening day to the day before
        closing, in each period it was open (a reopening starts a new one)."""
        if day < self.opened_on or any(start <= day < end for start, end in self.closures):
            return False
        return self.closed_on is None or day < self.closed_on

    def _check_design_centre(self) -> None:
        if self.kind != DESIGN_CENTRE:
            raise RuleConflict.because("not_design_centre", "kind")

    def _check_open_on(self, day: date, field: str) -> None:
        if day < self.opened_on:
            raise RuleConflict.because("before_opening", field, day=self.opened_on)
        if self.closed_on is not None:
            raise RuleConflict.because("outlet_closed", field, day=self.closed_on)
        for closed_on, reopened_on in self.closures:
            if closed_on <= day < reopened_on:
                raise RuleConflict.because(
                    "closed_that_day", field, closed_on=closed_on, reopened_on=reopened_on
                )

    def _check_movement(self, at: datetime, field: str, lines: list) -> None:
        if at.tzinfo is None:
            raise InvalidValue.because("no_time_zone", field)
        if not lines:
            raise InvalidValue.because("no_lines", "lines")
        self._check_open_on(local_day(at), field)
        start = window_start(self.latest_movement_on)
        if start is not None and local_day(at) < start:
            raise RuleConflict.because(
                "dated_too_far_back", field, days=BACKDATING_DAYS, day=self.latest_movement_on
            )

    def _check_receivable(
        self, arriving: list[tuple[UUID, str, date | None, str]], at: datetime
    ) -> list[date | None]:
        """Every lot coming in keeps one expiry and has not expired on the day it arrives;
        a refusal names the field of the line (or of the transfer) it is about. Returns the
        expiry each line's units take."""
        seen: dict[str, Lots] = {}
        expiries = []
        day = local_day(at)
        latest = day if self.latest_movement_on is None else max(self.latest_movement_on, day)
        for product_id, lot, expires_on, field in arriving:
            lots = seen.get(product_id.hex)
            if lots is None:  # the lots still remembered once this movement is recorded
                lots = seen[product_id.hex] = remembered(self.lots.get(product_id.hex, {}), latest)
            expiry = check_receivable(lots, lot, expires_on, day, self.name, field)
            lots.setdefault(lot, LotHistory(expiry, []))
            expiries.append(expiry)
        return expiries

    def _listed_on(self, product: str, day: date) -> bool:
        """True if the product was on the shelf on ``day`` (delisting days excluded)."""
        current = self.listings.get(product)
        if current is not None and current.listed_on <= day:
            return True
        return any(start <= day < end for start, end in self.past_listings.get(product, []))

    def _adjustment(self, product_id: UUID, lot: str, counted: int, day: date) -> int:
        """What a count of a lot on ``day`` changes; refused if later movements need more."""
        held = self.lots.get(product_id.hex, {}).get(lot)
        if held is None:
            if counted:
                raise RuleConflict.because("lot_not_held", "lot", lot=lot)
            return 0
        delta = counted - held.balance_on(day)
        if held.free_from(day) + delta < 0:
            least = held.balance_on(day) - held.free_from(day)
            raise RuleConflict.because("count_below_later_movements", "counted", n=least, lot=lot)
        return delta

    def _plan_takes(self, wanted: list[tuple[UUID, int, int | None]], at: datetime) -> list[Take]:
        """Choose lots for every line on the movement's day, counting what earlier lines of the
        same command take, so the whole command fits or none of it."""
        planned: dict[str, dict[str, int]] = {}
        takes = []
        for product_id, qty, price in wanted:
            lots = self.lots.get(product_id.hex, {})
            plan = planned.setdefault(product_id.hex, {})
            lot_takes = take_first_expiring(product_id, lots, qty, local_day(at), plan)
            takes.append(Take(product_id, qty, lot_takes, price))
        return takes

    def on_hand(self, product_id: UUID) -> int:
        """Everything on hand of a product, expired lots included until written off."""
        return sum(lot.on_hand for lot in self.lots.get(product_id.hex, {}).values())

    def sellable_on(self, product_id: UUID, day: date) -> int:
        """What of a product can be sold on ``day`` without leaving a later day short."""
        return sellable(self.lots.get(product_id.hex, {}), day)

    # Events ----------------------------------------------------------------------------

    @event("Closed")
    def _closed(self, closed_on: date) -> None:
        self.closed_on = closed_on

    @event("ProductListed")
    def _listed(self, product_id: UUID, listed_on: date, low_stock_threshold: int) -> None:
        self.listings[product_id.hex] = Listing(listed_on, low_stock_threshold)

    @event("ProductDelisted")
    def _delisted(self, product_id: UUID, delisted_on: date) -> None:
        listing = self.listings.pop(product_id.hex)
        periods = self.past_listings.setdefault(product_id.hex, [])
        periods.append([listing.listed_on, delisted_on])
        start = window_start(self.latest_movement_on)
        if start is not None:  # periods that ended before the window cover no movement
            periods[:-1] = [p for p in periods[:-1] if p[1] > start]

    @event("StockReceived")
    def _received(self, receipt_id: UUID, received_at: datetime, lines: list[ReceiptLine]) -> None:
        day = local_day(received_at)
        self._moved_on(day)  # first: a lot forgotten by this day arrives as a new lot
        for line in lines:
            lots = self.lots.setdefault(line.product_id.hex, {})
            add_to(lots, line.lot, line.qty, line.expires_on, day)
        self.receipts[receipt_id.hex] = receipt_memo(received_at, lines)

    @event("Sold")
    def _sold(self, sale_id: UUID, sold_at: datetime, lines: list[Take]) -> None:
        day = local_day(sold_at)
        self.sales[sale_id.hex] = sale_memo(day, lines)
        for take in lines:
            last = self.last_sold_on.get(take.product_id.hex)
            self.last_sold_on[take.product_id.hex] = day if last is None else max(last, day)
        self._remove(lines, sold_at)

    @event("TransferredOut")
    def _transferred_out(
        self, transfer_id: UUID, to_outlet_id: UUID, sent_at: datetime, lines: list[Take]
    ) -> None:
        self._remove(lines, sent_at)

    @event("TransferDispatched")
    def _transfer_dispatched(
        self, transfer_id: UUID, from_outlet_id: UUID, sent_at: datetime, lines: list[Take]
    ) -> None:
        self.incoming[transfer_id.hex] = InTransit(from_outlet_id, sent_at, lines)

    @event("TransferReceived")
    def _transfer_received(
        self,
        transfer_id: UUID,
        from_outlet_id: UUID,
        received_at: datetime,
        lines: list[Take],
        lost: list[Take] | None = None,
    ) -> None:
        # Recorded before transfers were in transit, this event came with the sending and no
        # TransferDispatched: it replays as a transfer received on sending, nothing lost.
        day = local_day(received_at)
        self.incoming.pop(transfer_id.hex, None)
        self.received_transfers[transfer_id.hex] = day
        self._moved_on(day)  # first, as for a receipt
        for take in lines:
            for lot in take.lots:
                lots = self.lots.setdefault(take.product_id.hex, {})
                add_to(lots, lot.lot, lot.qty, lot.expires_on, day)

    @event("StockCounted")
    def _counted(
        self,
        product_id: UUID,
        lot: str,
        counted: int,
        delta: int,
        reason: str,
        counted_at: datetime,
    ) -> None:
        # The adjustment, not the count, so that a count dated in the past moves its day on.
        if delta:
            add_to(
                self.lots.setdefault(product_id.hex, {}), lot, delta, None, local_day(counted_at)
            )
        self._moved_on(local_day(counted_at))

    class WrittenOff(OcopAggregate.Event):
        """Stock written off. Version 2 added ``note`` (required for reason ``other``); events
        stored before it have none: ``upcast_v1_v2`` gives them "". Nothing stored is rewritten."""

        class_version = 2

        product_id: UUID
        reason: str
        written_off_at: datetime
        take: Take
        note: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["note"] = ""

    @event(WrittenOff)
    def _written_off(
        self, product_id: UUID, reason: str, written_off_at: datetime, take: Take, note: str
    ) -> None:
        self._remove([take], written_off_at)

    @event("ProductShowcased")
    def _showcased(self, product_id: UUID, showcased_on: date) -> None:
        pass

    @event("DesignSupportGiven")
    def _design_support_given(self, producer_id: UUID, given_on: date, description: str) -> None:
        pass

    @event("PromotionHeld")
    def _promotion_held(self, name: str, held_on: date, product_ids: list[UUID]) -> None:
        pass

    @event("SaleReturned")
    def _sale_returned(
        self,
        return_id: UUID,
        sale_id: UUID,
        returned_at: datetime,
        reason: str,
        lines: list[ReturnLine],
    ) -> None:
        unreturned(self.sales[sale_id.hex], lines)
        day = local_day(returned_at)
        self._moved_on(day)  # first, as for a receipt
        for line in lines:
            if line.restock:
                lots = self.lots.setdefault(line.product_id.hex, {})
                for take in line.lots:
                    add_to(lots, take.lot, take.qty, take.expires_on, day)

    @event("SaleVoided")
    def _sale_voided(
        self, sale_id: UUID, voided_at: datetime, reason: str, lines: list[Take]
    ) -> None:
        self.sales[sale_id.hex]["voided"] = True
        day = local_day(voided_at)
        self._moved_on(day)
        for take in lines:
            for lot in take.lots:
                lots = self.lots.setdefault(take.product_id.hex, {})
                add_to(lots, lot.lot, lot.qty, lot.expires_on, day)

    @event("ReceiptReversed")
    def _receipt_reversed(
        self,
        receipt_id: UUID,
        reversed_at: datetime,
        received_at: datetime,
        reason: str,
        lines: list[ReceiptLine],
    ) -> None:
        # The units leave from the receipt's own day: the stock reads as if never received.
        self.receipts[receipt_id.hex]["reversed"] = True
        for line in lines:
            take = Take(line.product_id, line.qty, [LotTake(line.lot, line.qty, line.expires_on)])
            remove_from(self.lots.setdefault(line.product_id.hex, {}), take, local_day(received_at))

    @event("ReturnedToSupplier")
    def _returned_to_supplier(
        self,
        return_id: UUID,
        producer_id: UUID,
        returned_at: datetime,
        reason: str,
        lines: list[Take],
    ) -> None:
        self._remove(lines, returned_at)

    def _forget_corrections_before(self, start: date) -> None:
        """Sales and receipts older than the back-dating window are no longer corrected."""
        self.sales = {k: m for k, m in self.sales.items() if m["day"] >= start}
        self.receipts = {k: m for k, m in self.receipts.items() if local_day(m["at"]) >= start}

    @event("ThresholdSet")
    def _threshold_set(self, product_id: UUID, low_stock_threshold: int) -> None:
        self.thresholds[product_id.hex] = low_stock_threshold

    @event("Reopened")
    def _reopened(self, closed_on: date, reopened_on: date) -> None:
        self.closures.append([closed_on, reopened_on])
        self.closed_on = None

    def _remove(self, takes: list[Take], at: datetime) -> None:
        for take in takes:
            remove_from(self.lots.setdefault(take.product_id.hex, {}), take, local_day(at))
        self._moved_on(local_day(at))

    def _moved_on(self, day: date) -> None:
        """Remember the latest movement's day; when it advances, forget what lies before the
        back-dating window (deterministic, so a replay keeps the same state)."""
        if self.latest_movement_on is not None and day <= self.latest_movement_on:
            return
        self.latest_movement_on = day
        start = window_start(day)
        prune_lots(self.lots, start)
        for periods in self.past_listings.values():
            periods[:-1] = [p for p in periods[:-1] if p[1] > start]
        self._forget_corrections_before(start)


def _arriving(takes: list[Take], field: str) -> list[tuple[UUID, str, date | None, str]]:
    """The lots of a transfer as stock coming in, each refusal naming ``field``."""
    return [
        (take.product_id, lot.lot, lot.expires_on, field) for take in takes for lot in take.lots
    ]
