"""Outlet (điểm bán): an OCOP point, supermarket, centre, shop or online store, and its stock."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.errors import InvalidValue, RuleConflict
from domain.lines import LotTake, ReceiptLine, SaleLine, Take
from domain.reference import OUTLET_KINDS, SHELF_KINDS
from domain.stock import Lots, StockLot, add_to, remove_from, sellable, take_first_expiring
from domain.text import checked_text
from domain.values import MAX_QUANTITY, Place, check_at_most, local_day

WRITE_OFF_REASONS = ("expired", "damaged")
DESIGN_CENTRE = "design_centre"


@dataclass(frozen=True)
class Listing:
    """A product on the outlet's shelf (niêm yết), with its low-stock threshold."""

    listed_on: date
    low_stock_threshold: int = 0


class Outlet(OcopAggregate):
    """An outlet: opened and closed, lists products, and moves stock in and out."""

    @classmethod
    def open(cls, name: str, kind: str, place: Place, opened_on: date) -> "Outlet":
        """Open an outlet of one of the programme's kinds."""
        checked_text(name, "name")
        if kind not in OUTLET_KINDS:
            raise InvalidValue(f"must be one of {', '.join(OUTLET_KINDS)}", field="kind")
        return cls(name=name.strip(), kind=kind, place=place, opened_on=opened_on)

    @event("Opened")
    def __init__(self, name: str, kind: str, place: Place, opened_on: date) -> None:
        self.name = name
        self.kind = kind
        self.place = place
        self.opened_on = opened_on
        self.closed_on: date | None = None
        self.listings: dict[str, Listing] = {}
        self.stock: dict[str, Lots] = {}

    # Opening hours and listings --------------------------------------------------------

    def close(self, closed_on: date) -> None:
        """Close the outlet; nothing more is recorded at it."""
        self._check_open_on(closed_on, "closed_on")
        self._closed(closed_on)

    def list_product(self, product_id: UUID, listed_on: date, low_stock_threshold: int = 0) -> None:
        """Put a product on the shelf (niêm yết sản phẩm)."""
        self._check_open_on(listed_on, "listed_on")
        if isinstance(low_stock_threshold, bool) or low_stock_threshold < 0:
            raise InvalidValue("must be 0 or more", field="low_stock_threshold")
        check_at_most(low_stock_threshold, MAX_QUANTITY, "low_stock_threshold")
        if product_id.hex in self.listings:
            raise RuleConflict("the product is already listed here", field="product_id")
        self._listed(product_id, listed_on, low_stock_threshold)

    def delist(self, product_id: UUID, delisted_on: date) -> None:
        """Take a product off the shelf."""
        listing = self.listings.get(product_id.hex)
        if listing is None:
            raise RuleConflict("the product is not listed here", field="product_id")
        self._check_open_on(delisted_on, "delisted_on")
        if delisted_on < listing.listed_on:
            raise RuleConflict(
                f"must not be before it was listed on {listing.listed_on}", "delisted_on"
            )
        self._delisted(product_id, delisted_on)

    # Stock movements -------------------------------------------------------------------

    def receive(self, lines: list[ReceiptLine], received_at: datetime) -> UUID:
        """Take stock in from a producer (nhập hàng); return the receipt id."""
        self._check_movement(received_at, "received_at", lines)
        receipt_id = uuid4()
        self._received(receipt_id, received_at, list(lines))
        return receipt_id

    def sell(self, lines: list[SaleLine], sold_at: datetime) -> UUID:
        """Record a counter sale: all lines or none (if any exceeds stock, nothing is sold)."""
        self._check_movement(sold_at, "sold_at", lines)
        if self.kind in SHELF_KINDS:
            for line in lines:
                if line.product_id.hex not in self.listings:
                    raise RuleConflict(
                        f"product {line.product_id} is not listed here", "product_id"
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
            raise InvalidValue("must be another outlet", field="to_outlet_id")
        self._check_movement(sent_at, "sent_at", lines)
        takes = self._plan_takes([(pid, qty, None) for pid, qty in lines], sent_at)
        transfer_id = uuid4()
        self._transferred_out(transfer_id, to_outlet_id, sent_at, takes)
        return transfer_id, takes

    def receive_transfer(
        self, transfer_id: UUID, from_outlet_id: UUID, lines: list[Take], received_at: datetime
    ) -> None:
        """Take in stock sent by another outlet, keeping its lots and expiry dates."""
        self._check_movement(received_at, "received_at", lines)
        self._transfer_received(transfer_id, from_outlet_id, received_at, list(lines))

    def count_stock(
        self, product_id: UUID, counted: int, counted_at: datetime, reason: str, lot: str = ""
    ) -> int:
        """Record a stock count (kiểm kê) of one lot; return the adjustment it made."""
        self._check_movement(counted_at, "counted_at", [None])
        if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
            raise InvalidValue("must be a whole number, 0 or more", field="counted")
        check_at_most(counted, MAX_QUANTITY, "counted")
        checked_text(reason, "reason")
        checked_text(lot, "lot", required=False)
        current = self.stock.get(product_id.hex, {}).get(lot)
        delta = counted - (current.on_hand if current else 0)
        self._counted(product_id, lot, counted, delta, reason.strip(), counted_at)
        return delta

    def write_off(
        self, product_id: UUID, qty: int, reason: str, written_off_at: datetime, lot: str = ""
    ) -> None:
        """Write off expired or damaged stock (xuất hủy) from one lot."""
        self._check_movement(written_off_at, "written_off_at", [None])
        if reason not in WRITE_OFF_REASONS:
            raise InvalidValue(f"must be one of {', '.join(WRITE_OFF_REASONS)}", field="reason")
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
            raise InvalidValue("must be a whole number of at least 1", field="qty")
        on_hand = self.stock.get(product_id.hex, {}).get(lot)
        if on_hand is None or on_hand.on_hand < qty:
            raise RuleConflict(
                f"lot '{lot}' has {on_hand.on_hand if on_hand else 0} on hand", "qty"
            )
        take = Take(product_id, qty, [LotTake(lot, qty, on_hand.expires_on)])
        self._written_off(product_id, reason, written_off_at, take)

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
            raise InvalidValue("must name at least one product", field="product_ids")
        self._promotion_held(name.strip(), held_on, list(dict.fromkeys(product_ids)))

    # Rules -----------------------------------------------------------------------------

    def is_open_on(self, day: date) -> bool:
        """True if the outlet is open on ``day`` (from its opening day to the day before closing)."""
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)

    def _check_design_centre(self) -> None:
        if self.kind != DESIGN_CENTRE:
            raise RuleConflict("only a creative design centre records this", field="kind")

    def _check_open_on(self, day: date, field: str) -> None:
        if day < self.opened_on:
            raise RuleConflict(f"must not be before the outlet opened on {self.opened_on}", field)
        if self.closed_on is not None:
            raise RuleConflict(f"the outlet closed on {self.closed_on}", field)

    def _check_movement(self, at: datetime, field: str, lines: list) -> None:
        if at.tzinfo is None:
            raise InvalidValue("must include a time zone", field=field)
        if not lines:
            raise InvalidValue("must have at least one line", field="lines")
        self._check_open_on(local_day(at), field)

    def _plan_takes(self, wanted: list[tuple[UUID, int, int | None]], at: datetime) -> list[Take]:
        """Choose lots for every line against a working copy, so the whole receipt fits or none."""
        working = {key: dict(lots) for key, lots in self.stock.items()}
        takes = []
        for product_id, qty, price in wanted:
            lots = working.setdefault(product_id.hex, {})
            take = Take(
                product_id, qty, take_first_expiring(product_id, lots, qty, local_day(at)), price
            )
            remove_from(lots, take)
            takes.append(take)
        return takes

    def on_hand(self, product_id: UUID) -> int:
        """Everything on hand of a product, expired lots included until written off."""
        return sum(lot.on_hand for lot in self.stock.get(product_id.hex, {}).values())

    def sellable_on(self, product_id: UUID, day: date) -> int:
        """What of a product can still be sold on ``day``."""
        return sellable(self.stock.get(product_id.hex, {}), day)

    # Events ----------------------------------------------------------------------------

    @event("Closed")
    def _closed(self, closed_on: date) -> None:
        self.closed_on = closed_on

    @event("ProductListed")
    def _listed(self, product_id: UUID, listed_on: date, low_stock_threshold: int) -> None:
        self.listings[product_id.hex] = Listing(listed_on, low_stock_threshold)

    @event("ProductDelisted")
    def _delisted(self, product_id: UUID, delisted_on: date) -> None:
        del self.listings[product_id.hex]

    @event("StockReceived")
    def _received(self, receipt_id: UUID, received_at: datetime, lines: list[ReceiptLine]) -> None:
        for line in lines:
            add_to(
                self.stock.setdefault(line.product_id.hex, {}), line.lot, line.qty, line.expires_on
            )

    @event("Sold")
    def _sold(self, sale_id: UUID, sold_at: datetime, lines: list[Take]) -> None:
        self._remove(lines)

    @event("TransferredOut")
    def _transferred_out(
        self, transfer_id: UUID, to_outlet_id: UUID, sent_at: datetime, lines: list[Take]
    ) -> None:
        self._remove(lines)

    @event("TransferReceived")
    def _transfer_received(
        self, transfer_id: UUID, from_outlet_id: UUID, received_at: datetime, lines: list[Take]
    ) -> None:
        for take in lines:
            for lot in take.lots:
                add_to(
                    self.stock.setdefault(take.product_id.hex, {}), lot.lot, lot.qty, lot.expires_on
                )

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
        lots = self.stock.setdefault(product_id.hex, {})
        expires_on = lots[lot].expires_on if lot in lots else None
        if counted:
            lots[lot] = StockLot(counted, expires_on)
        else:
            lots.pop(lot, None)

    @event("WrittenOff")
    def _written_off(
        self, product_id: UUID, reason: str, written_off_at: datetime, take: Take
    ) -> None:
        self._remove([take])

    @event("ProductShowcased")
    def _showcased(self, product_id: UUID, showcased_on: date) -> None:
        pass

    @event("DesignSupportGiven")
    def _design_support_given(self, producer_id: UUID, given_on: date, description: str) -> None:
        pass

    @event("PromotionHeld")
    def _promotion_held(self, name: str, held_on: date, product_ids: list[UUID]) -> None:
        pass

    def _remove(self, takes: list[Take]) -> None:
        for take in takes:
            remove_from(self.stock[take.product_id.hex], take)
            if not self.stock[take.product_id.hex]:
                del self.stock[take.product_id.hex]
