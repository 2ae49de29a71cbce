"""The Outlet's open periods (part of domain/outlet.py): closing, reopening, and the rule that
nothing is recorded on a day it was not open."""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import RuleConflict


class OpenPeriods:
    """Opened on a day, closed, reopened: the outlet's open periods (``closures`` are the
    [closed_on, reopened_on] gaps between them)."""

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

    def is_open_on(self, day: date) -> bool:
        """True if the outlet is open on ``day``: from its opening day to the day before
        closing, in each period it was open (a reopening starts a new one)."""
        if day < self.opened_on or any(start <= day < end for start, end in self.closures):
            return False
        return self.closed_on is None or day < self.closed_on

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

    @event("Closed")
    def _closed(self, closed_on: date) -> None:
        self.closed_on = closed_on

    @event("Reopened")
    def _reopened(self, closed_on: date, reopened_on: date) -> None:
        self.closures.append([closed_on, reopened_on])
        self.closed_on = None
