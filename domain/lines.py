"""Lines of stock movements: what a receipt brings in and what a sale, transfer or write-off takes."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.errors import InvalidValue
from domain.text import checked_text
from domain.values import MAX_QUANTITY, MAX_VND, check_at_most


def _check_whole(value: int, field: str, minimum: int, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidValue.because("whole_at_least", field, minimum=minimum)
    check_at_most(value, maximum, field)


@dataclass(frozen=True)
class ReceiptLine:
    """Stock coming in (nhập kho): a quantity, optionally of a lot with an expiry and a cost."""

    product_id: UUID
    qty: int
    lot: str = ""
    expires_on: date | None = None
    unit_cost_vnd: int | None = None

    def __post_init__(self) -> None:
        _check_whole(self.qty, "qty", 1, MAX_QUANTITY)
        checked_text(self.lot, "lot", required=False)
        if self.unit_cost_vnd is not None:
            _check_whole(self.unit_cost_vnd, "unit_cost_vnd", 0, MAX_VND)


@dataclass(frozen=True)
class SaleLine:
    """One line of a sales receipt (hóa đơn bán hàng)."""

    product_id: UUID
    qty: int
    unit_price_vnd: int

    def __post_init__(self) -> None:
        _check_whole(self.qty, "qty", 1, MAX_QUANTITY)
        _check_whole(self.unit_price_vnd, "unit_price_vnd", 0, MAX_VND)


@dataclass(frozen=True)
class LotTake:
    """How much of one lot a movement took."""

    lot: str
    qty: int
    expires_on: date | None = None


@dataclass(frozen=True)
class Take:
    """A product's quantity taken out of stock, with the lots it came from (first expiry first)."""

    product_id: UUID
    qty: int
    lots: list[LotTake]
    unit_price_vnd: int | None = None
