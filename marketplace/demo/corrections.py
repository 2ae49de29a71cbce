"""Corrections in the demo: a partial return of a spring sale (damaged units, part refund) and
a sale of today voided by the outlet's manager (a void is only on the sale's own day)."""

from datetime import datetime
from uuid import UUID

from domain.errors import DomainError
from marketplace.application import Marketplace
from marketplace.clock import now
from marketplace.demo.actor import DEMO_ADMIN


def partial_return(
    app: Marketplace, outlet_id: UUID, sale: tuple[UUID, list[dict], datetime]
) -> None:
    """Half a line of the sale (at least one unit) comes back broken, refunded at 80%."""
    sale_id, lines, sold_at = sale
    line = max(lines, key=lambda line: line["qty"])
    qty = max(1, line["qty"] // 2)
    back = [{"product_id": line["product_id"], "qty": qty, "restock": False}]
    refund = int(qty * line["unit_price_vnd"] * 0.8)
    returned_at = sold_at.replace(minute=min(sold_at.minute + 20, 59))
    reason = "Khách trả lại: vỡ bao bì khi vận chuyển"
    app.return_sale(outlet_id, sale_id, back, reason, refund, returned_at, actor=DEMO_ADMIN)


def voided_sale_today(app: Marketplace, outlet_id: UUID, candidates: list[UUID]) -> bool:
    """A sale keyed in by mistake today and voided by the manager: True if one was made."""
    for product_id in candidates:
        line = {"product_id": product_id, "qty": 1, "unit_price_vnd": 10_000}
        try:
            sale = app.sell(outlet_id, [line], now(), actor=DEMO_ADMIN)
        except DomainError:  # not sellable today (expired, delisted): try the next
            continue
        app.void_sale(outlet_id, UUID(sale["id"]), "Bấm nhầm số lượng", actor=DEMO_ADMIN)
        return True
    return False
