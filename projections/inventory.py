"""Inventory now: on hand per outlet, product and lot, with cost, expiry and last movement."""

from types import SimpleNamespace

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    and_,
    delete,
    insert,
    select,
    update,
)

from projections.view import View, handles


class InventoryView(View):
    """Current lots (kept at zero once emptied, so a transfer can carry their cost) and shelves."""

    name = "inventory"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        lots = Table(
            f"stock_lots{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("lot", String(100), primary_key=True),
            Column("expires_on", Date),
            Column("on_hand", Integer, nullable=False),
            Column("unit_cost_vnd", Integer),  # weighted average of what came in
            Column("last_movement_at", DateTime(timezone=True), nullable=False),
        )
        listings = Table(
            f"current_listings{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("listed_on", Date, nullable=False),
            Column("low_stock_threshold", Integer, nullable=False),
        )
        return SimpleNamespace(lots=lots, listings=listings)

    @handles("Outlet.ProductListed")
    def listed(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.listings).values(
                outlet_id=e.originator_id,
                product_id=e.product_id,
                listed_on=e.listed_on,
                low_stock_threshold=e.low_stock_threshold,
            )
        )

    @handles("Outlet.ProductDelisted")
    def delisted(self, conn: Connection, e, position: int) -> None:
        t = self.t.listings
        conn.execute(
            delete(t).where(and_(t.c.outlet_id == e.originator_id, t.c.product_id == e.product_id))
        )

    @handles("Outlet.StockReceived")
    def received(self, conn: Connection, e, position: int) -> None:
        for line in e.lines:
            self._add(
                conn,
                e.originator_id,
                line.product_id,
                line.lot,
                line.qty,
                line.expires_on,
                line.unit_cost_vnd,
                e.received_at,
            )

    @handles("Outlet.TransferReceived")
    def transfer_received(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            for lot in take.lots:
                cost = self._cost(conn, e.from_outlet_id, take.product_id, lot.lot)
                self._add(
                    conn,
                    e.originator_id,
                    take.product_id,
                    lot.lot,
                    lot.qty,
                    lot.expires_on,
                    cost,
                    e.received_at,
                )

    @handles("Outlet.Sold")
    def sold(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            self._take(conn, e.originator_id, take, e.sold_at)

    @handles("Outlet.TransferredOut")
    def transferred_out(self, conn: Connection, e, position: int) -> None:
        for take in e.lines:
            self._take(conn, e.originator_id, take, e.sent_at)

    @handles("Outlet.WrittenOff")
    def written_off(self, conn: Connection, e, position: int) -> None:
        self._take(conn, e.originator_id, e.take, e.written_off_at)

    @handles("Outlet.StockCounted")
    def counted(self, conn: Connection, e, position: int) -> None:
        self._add(conn, e.originator_id, e.product_id, e.lot, e.delta, None, None, e.counted_at)

    def _key(self, outlet_id, product_id, lot):
        t = self.t.lots
        return and_(t.c.outlet_id == outlet_id, t.c.product_id == product_id, t.c.lot == lot)

    def _cost(self, conn: Connection, outlet_id, product_id, lot) -> int | None:
        t = self.t.lots
        return conn.execute(
            select(t.c.unit_cost_vnd).where(self._key(outlet_id, product_id, lot))
        ).scalar()

    def _add(self, conn, outlet_id, product_id, lot, qty, expires_on, unit_cost, at) -> None:
        t = self.t.lots
        key = self._key(outlet_id, product_id, lot)
        row = conn.execute(
            select(t.c.on_hand, t.c.unit_cost_vnd, t.c.expires_on).where(key)
        ).first()
        if row is None:
            conn.execute(
                insert(t).values(
                    outlet_id=outlet_id,
                    product_id=product_id,
                    lot=lot,
                    expires_on=expires_on,
                    on_hand=qty,
                    unit_cost_vnd=unit_cost,
                    last_movement_at=at,
                )
            )
            return
        cost = row.unit_cost_vnd
        if unit_cost is not None and qty > 0:
            held = max(row.on_hand, 0)
            cost = (
                unit_cost
                if cost is None or held == 0
                else round((held * cost + qty * unit_cost) / (held + qty))
            )
        conn.execute(
            update(t)
            .where(key)
            .values(
                on_hand=row.on_hand + qty,
                unit_cost_vnd=cost,
                expires_on=expires_on or row.expires_on,
                last_movement_at=at,
            )
        )

    def _take(self, conn: Connection, outlet_id, take, at) -> None:
        t = self.t.lots
        for lot in take.lots:
            conn.execute(
                update(t)
                .where(self._key(outlet_id, take.product_id, lot.lot))
                .values(on_hand=t.c.on_hand - lot.qty, last_movement_at=at)
            )
