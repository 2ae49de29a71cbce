"""Shelves over time: when each product was listed at each outlet, and its stock day by day.

Both are kept as intervals so that "on day D" is an index seek, whatever the history's length.
Stock intervals hold the on-hand at the end of each day of the interval.
"""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    Table,
    Uuid,
    and_,
    insert,
    select,
    update,
)

from domain.values import local_day
from projections.view import View, handles


class ShelvesView(View):
    """Listing intervals and end-of-day stock intervals per outlet and product."""

    name = "shelves"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        listings = Table(
            f"listing_intervals{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("listed_on", Date, primary_key=True),
            Column("delisted_on", Date),
        )
        stock = Table(
            f"stock_intervals{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("from_day", Date, primary_key=True),
            Column("to_day", Date),  # exclusive; NULL while current
            Column("on_hand", Integer, nullable=False),
        )
        return SimpleNamespace(listings=listings, stock=stock)

    @handles("Outlet.ProductListed")
    def listed(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.listings).values(
                outlet_id=e.originator_id, product_id=e.product_id, listed_on=e.listed_on
            )
        )

    @handles("Outlet.ProductDelisted")
    def delisted(self, conn: Connection, e, position: int) -> None:
        t = self.t.listings
        conn.execute(
            update(t)
            .where(
                and_(
                    t.c.outlet_id == e.originator_id,
                    t.c.product_id == e.product_id,
                    t.c.delisted_on.is_(None),
                )
            )
            .values(delisted_on=e.delisted_on)
        )

    @handles("Outlet.StockReceived")
    def received(self, conn: Connection, e, position: int) -> None:
        for line in e.lines:
            self.add_stock(
                conn, e.originator_id, line.product_id, local_day(e.received_at), line.qty
            )

    @handles("Outlet.TransferReceived")
    def transfer_received(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            self.add_stock(
                conn, e.originator_id, take.product_id, local_day(e.received_at), take.qty
            )

    @handles("Outlet.Sold")
    def sold(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            self.add_stock(conn, e.originator_id, take.product_id, local_day(e.sold_at), -take.qty)

    @handles("Outlet.TransferredOut")
    def transferred_out(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            self.add_stock(conn, e.originator_id, take.product_id, local_day(e.sent_at), -take.qty)

    @handles("Outlet.StockCounted")
    def counted(self, conn: Connection, e, position: int) -> None:
        if e.delta:
            self.add_stock(conn, e.originator_id, e.product_id, local_day(e.counted_at), e.delta)

    @handles("Outlet.WrittenOff")
    def written_off(self, conn: Connection, e, position: int) -> None:
        self.add_stock(
            conn, e.originator_id, e.product_id, local_day(e.written_off_at), -e.take.qty
        )

    def add_stock(self, conn: Connection, outlet_id, product_id, day: date, delta: int) -> None:
        """Add ``delta`` to the end-of-day stock from ``day`` on (a late entry shifts later days)."""
        t = self.t.stock
        key = and_(t.c.outlet_id == outlet_id, t.c.product_id == product_id)
        covering = conn.execute(
            select(t.c.from_day, t.c.to_day, t.c.on_hand)
            .where(key, t.c.from_day <= day)
            .order_by(t.c.from_day.desc())
            .limit(1)
        ).first()
        if covering is None:
            following = conn.execute(
                select(t.c.from_day).where(key).order_by(t.c.from_day).limit(1)
            ).scalar()
            conn.execute(
                insert(t).values(
                    outlet_id=outlet_id,
                    product_id=product_id,
                    from_day=day,
                    to_day=following,
                    on_hand=0,
                )
            )
        elif covering.from_day < day:
            conn.execute(update(t).where(key, t.c.from_day == covering.from_day).values(to_day=day))
            conn.execute(
                insert(t).values(
                    outlet_id=outlet_id,
                    product_id=product_id,
                    from_day=day,
                    to_day=covering.to_day,
                    on_hand=covering.on_hand,
                )
            )
        conn.execute(update(t).where(key, t.c.from_day >= day).values(on_hand=t.c.on_hand + delta))
