"""Corrections at an outlet: a sale's return and void, a receipt's reversal, a return to the
supplier (each an event with who, when and why; nothing is edited)."""

from typing import Any
from uuid import UUID

from domain.errors import RuleConflict
from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from marketplace.access import SYSTEM, Principal
from marketplace.clock import business_time, now
from marketplace.commands import Recorded
from marketplace.door import handles
from marketplace.messages import ReturnSale, ReturnToSupplier, ReverseReceipt, VoidSale


class CorrectionCommands:
    """Mixed into the application: returns, voids, reversals and returns to the supplier."""

    @handles(ReturnSale)
    def _return_sale(self, c: ReturnSale, by: Principal) -> Recorded:
        """Take back units of a sale; restocked units go back to the lots they came from."""
        outlet = self.get(c.outlet_id, Outlet)
        wanted = [(line["product_id"], line["qty"], line.get("restock", True)) for line in c.lines]
        moment = business_time(c.returned_at, "returned_at")
        return_id = outlet.return_sale(c.sale_id, wanted, c.reason, moment, c.refund_vnd)
        return Recorded({"id": str(return_id)}, outlet)

    @handles(VoidSale)
    def _void_sale(self, c: VoidSale, by: Principal) -> Recorded:
        """Void a sale on its own day: every unit goes back to its lot."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.void_sale(c.sale_id, c.reason, now())
        return Recorded({"id": str(c.sale_id)}, outlet)

    @handles(ReverseReceipt)
    def _reverse_receipt(self, c: ReverseReceipt, by: Principal) -> Recorded:
        """Reverse a wrong receipt while all of its units are still at the outlet."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.reverse_receipt(c.receipt_id, c.reason, now())
        return Recorded({"id": str(c.receipt_id)}, outlet)

    @handles(ReturnToSupplier)
    def _return_to_supplier(self, c: ReturnToSupplier, by: Principal) -> Recorded:
        """Send stock back to its producer; every product must be that producer's."""
        outlet = self.get(c.outlet_id, Outlet)
        self.get_referenced(c.producer_id, Producer, "producer_id")
        for index, line in enumerate(c.lines):
            product = self.get_referenced(line["product_id"], Product, f"lines.{index}.product_id")
            if product.producer_id != c.producer_id:
                raise RuleConflict.because(
                    "not_producers_product", f"lines.{index}.product_id", product=product.id
                )
        wanted = [(line["product_id"], line["qty"], line.get("lot")) for line in c.lines]
        moment = business_time(c.returned_at, "returned_at")
        return_id = outlet.return_to_supplier(c.producer_id, wanted, c.reason, moment)
        return Recorded({"id": str(return_id)}, outlet)

    # The same for scripts and tests, as SYSTEM unless given an ``actor``.

    def return_sale(
        self, outlet_id: UUID, *args: Any, actor: Principal = SYSTEM, **kw: Any
    ) -> dict:
        return self.execute(ReturnSale(outlet_id, *args, **kw), actor)

    def void_sale(self, outlet_id: UUID, *args: Any, actor: Principal = SYSTEM, **kw: Any) -> dict:
        return self.execute(VoidSale(outlet_id, *args, **kw), actor)

    def reverse_receipt(
        self, outlet_id: UUID, *args: Any, actor: Principal = SYSTEM, **kw: Any
    ) -> dict:
        return self.execute(ReverseReceipt(outlet_id, *args, **kw), actor)

    def return_to_supplier(
        self, outlet_id: UUID, *args: Any, actor: Principal = SYSTEM, **kw: Any
    ) -> dict:
        return self.execute(ReturnToSupplier(outlet_id, *args, **kw), actor)
