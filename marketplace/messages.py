"""Commands as values: what a user asks the marketplace to record, and who may ask it.

Each command is a small frozen dataclass handed to ``Marketplace.execute`` (marketplace/door.py)
with the actor who sends it. Its family names the access rule (marketplace/access.py) and the
refusal a user the rule refuses gets; its handler (``@handles``) gets the aggregates, calls
the domain and says what to save.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar
from uuid import UUID

from marketplace.access import Principal


class Command:
    """A request to record something; ``permits`` is its access rule."""

    refusal: ClassVar[str] = "you may not do this"

    def permits(self, principal: Principal) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class OutletWork(Command):
    """Recorded at one outlet: by staff bound to it, or an admin."""

    outlet_id: UUID
    refusal: ClassVar[str] = "only staff bound to this outlet (or an admin) record here"

    def permits(self, principal: Principal) -> bool:
        return principal.may_write_to_outlet(self.outlet_id)


@dataclass(frozen=True)
class ListProduct(OutletWork):
    product_id: UUID
    listed_on: date | None = None
    low_stock_threshold: int = 0


@dataclass(frozen=True)
class DelistProduct(OutletWork):
    product_id: UUID
    delisted_on: date | None = None


@dataclass(frozen=True)
class ReceiveStock(OutletWork):
    lines: list[dict[str, Any]]
    received_at: datetime | None = None


@dataclass(frozen=True)
class Sell(OutletWork):
    lines: list[dict[str, Any]]
    sold_at: datetime | None = None


@dataclass(frozen=True)
class TransferStock(OutletWork):
    to_outlet_id: UUID
    lines: list[dict[str, Any]]
    sent_at: datetime | None = None


@dataclass(frozen=True)
class CountStock(OutletWork):
    product_id: UUID
    counted: int
    reason: str
    lot: str = ""
    counted_at: datetime | None = None


@dataclass(frozen=True)
class WriteOff(OutletWork):
    product_id: UUID
    qty: int
    reason: str
    lot: str = ""
    written_off_at: datetime | None = None


@dataclass(frozen=True)
class Showcase(OutletWork):
    product_id: UUID
    showcased_on: date | None = None


@dataclass(frozen=True)
class SupportDesign(OutletWork):
    producer_id: UUID
    description: str
    given_on: date | None = None


@dataclass(frozen=True)
class HoldPromotion(OutletWork):
    name: str
    product_ids: list[UUID]
    held_on: date | None = None
