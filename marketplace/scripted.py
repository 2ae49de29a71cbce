"""The commands as methods with real signatures, for scripts, the demo, the bench and tests:
``app.sell(outlet_id, lines, sold_at)`` is ``app.execute(Sell(outlet_id, lines, sold_at),
SYSTEM)``. They act as SYSTEM (events say "system") unless given an ``actor``, with no
Idempotency-Key; a request, a page and the CLI call ``execute`` itself (marketplace/door.py)."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from marketplace.access import SYSTEM, Principal
from marketplace.messages import (
    BindUserToOutlet,
    Certify,
    ChangeOwnPassword,
    ChangeRole,
    CloseOutlet,
    CorrectOutlet,
    CorrectProducer,
    CorrectProduct,
    CountStock,
    DelistProduct,
    DisableUser,
    EnableUser,
    HoldPromotion,
    ListProduct,
    Nominate,
    OpenOutlet,
    ReceiveStock,
    ReceiveTransfer,
    RegisterProducer,
    RegisterProduct,
    RegisterUser,
    ReopenOutlet,
    ResetPassword,
    RevokeCertificate,
    Sell,
    SetThreshold,
    Showcase,
    SupportDesign,
    TransferStock,
    UnbindUserFromOutlet,
    WriteOff,
)


class ScriptedCommands:
    """Mixed into the application: one method per command, each a call of ``execute``."""

    # The programme's registers

    def register_producer(
        self,
        name: str,
        kind: str,
        province: str,
        commune: str,
        district: str | None = None,
        registration_no: str | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            RegisterProducer(name, kind, province, commune, district, registration_no), actor
        )

    def register_product(
        self,
        producer_id: UUID,
        name: str,
        group: str,
        unit: str,
        price_vnd: int,
        gtin: str | None = None,
        classification: str | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            RegisterProduct(producer_id, name, group, unit, price_vnd, gtin, classification), actor
        )

    def correct_producer(
        self, producer_id: UUID, *, actor: Principal = SYSTEM, **changes: Any
    ) -> dict:
        """``changes``: CorrectProducer's fields (name, kind, place, changed_on, reason)."""
        return self.execute(CorrectProducer(producer_id, **changes), actor)

    def correct_product(
        self, product_id: UUID, *, actor: Principal = SYSTEM, **changes: Any
    ) -> dict:
        """``changes``: CorrectProduct's fields (name, unit, gtin, price_vnd, group, ...)."""
        return self.execute(CorrectProduct(product_id, **changes), actor)

    def certify(
        self,
        product_id: UUID,
        score: int,
        certified_on: date,
        certificate_no: str,
        stars: int | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(Certify(product_id, score, certified_on, certificate_no, stars), actor)

    def revoke_certificate(
        self,
        product_id: UUID,
        reason: str,
        revoked_on: date,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(RevokeCertificate(product_id, reason, revoked_on), actor)

    def nominate(
        self,
        product_id: UUID,
        nominated_on: date,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(Nominate(product_id, nominated_on), actor)

    # Outlets

    def open_outlet(
        self,
        name: str,
        kind: str,
        province: str,
        commune: str,
        opened_on: date,
        district: str | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(OpenOutlet(name, kind, province, commune, opened_on, district), actor)

    def close_outlet(
        self,
        outlet_id: UUID,
        closed_on: date,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(CloseOutlet(outlet_id, closed_on), actor)

    def correct_outlet(self, outlet_id: UUID, *, actor: Principal = SYSTEM, **changes: Any) -> dict:
        """``changes``: CorrectOutlet's fields (name, place, changed_on, reason)."""
        return self.execute(CorrectOutlet(outlet_id, **changes), actor)

    def reopen_outlet(
        self, outlet_id: UUID, reopened_on: date, *, actor: Principal = SYSTEM
    ) -> dict:
        return self.execute(ReopenOutlet(outlet_id, reopened_on), actor)

    def list_product(
        self,
        outlet_id: UUID,
        product_id: UUID,
        listed_on: date | None = None,
        low_stock_threshold: int = 0,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            ListProduct(outlet_id, product_id, listed_on, low_stock_threshold), actor
        )

    def delist_product(
        self,
        outlet_id: UUID,
        product_id: UUID,
        delisted_on: date | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(DelistProduct(outlet_id, product_id, delisted_on), actor)

    def receive_stock(
        self,
        outlet_id: UUID,
        lines: list[dict[str, Any]],
        received_at: datetime | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(ReceiveStock(outlet_id, lines, received_at), actor)

    def sell(
        self,
        outlet_id: UUID,
        lines: list[dict[str, Any]],
        sold_at: datetime | None = None,
        *,
        paid_vnd: int | None = None,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(Sell(outlet_id, lines, sold_at, paid_vnd), actor)

    def transfer_stock(
        self,
        outlet_id: UUID,
        to_outlet_id: UUID,
        lines: list[dict[str, Any]],
        sent_at: datetime | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(TransferStock(outlet_id, to_outlet_id, lines, sent_at), actor)

    def receive_transfer(
        self,
        outlet_id: UUID,
        transfer_id: UUID,
        lines: list[dict[str, Any]] | None = None,
        received_at: datetime | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(ReceiveTransfer(outlet_id, transfer_id, lines, received_at), actor)

    def set_threshold(
        self,
        outlet_id: UUID,
        product_id: UUID,
        low_stock_threshold: int,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(SetThreshold(outlet_id, product_id, low_stock_threshold), actor)

    def count_stock(
        self,
        outlet_id: UUID,
        product_id: UUID,
        counted: int,
        reason: str,
        lot: str = "",
        counted_at: datetime | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            CountStock(outlet_id, product_id, counted, reason, lot, counted_at), actor
        )

    def write_off(
        self,
        outlet_id: UUID,
        product_id: UUID,
        qty: int,
        reason: str,
        lot: str = "",
        written_off_at: datetime | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            WriteOff(outlet_id, product_id, qty, reason, lot, written_off_at), actor
        )

    def showcase(
        self,
        outlet_id: UUID,
        product_id: UUID,
        showcased_on: date | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(Showcase(outlet_id, product_id, showcased_on), actor)

    def support_design(
        self,
        outlet_id: UUID,
        producer_id: UUID,
        description: str,
        given_on: date | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(SupportDesign(outlet_id, producer_id, description, given_on), actor)

    def hold_promotion(
        self,
        outlet_id: UUID,
        name: str,
        product_ids: list[UUID],
        held_on: date | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(HoldPromotion(outlet_id, name, product_ids, held_on), actor)

    # Accounts

    def register_user(
        self,
        username: str,
        role: str,
        password: str,
        outlet_ids: Sequence[UUID] = (),
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(RegisterUser(username, role, password, list(outlet_ids)), actor)

    def bind_user_to_outlet(
        self,
        user_id: UUID,
        outlet_id: UUID,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(BindUserToOutlet(user_id, outlet_id), actor)

    def unbind_user_from_outlet(
        self,
        user_id: UUID,
        outlet_id: UUID,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(UnbindUserFromOutlet(user_id, outlet_id), actor)

    def change_own_password(
        self,
        user_id: UUID,
        current_password: str,
        new_password: str,
        address: str | None = None,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(
            ChangeOwnPassword(user_id, current_password, new_password, address), actor
        )

    def reset_password(
        self,
        user_id: UUID,
        new_password: str,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(ResetPassword(user_id, new_password), actor)

    def change_role(
        self,
        user_id: UUID,
        role: str,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(ChangeRole(user_id, role), actor)

    def disable_user(
        self,
        user_id: UUID,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(DisableUser(user_id), actor)

    def enable_user(
        self,
        user_id: UUID,
        *,
        actor: Principal = SYSTEM,
    ) -> dict:
        return self.execute(EnableUser(user_id), actor)
