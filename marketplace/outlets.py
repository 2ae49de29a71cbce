"""Commands and reads for outlets: shelves, stock in, sales, transfers, counts and write-offs."""

from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from domain.errors import InvalidValue
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from marketplace.access import Principal
from marketplace.clock import business_day, business_time
from marketplace.commands import Recorded
from marketplace.door import handles
from marketplace.edits import corrections_view, moved_to
from marketplace.messages import (
    CloseOutlet,
    CorrectOutlet,
    CountStock,
    DelistProduct,
    HoldPromotion,
    ListProduct,
    OpenOutlet,
    ReceiveStock,
    Sell,
    Showcase,
    SupportDesign,
    WriteOff,
)
from marketplace.places import place_of

L = TypeVar("L", ReceiptLine, SaleLine)


class OutletCommands:
    """Mixed into the application: what outlet staff and supermarket managers record."""

    @handles(OpenOutlet)
    def _open_outlet(self, c: OpenOutlet, by: Principal) -> Recorded:
        """Open an outlet (điểm bán, siêu thị, trung tâm thương mại, ...)."""
        opened_on = business_day(c.opened_on, "opened_on")
        place = place_of(c.province, c.district, c.commune, opened_on)
        outlet = Outlet.open(c.name, c.kind, place, opened_on)
        return Recorded({"id": str(outlet.id)}, outlet)

    @handles(CloseOutlet)
    def _close_outlet(self, c: CloseOutlet, by: Principal) -> Recorded:
        """Close an outlet."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.close(business_day(c.closed_on, "closed_on"))
        return Recorded({"id": str(outlet.id), "closed_on": c.closed_on.isoformat()}, outlet)

    @handles(CorrectOutlet)
    def _correct_outlet(self, c: CorrectOutlet, by: Principal) -> Recorded:
        """Correct an outlet's name, or record its move, from a day (đính chính điểm bán)."""
        outlet = self.get(c.outlet_id, Outlet)
        day = business_day(c.changed_on, "changed_on")
        outlet.correct(day, c.reason, c.name, moved_to(c, day, outlet.place))
        return Recorded(outlet_view(outlet), outlet)

    # Handlers: the door (marketplace/door.py) authorises, then runs these and saves.

    @handles(ListProduct)
    def _list_product(self, c: ListProduct, by: Principal) -> Recorded:
        """Put a registered product on an outlet's shelf."""
        outlet = self.get(c.outlet_id, Outlet)
        self.get_referenced(c.product_id, Product, "product_id")
        outlet.list_product(
            c.product_id, business_day(c.listed_on, "listed_on"), c.low_stock_threshold
        )
        listing = {
            "id": str(c.product_id),
            "outlet_id": str(c.outlet_id),
            "product_id": str(c.product_id),
        }
        return Recorded(listing, outlet)

    @handles(DelistProduct)
    def _delist_product(self, c: DelistProduct, by: Principal) -> Recorded:
        """Take a product off an outlet's shelf."""
        outlet = self.get(c.outlet_id, Outlet)
        outlet.delist(c.product_id, business_day(c.delisted_on, "delisted_on"))
        return Recorded({"outlet_id": str(c.outlet_id), "product_id": str(c.product_id)}, outlet)

    @handles(ReceiveStock)
    def _receive_stock(self, c: ReceiveStock, by: Principal) -> Recorded:
        """Take stock in at an outlet; every product must be registered."""
        outlet = self.get(c.outlet_id, Outlet)
        for index, line in enumerate(c.lines):
            self.get_referenced(line["product_id"], Product, f"lines.{index}.product_id")
        receipt_id = outlet.receive(
            numbered(ReceiptLine, c.lines), business_time(c.received_at, "received_at")
        )
        return Recorded({"id": str(receipt_id)}, outlet)

    @handles(Sell)
    def _sell(self, c: Sell, by: Principal) -> Recorded:
        """Record a sale; if any line exceeds stock, nothing is recorded."""
        outlet = self.get(c.outlet_id, Outlet)
        sold_at = business_time(c.sold_at, "sold_at")
        sale_id = outlet.sell(numbered(SaleLine, c.lines), sold_at, c.paid_vnd)
        return Recorded({"id": str(sale_id)}, outlet)

    @handles(CountStock)
    def _count_stock(self, c: CountStock, by: Principal) -> Recorded:
        """Record a stock count and the adjustment it makes."""
        outlet = self.get(c.outlet_id, Outlet)
        self.get_referenced(c.product_id, Product, "product_id")
        delta = outlet.count_stock(
            c.product_id, c.counted, business_time(c.counted_at, "counted_at"), c.reason, c.lot
        )
        counted = {"outlet_id": str(c.outlet_id), "product_id": str(c.product_id)}
        return Recorded({**counted, "adjustment": delta}, outlet)

    @handles(WriteOff)
    def _write_off(self, c: WriteOff, by: Principal) -> Recorded:
        """Write off stock for one of the write-off reasons (``other`` with a note)."""
        outlet = self.get(c.outlet_id, Outlet)
        moment = business_time(c.written_off_at, "written_off_at")
        outlet.write_off(c.product_id, c.qty, c.reason, moment, c.lot, c.note)
        written_off = {"outlet_id": str(c.outlet_id), "product_id": str(c.product_id)}
        return Recorded({**written_off, "qty": c.qty}, outlet)

    @handles(Showcase)
    def _showcase(self, c: Showcase, by: Principal) -> Recorded:
        """Put a product on display at a creative design centre."""
        outlet = self.get(c.outlet_id, Outlet)
        self.get_referenced(c.product_id, Product, "product_id")
        outlet.showcase(c.product_id, business_day(c.showcased_on, "showcased_on"))
        return Recorded({"outlet_id": str(c.outlet_id), "product_id": str(c.product_id)}, outlet)

    @handles(SupportDesign)
    def _support_design(self, c: SupportDesign, by: Principal) -> Recorded:
        """Record design support a design centre gave a producer."""
        outlet = self.get(c.outlet_id, Outlet)
        self.get_referenced(c.producer_id, Producer, "producer_id")
        outlet.support_design(c.producer_id, business_day(c.given_on, "given_on"), c.description)
        supported = {"outlet_id": str(c.outlet_id), "producer_id": str(c.producer_id)}
        return Recorded(supported, outlet)

    @handles(HoldPromotion)
    def _hold_promotion(self, c: HoldPromotion, by: Principal) -> Recorded:
        """Record a display-and-promotion event with the products shown."""
        outlet = self.get(c.outlet_id, Outlet)
        for index, product_id in enumerate(c.product_ids):
            self.get_referenced(product_id, Product, f"product_ids.{index}")
        outlet.hold_promotion(c.name, business_day(c.held_on, "held_on"), c.product_ids)
        return Recorded({"outlet_id": str(c.outlet_id), "name": c.name}, outlet)

    def outlet(
        self, outlet_id: UUID, as_of: date | None = None, as_of_version: int | None = None
    ) -> dict[str, Any]:
        """An outlet's details, shelf and stock; for auditors, as recorded by the end of a day
        (Vietnam time) or at a version, rebuilt from its events (from the nearest snapshot)."""
        return outlet_view(self.get_as_of(outlet_id, Outlet, as_of, as_of_version))


def numbered(line_type: type[L], lines: list[dict[str, Any]]) -> list[L]:
    """The lines of a movement; a refused value is named with its line (lines.2.lot)."""
    made = []
    for index, line in enumerate(lines):
        try:
            made.append(line_type(**line))
        except InvalidValue as refused:
            raise refused.about(f"lines.{index}.{refused.field}") from None
    return made


def outlet_view(outlet: Outlet) -> dict[str, Any]:
    """An outlet as the API shows it, with the version it was read at."""
    return {
        "id": str(outlet.id),
        "version": outlet.version,
        "name": outlet.name,
        "kind": outlet.kind,
        "province": outlet.place.province,
        "district": outlet.place.district,
        "commune": outlet.place.commune,
        "opened_on": outlet.opened_on.isoformat(),
        "closed_on": outlet.closed_on.isoformat() if outlet.closed_on else None,
        "listings": [
            {"product_id": str(UUID(hex_id)), "listed_on": listing.listed_on.isoformat()}
            for hex_id, listing in outlet.listings.items()
        ],
        "stock": stock_view(outlet),
        "corrections": corrections_view(outlet),
    }


def stock_view(outlet: Outlet) -> list[dict[str, Any]]:
    """On hand by product and lot."""
    return [
        {
            "product_id": str(UUID(hex_id)),
            "on_hand": sum(lot.on_hand for lot in lots.values()),
            "lots": [
                {
                    "lot": code,
                    "on_hand": lot.on_hand,
                    "expires_on": lot.expires_on.isoformat() if lot.expires_on else None,
                }
                for code, lot in sorted(lots.items())
            ],
        }
        for hex_id, lots in sorted(outlet.stock.items())
    ]
