"""Outlet (điểm bán): an OCOP point, supermarket, centre, shop or online store, and its stock.

The aggregate is made of parts, one module each, that group its commands and events by
concern: outlet_periods (opening, closing, reopening), outlet_listings (the shelf and the
low-stock thresholds), outlet_stock (what is on hand and the rules of every movement),
outlet_receipts (stock from producers and back), outlet_counts (counts and write-offs),
outlet_sales (sales, returns, voids), outlet_transfers (transfers out and in transit) and
outlet_promotion (design centres and promotion events). Their events are the Outlet's own
(domain/base.py): each is stored as ``domain.outlet:Outlet.<Name>``, whichever part defines it.
"""

from datetime import date
from typing import Any

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.corrections import WRITE_OFF_REASONS
from domain.edits import Correctable, changed_only, check_correction_day, checked_reason
from domain.errors import InvalidValue
from domain.outlet_counts import Counts
from domain.outlet_listings import Listing, Listings
from domain.outlet_periods import OpenPeriods
from domain.outlet_promotion import Promotion
from domain.outlet_receipts import Receipts
from domain.outlet_sales import Sales
from domain.outlet_stock import Stock
from domain.outlet_transfers import Transfers
from domain.reference import OUTLET_KINDS
from domain.stock import LotHistory, Lots
from domain.text import checked_text
from domain.transfers import InTransit
from domain.values import Place

__all__ = ["WRITE_OFF_REASONS", "Listing", "Outlet"]


class Outlet(
    OpenPeriods,
    Listings,
    Stock,
    Receipts,
    Counts,
    Sales,
    Transfers,
    Promotion,
    Correctable,
    OcopAggregate,
):
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
        """A snapshot from before corrections, transfers in transit, thresholds and reopening:
        the transfers it received are forgotten (``transfers_forgotten``)."""
        state.update(
            sales={}, receipts={}, incoming={}, received_transfers={}, thresholds={}, closures=[]
        )
        state["transfers_forgotten"] = True

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

    # Corrections (đính chính) of its name, or a move (chuyển địa điểm)

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
