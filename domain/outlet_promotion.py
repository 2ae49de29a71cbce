"""The Outlet's promotion work (part of domain/outlet.py): products shown at a design centre
(trưng bày), design support given to producers (hỗ trợ thiết kế), display-and-promotion events
(xúc tiến). These events change no state: the views count them."""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import InvalidValue, RuleConflict
from domain.text import checked_text

DESIGN_CENTRE = "design_centre"


class Promotion:
    """Showcases and design support at design centres; promotion events at any outlet."""

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

    def _check_design_centre(self) -> None:
        if self.kind != DESIGN_CENTRE:
            raise RuleConflict.because("not_design_centre", "kind")

    @event("ProductShowcased")
    def _showcased(self, product_id: UUID, showcased_on: date) -> None:
        pass

    @event("DesignSupportGiven")
    def _design_support_given(self, producer_id: UUID, given_on: date, description: str) -> None:
        pass

    @event("PromotionHeld")
    def _promotion_held(self, name: str, held_on: date, product_ids: list[UUID]) -> None:
        pass
