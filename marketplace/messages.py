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

    refusal: ClassVar[str]
    """The reason (domain/refusals.py) a user the rule refuses is given."""

    def permits(self, principal: Principal) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class OutletWork(Command):
    """Recorded at one outlet: by staff bound to it, or an admin."""

    outlet_id: UUID
    refusal: ClassVar[str] = "outlet_staff_only"

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


# The programme's registers: officers and admins -------------------------------------------


class RegistryWork(Command):
    """Kept by the programme's officers and admins."""

    refusal: ClassVar[str] = "officers_only"

    def permits(self, principal: Principal) -> bool:
        return principal.may_keep_registers


@dataclass(frozen=True)
class RegisterProducer(RegistryWork):
    name: str
    kind: str
    province: str
    commune: str
    district: str | None = None
    registration_no: str | None = None


@dataclass(frozen=True)
class RegisterProduct(RegistryWork):
    producer_id: UUID
    name: str
    group: str
    unit: str
    price_vnd: int
    gtin: str | None = None
    classification: str | None = None


@dataclass(frozen=True)
class Certify(RegistryWork):
    product_id: UUID
    score: int
    certified_on: date
    certificate_no: str
    stars: int | None = None


@dataclass(frozen=True)
class RevokeCertificate(RegistryWork):
    product_id: UUID
    reason: str
    revoked_on: date


@dataclass(frozen=True)
class Nominate(RegistryWork):
    product_id: UUID
    nominated_on: date


@dataclass(frozen=True)
class OpenOutlet(RegistryWork):
    name: str
    kind: str
    province: str
    commune: str
    opened_on: date
    district: str | None = None


@dataclass(frozen=True)
class CloseOutlet(RegistryWork):
    outlet_id: UUID
    closed_on: date
