"""Sales lines, and their returns and voids, with the product's producer, for reports (a
line's outlet place is read from the register's place periods, for the line's day)."""

from types import SimpleNamespace
from typing import Any

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
    Text,
    Uuid,
    select,
)

from domain.outlet import Outlet
from domain.values import local_day
from projections.buffer import chunks, insert_rows
from projections.register import RegisterView
from projections.timeutil import to_utc
from projections.view import View, handles


def _line_columns() -> list[Column]:
    """What a sale line and its corrections both say: the sale, the outlet, the product and
    its producer (new columns on each call: a column is one table's)."""
    return [
        Column("sale_id", Uuid, nullable=False),
        Column("outlet_id", Uuid, nullable=False),
        Column("product_id", Uuid, nullable=False),
        Column("producer_id", Uuid),
    ]


class SalesView(View):
    """One row per sale line (bán hàng), ready to group by outlet, product, producer, place, day."""

    name = "sales"

    def __init__(self, suffix: str = "", register: RegisterView | None = None) -> None:
        super().__init__(suffix)
        self.register = register or RegisterView()
        self._producers: dict = {}  # product → producer

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        lines = Table(
            f"sale_lines{suffix}",
            metadata,
            Column("position", BigInteger, primary_key=True),
            Column("line_no", Integer, primary_key=True),
            *_line_columns(),
            Column("sold_at", DateTime(timezone=True), nullable=False),
            Column("day", Date, nullable=False),
            Column("month", String(7), nullable=False),
            Column("qty", BigInteger, nullable=False),
            Column("amount_vnd", BigInteger, nullable=False),
            Index(f"ix_sale_lines_day{suffix}", "day"),
        )
        corrections = Table(  # a return's lines (on the return's day) and a void's (same day)
            f"sale_corrections{suffix}",
            metadata,
            Column("position", BigInteger, primary_key=True),
            Column("line_no", Integer, primary_key=True),
            Column("kind", String(6), nullable=False),  # return | void
            Column("correction_id", Uuid, nullable=False),  # the return's id, or the sale's
            *_line_columns(),
            Column("at", DateTime(timezone=True), nullable=False),
            Column("day", Date, nullable=False),
            Column("month", String(7), nullable=False),
            Column("qty", BigInteger, nullable=False),
            Column("restocked", BigInteger, nullable=False),
            Column("amount_vnd", BigInteger, nullable=False),  # refunded, or the voided amount
            Column("reason", Text, nullable=False),
            Index(f"ix_sale_corrections_day{suffix}", "day"),
        )
        payments = Table(  # what the customer paid for a sale, when the clerk said (khách đưa)
            f"sale_payments{suffix}",
            metadata,
            Column("sale_id", Uuid, primary_key=True),
            Column("outlet_id", Uuid, nullable=False),
            Column("paid_vnd", BigInteger, nullable=False),
        )
        return SimpleNamespace(lines=lines, corrections=corrections, payments=payments)

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        self._remember(conn, {t.product_id for _, e in events for t in e.lines})
        self._rows: list[dict] = []
        self._corrections: list[dict] = []
        self._payments: list[dict] = []
        super().apply_batch(conn, events)
        if self._payments:
            insert_rows(conn, self.t.payments, self._payments)
        if self._rows:
            insert_rows(conn, self.t.lines, self._rows)
        if self._corrections:
            insert_rows(conn, self.t.corrections, self._corrections)

    @handles(Outlet.Sold)
    def sold(self, conn: Connection, e, position: int) -> None:
        for line_no, take in enumerate(e.lines):
            self._rows.append(
                {
                    "position": position,
                    "line_no": line_no,
                    "sale_id": e.sale_id,
                    **self._where(e, take.product_id, e.sold_at),
                    "sold_at": to_utc(e.sold_at),
                    "qty": take.qty,
                    "amount_vnd": take.qty * (take.unit_price_vnd or 0),
                }
            )
        paid = getattr(e, "paid_vnd", None)  # a sale recorded before it was kept has none
        if paid is not None:
            self._payments.append(
                {"sale_id": e.sale_id, "outlet_id": e.originator_id, "paid_vnd": paid}
            )

    @handles(Outlet.SaleReturned)
    def returned(self, conn: Connection, e, position: int) -> None:
        for line_no, line in enumerate(e.lines):
            restocked = line.qty if line.restock else 0
            figures = (line.qty, restocked, line.refund_vnd)
            self._correct("return", e.return_id, e, (position, line_no), line.product_id, figures)

    @handles(Outlet.SaleVoided)
    def voided(self, conn: Connection, e, position: int) -> None:
        for line_no, take in enumerate(e.lines):
            figures = (take.qty, take.qty, take.qty * (take.unit_price_vnd or 0))
            self._correct("void", e.sale_id, e, (position, line_no), take.product_id, figures)

    def _correct(self, kind: str, correction_id, e, key: tuple, product_id, figures: tuple) -> None:
        """One row of a return or a void: ``figures`` are (qty, restocked, amount_vnd)."""
        at = e.returned_at if kind == "return" else e.voided_at
        qty, restocked, amount_vnd = figures
        self._corrections.append(
            {
                "position": key[0],
                "line_no": key[1],
                "kind": kind,
                "correction_id": correction_id,
                "sale_id": e.sale_id,
                **self._where(e, product_id, at),
                "at": to_utc(at),
                "qty": qty,
                "restocked": restocked,
                "amount_vnd": amount_vnd,
                "reason": e.reason,
            }
        )

    def _where(self, e, product_id, at) -> dict[str, Any]:
        """Where and when a line happened: outlet, product, producer, day and month."""
        day = local_day(at)
        return {
            "outlet_id": e.originator_id,
            "product_id": product_id,
            "producer_id": self._producers.get(product_id),
            "day": day,
            "month": day.strftime("%Y-%m"),
        }

    def _remember(self, conn: Connection, product_ids: set) -> None:
        """Look up the producers of products not seen yet, in one query."""
        products = self.register.t.products
        for part in chunks(sorted(product_ids - self._producers.keys())):
            for row in conn.execute(
                select(products.c.id, products.c.producer_id).where(products.c.id.in_(part))
            ):
                self._producers[row.id] = row.producer_id
