"""Commands as values: what a user asks the marketplace to record, and who may ask it.

Each command is a small frozen dataclass handed to ``Marketplace.execute`` (marketplace/door.py)
with the actor who sends it. Its family names the access rule (marketplace/access.py) and the
refusal a user the rule refuses gets; its handler (``@handles``) gets the aggregates, calls
the domain and says what to save.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar
from uuid import UUID

from marketplace.access import Principal


class Command:
    """A request to record something; ``rule`` is its access rule, on its values (which a
    caller may check early on the values it knows, such as a path's)."""

    refusal: ClassVar[str]
    """The reason (domain/refusals.py) a user the rule refuses is given."""

    @staticmethod
    def rule(principal: Principal, **values: Any) -> bool:
        raise NotImplementedError

    def permits(self, principal: Principal) -> bool:
        return self.rule(principal, **vars(self))


@dataclass(frozen=True)
class OutletWork(Command):
    """Recorded at one outlet: by staff bound to it, or an admin."""

    outlet_id: UUID
    refusal: ClassVar[str] = "outlet_staff_only"

    @staticmethod
    def rule(principal: Principal, outlet_id: UUID, **_: Any) -> bool:
        return principal.may_write_to_outlet(outlet_id)


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
    paid_vnd: int | None = None


@dataclass(frozen=True)
class TransferStock(OutletWork):
    to_outlet_id: UUID
    lines: list[dict[str, Any]]
    sent_at: datetime | None = None


@dataclass(frozen=True)
class ReceiveTransfer(OutletWork):
    """At the destination (``outlet_id``): receive a transfer in transit, all of it or the
    quantities the lines count."""

    transfer_id: UUID
    lines: list[dict[str, Any]] | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class SetThreshold(OutletWork):
    product_id: UUID
    low_stock_threshold: int


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
    note: str = ""


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


@dataclass(frozen=True)
class ReturnSale(OutletWork):
    sale_id: UUID
    lines: list[dict[str, Any]]
    reason: str
    refund_vnd: int | None = None
    returned_at: datetime | None = None


@dataclass(frozen=True)
class ReverseReceipt(OutletWork):
    receipt_id: UUID
    reason: str


@dataclass(frozen=True)
class ReturnToSupplier(OutletWork):
    producer_id: UUID
    lines: list[dict[str, Any]]
    reason: str
    returned_at: datetime | None = None


@dataclass(frozen=True)
class VoidSale(Command):
    """A void (hủy hóa đơn): by a manager bound to the outlet, or an admin."""

    outlet_id: UUID
    sale_id: UUID
    reason: str
    refusal: ClassVar[str] = "outlet_managers_only"

    @staticmethod
    def rule(principal: Principal, outlet_id: UUID, **_: Any) -> bool:
        return principal.may_manage_outlet(outlet_id)


# The programme's registers: officers and admins -------------------------------------------


class RegistryWork(Command):
    """Kept by the programme's officers and admins."""

    refusal: ClassVar[str] = "officers_only"

    @staticmethod
    def rule(principal: Principal, **_: Any) -> bool:
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
class CorrectProducer(RegistryWork):
    """Correct a producer's name or kind, or record its move, from ``changed_on`` (None:
    today); a field left None is unchanged, a place is given whole (province and commune)."""

    producer_id: UUID
    name: str | None = None
    kind: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    changed_on: date | None = None
    reason: str | None = None


@dataclass(frozen=True)
class CorrectProduct(RegistryWork):
    """Correct a product's name, unit, GTIN, list price or group from ``changed_on`` (None:
    today); a field left None is unchanged."""

    product_id: UUID
    name: str | None = None
    unit: str | None = None
    gtin: str | None = None
    price_vnd: int | None = None
    group: str | None = None
    changed_on: date | None = None
    reason: str | None = None


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


@dataclass(frozen=True)
class CorrectOutlet(RegistryWork):
    """Correct an outlet's name, or record its move, from ``changed_on`` (None: today); a
    field left None is unchanged, a place is given whole (province and commune)."""

    outlet_id: UUID
    name: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    changed_on: date | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ReopenOutlet(RegistryWork):
    outlet_id: UUID
    reopened_on: date


# Accounts: admins, and each user their own password ----------------------------------------


class AccountWork(Command):
    """Kept by admins."""

    refusal: ClassVar[str] = "admins_only"

    @staticmethod
    def rule(principal: Principal, **_: Any) -> bool:
        return principal.may_manage_users


@dataclass(frozen=True)
class RegisterUser(AccountWork):
    username: str
    role: str
    password: str
    outlet_ids: list[UUID] = field(default_factory=list)


@dataclass(frozen=True)
class BindUserToOutlet(AccountWork):
    user_id: UUID
    outlet_id: UUID


@dataclass(frozen=True)
class UnbindUserFromOutlet(AccountWork):
    user_id: UUID
    outlet_id: UUID


@dataclass(frozen=True)
class ResetPassword(AccountWork):
    user_id: UUID
    new_password: str


@dataclass(frozen=True)
class ChangeRole(AccountWork):
    user_id: UUID
    role: str


@dataclass(frozen=True)
class DisableUser(AccountWork):
    user_id: UUID


@dataclass(frozen=True)
class EnableUser(AccountWork):
    user_id: UUID


@dataclass(frozen=True)
class ChangeOwnPassword(Command):
    """A user's own password, knowing the current one; a wrong one counts as a failed sign-in
    from ``address``."""

    user_id: UUID
    current_password: str
    new_password: str
    address: str | None = None
    refusal: ClassVar[str] = "own_account_only"

    @staticmethod
    def rule(principal: Principal, user_id: UUID | None = None, **_: Any) -> bool:
        return user_id is None or principal.id == user_id
