"""Sales lines with their outlet's place and the product's producer, for reports."""

from types import SimpleNamespace

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    insert,
    select,
)

from domain.values import local_day
from projections.register import RegisterView
from projections.view import View, handles


class SalesView(View):
    """One row per sale line (bán hàng), ready to group by outlet, product, producer, place, day."""

    name = "sales"

    def __init__(self, suffix: str = "", register: RegisterView | None = None) -> None:
        super().__init__(suffix)
        self.register = register or RegisterView()

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        lines = Table(
            f"sale_lines{suffix}",
            metadata,
            Column("position", BigInteger, primary_key=True),
            Column("line_no", Integer, primary_key=True),
            Column("sale_id", Uuid, nullable=False),
            Column("outlet_id", Uuid, nullable=False),
            Column("product_id", Uuid, nullable=False),
            Column("producer_id", Uuid),
            Column("province", String(100)),
            Column("district", String(100)),
            Column("commune", String(100)),
            Column("sold_at", DateTime(timezone=True), nullable=False),
            Column("day", Date, nullable=False),
            Column("month", String(7), nullable=False),
            Column("qty", Integer, nullable=False),
            Column("amount_vnd", BigInteger, nullable=False),
            Index(f"ix_sale_lines_day{suffix}", "day"),
        )
        return SimpleNamespace(lines=lines)

    @handles("Outlet.Sold")
    def sold(self, conn: Connection, e, position: int) -> None:
        reg = self.register.t
        place = conn.execute(
            select(reg.outlets.c.province, reg.outlets.c.district, reg.outlets.c.commune).where(
                reg.outlets.c.id == e.originator_id
            )
        ).first()
        day = local_day(e.sold_at)
        rows = []
        for line_no, take in enumerate(e.lines):
            producer_id = conn.execute(
                select(reg.products.c.producer_id).where(reg.products.c.id == take.product_id)
            ).scalar()
            rows.append(
                {
                    "position": position,
                    "line_no": line_no,
                    "sale_id": e.sale_id,
                    "outlet_id": e.originator_id,
                    "product_id": take.product_id,
                    "producer_id": producer_id,
                    "province": place.province if place else None,
                    "district": place.district if place else None,
                    "commune": place.commune if place else None,
                    "sold_at": e.sold_at,
                    "day": day,
                    "month": day.strftime("%Y-%m"),
                    "qty": take.qty,
                    "amount_vnd": take.qty * (take.unit_price_vnd or 0),
                }
            )
        conn.execute(insert(self.t.lines), rows)
