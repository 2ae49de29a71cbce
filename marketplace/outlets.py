"""Commands and reads for outlets: shelves, stock in, sales, transfers, counts and write-offs."""

from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from domain.errors import InvalidValue
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from domain.values import Place
from marketplace.clock import business_day, business_time
from marketplace.commands import Recorded, command

L = TypeVar("L", ReceiptLine, SaleLine)


class OutletCommands:
    """Mixed into the application: what outlet staff and supermarket managers record."""

    @command
    def open_outlet(
        self,
        name: str,
        kind: str,
        province: str,
        commune: str,
        opened_on: date,
        district: str | None = None,
    ) -> Recorded:
        """Open an outlet (điểm bán, siêu thị, trung tâm thương mại, ...)."""
        outlet = Outlet.open(
            name,
            kind,
            Place(province, commune, district or None),
            business_day(opened_on, "opened_on"),
        )
        return Recorded({"id": str(outlet.id)}, outlet)

    @command
    def close_outlet(self, outlet_id: UUID, closed_on: date) -> Recorded:
        """Close an outlet."""
        outlet = self.get(outlet_id, Outlet)
        outlet.close(business_day(closed_on, "closed_on"))
        return Recorded({"id": str(outlet.id), "closed_on": closed_on.isoformat()}, outlet)

    @command
    def list_product(
        self,
        outlet_id: UUID,
        product_id: UUID,
        listed_on: date | None = None,
        low_stock_threshold: int = 0,
    ) -> Recorded:
        """Put a registered product on an outlet's shelf."""
        outlet = self.get(outlet_id, Outlet)
        self.get_referenced(product_id, Product, "product_id")
        outlet.list_product(product_id, business_day(listed_on, "listed_on"), low_stock_threshold)
        listing = {
            "id": str(product_id),
            "outlet_id": str(outlet_id),
            "product_id": str(product_id),
        }
        return Recorded(listing, outlet)

    @command
    def delist_product(
        self, outlet_id: UUID, product_id: UUID, delisted_on: date | None = None
    ) -> Recorded:
        """Take a product off an outlet's shelf."""
        outlet = self.get(outlet_id, Outlet)
        outlet.delist(product_id, business_day(delisted_on, "delisted_on"))
        return Recorded({"outlet_id": str(outlet_id), "product_id": str(product_id)}, outlet)

    @command
    def receive_stock(
        self, outlet_id: UUID, lines: list[dict[str, Any]], received_at: datetime | None = None
    ) -> Recorded:
        """Take stock in at an outlet; every product must be registered."""
        outlet = self.get(outlet_id, Outlet)
        for index, line in enumerate(lines):
            self.get_referenced(line["product_id"], Product, f"lines.{index}.product_id")
        receipt_id = outlet.receive(
            numbered(ReceiptLine, lines), business_time(received_at, "received_at")
        )
        return Recorded({"id": str(receipt_id)}, outlet)

    @command
    def sell(
        self, outlet_id: UUID, lines: list[dict[str, Any]], sold_at: datetime | None = None
    ) -> Recorded:
        """Record a sale; if any line exceeds stock, nothing is recorded."""
        outlet = self.get(outlet_id, Outlet)
        sale_id = outlet.sell(numbered(SaleLine, lines), business_time(sold_at, "sold_at"))
        return Recorded({"id": str(sale_id)}, outlet)

    @command
    def transfer_stock(
        self,
        outlet_id: UUID,
        to_outlet_id: UUID,
        lines: list[dict[str, Any]],
        sent_at: datetime | None = None,
    ) -> Recorded:
        """Move stock to another outlet; both sides are recorded in one transaction."""
        source = self.get(outlet_id, Outlet)
        destination = self.get_referenced(to_outlet_id, Outlet, "to_outlet_id")
        moment = business_time(sent_at, "sent_at")
        wanted = [(line["product_id"], line["qty"]) for line in lines]
        transfer_id, takes = source.transfer_out(to_outlet_id, wanted, moment)
        destination.receive_transfer(transfer_id, outlet_id, takes, moment)
        return Recorded({"id": str(transfer_id)}, source, destination)

    @command
    def count_stock(
        self,
        outlet_id: UUID,
        product_id: UUID,
        counted: int,
        reason: str,
        lot: str = "",
        counted_at: datetime | None = None,
    ) -> Recorded:
        """Record a stock count and the adjustment it makes."""
        outlet = self.get(outlet_id, Outlet)
        self.get_referenced(product_id, Product, "product_id")
        delta = outlet.count_stock(
            product_id, counted, business_time(counted_at, "counted_at"), reason, lot
        )
        return Recorded(
            {"outlet_id": str(outlet_id), "product_id": str(product_id), "adjustment": delta},
            outlet,
        )

    @command
    def write_off(
        self,
        outlet_id: UUID,
        product_id: UUID,
        qty: int,
        reason: str,
        lot: str = "",
        written_off_at: datetime | None = None,
    ) -> Recorded:
        """Write off expired or damaged stock."""
        outlet = self.get(outlet_id, Outlet)
        outlet.write_off(
            product_id, qty, reason, business_time(written_off_at, "written_off_at"), lot
        )
        return Recorded(
            {"outlet_id": str(outlet_id), "product_id": str(product_id), "qty": qty}, outlet
        )

    @command
    def showcase(
        self, outlet_id: UUID, product_id: UUID, showcased_on: date | None = None
    ) -> Recorded:
        """Put a product on display at a creative design centre."""
        outlet = self.get(outlet_id, Outlet)
        self.get_referenced(product_id, Product, "product_id")
        outlet.showcase(product_id, business_day(showcased_on, "showcased_on"))
        return Recorded({"outlet_id": str(outlet_id), "product_id": str(product_id)}, outlet)

    @command
    def support_design(
        self, outlet_id: UUID, producer_id: UUID, description: str, given_on: date | None = None
    ) -> Recorded:
        """Record design support a design centre gave a producer."""
        outlet = self.get(outlet_id, Outlet)
        self.get_referenced(producer_id, Producer, "producer_id")
        outlet.support_design(producer_id, business_day(given_on, "given_on"), description)
        return Recorded({"outlet_id": str(outlet_id), "producer_id": str(producer_id)}, outlet)

    @command
    def hold_promotion(
        self, outlet_id: UUID, name: str, product_ids: list[UUID], held_on: date | None = None
    ) -> Recorded:
        """Record a display-and-promotion event with the products shown."""
        outlet = self.get(outlet_id, Outlet)
        for index, product_id in enumerate(product_ids):
            self.get_referenced(product_id, Product, f"product_ids.{index}")
        outlet.hold_promotion(name, business_day(held_on, "held_on"), product_ids)
        return Recorded({"outlet_id": str(outlet_id), "name": name}, outlet)

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
            raise InvalidValue(refused.message, f"lines.{index}.{refused.field}") from None
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
