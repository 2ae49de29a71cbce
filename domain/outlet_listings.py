"""The Outlet's shelf (part of domain/outlet.py): products listed and delisted (niêm yết), the
listing periods remembered for back-dated sales, and the low-stock thresholds."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidValue, RuleConflict
from domain.reference import SHELF_KINDS
from domain.stock import window_start
from domain.values import MAX_QUANTITY, check_at_most


@dataclass(frozen=True)
class Listing:
    """A product on the outlet's shelf (niêm yết), with its low-stock threshold."""

    listed_on: date
    low_stock_threshold: int = 0


class Listings:
    """What the outlet lists (``listings``), listed before (``past_listings``) and the
    thresholds set for low-stock alerts (``thresholds``)."""

    def set_threshold(self, product_id: UUID, low_stock_threshold: int) -> None:
        """Set the low-stock threshold (ngưỡng sắp hết hàng) of a product the outlet stocks
        or lists, listed or not."""
        _check_threshold(low_stock_threshold)
        known = self.listings.keys() | self.lots.keys() | self.thresholds.keys()
        if product_id.hex not in known:
            raise RuleConflict.because("not_stocked", "product_id")
        self._threshold_set(product_id, low_stock_threshold)

    def list_product(self, product_id: UUID, listed_on: date, low_stock_threshold: int = 0) -> None:
        """Put a product on the shelf (niêm yết sản phẩm)."""
        self._check_open_on(listed_on, "listed_on")
        _check_threshold(low_stock_threshold)
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

    def _listed_on(self, product: str, day: date) -> bool:
        """True if the product was on the shelf on ``day`` (delisting days excluded)."""
        current = self.listings.get(product)
        if current is not None and current.listed_on <= day:
            return True
        return any(start <= day < end for start, end in self.past_listings.get(product, []))

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

    @event("ThresholdSet")
    def _threshold_set(self, product_id: UUID, low_stock_threshold: int) -> None:
        self.thresholds[product_id.hex] = low_stock_threshold


def _check_threshold(low_stock_threshold: int) -> None:
    if isinstance(low_stock_threshold, bool) or low_stock_threshold < 0:
        raise InvalidValue.because("not_negative", "low_stock_threshold")
    check_at_most(low_stock_threshold, MAX_QUANTITY, "low_stock_threshold")
