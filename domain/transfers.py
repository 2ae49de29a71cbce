"""Transfers in transit (hàng đang chuyển): what was sent, and how a receipt splits it into
what arrived and what was lost on the way."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.errors import InvalidValue, RuleConflict
from domain.lines import LotTake, Take, _check_whole
from domain.text import checked_text
from domain.values import MAX_QUANTITY


@dataclass(frozen=True)
class InTransit:
    """A transfer sent to this outlet and not yet received (chờ nhận)."""

    from_outlet_id: UUID
    sent_at: datetime
    lines: list[Take]


@dataclass(frozen=True)
class ArrivedLine:
    """What the destination counted on arrival: of a product, or of one lot of it (``lot``
    None: the product's lots as sent, first expiry first)."""

    product_id: UUID
    qty_received: int
    lot: str | None = None

    def __post_init__(self) -> None:
        _check_whole(self.qty_received, "qty_received", 0, MAX_QUANTITY)
        if self.lot is not None:
            checked_text(self.lot, "lot", required=False)


def split_arrival(
    sent: list[Take], arrived: list[ArrivedLine] | None
) -> tuple[list[Take], list[Take]]:
    """What was received and what was lost, lot by lot. No lines: all arrived. A product or
    lot the lines do not name arrived in full; a line names something sent, once, and no more
    than was sent."""
    counted = _counted(sent, arrived or [])
    received, lost = [], []
    for take in sent:
        here, gone = [], []
        for lot in take.lots:
            got = counted.get((take.product_id, lot.lot), lot.qty)
            if got:
                here.append(LotTake(lot.lot, got, lot.expires_on))
            if lot.qty - got:
                gone.append(LotTake(lot.lot, lot.qty - got, lot.expires_on))
        for lots, into in ((here, received), (gone, lost)):
            if lots:
                into.append(Take(take.product_id, sum(lot.qty for lot in lots), lots))
    return received, lost


def _counted(sent: list[Take], arrived: list[ArrivedLine]) -> dict[tuple[UUID, str], int]:
    """Units arrived per (product, lot) named by the lines."""
    sent_lots = {(take.product_id, lot.lot): lot.qty for take in sent for lot in take.lots}
    counted: dict[tuple[UUID, str], int] = {}
    for index, line in enumerate(arrived):
        lots = [key for key in sent_lots if key[0] == line.product_id]
        if not lots:
            raise InvalidValue.because("not_in_transfer", f"lines.{index}.product_id")
        if line.lot is not None:
            if (line.product_id, line.lot) not in sent_lots:
                raise InvalidValue.because(
                    "lot_not_in_transfer", f"lines.{index}.lot", lot=line.lot
                )
            lots = [(line.product_id, line.lot)]
        if any(key in counted for key in lots):
            raise InvalidValue.because("counted_twice", f"lines.{index}")
        sent_qty = sum(sent_lots[key] for key in lots)
        if line.qty_received > sent_qty:
            raise RuleConflict.because(
                "more_than_sent", f"lines.{index}.qty_received", sent=sent_qty
            )
        left = line.qty_received
        for key in lots:  # the lots in the order sent: first expiry first
            counted[key] = min(left, sent_lots[key])
            left -= counted[key]
    return counted
