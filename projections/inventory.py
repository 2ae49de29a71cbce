"""Inventory now: on hand per outlet, product and lot, with cost, expiry and last movement."""

from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    Uuid,
    delete,
    tuple_,
    update,
)

from domain.outlet import Outlet
from projections import in_transit
from projections.buffer import RowBuffer, chunks, insert_rows, upsert_rows
from projections.in_transit import define_transfer_tables
from projections.movements import MOVEMENT_EVENTS, LotMovement, expiry_after, lot_movements
from projections.timeutil import to_utc
from projections.view import View, handles


class InventoryView(View):
    """Current lots (kept at zero once emptied, so a transfer can carry their cost), shelves,
    low-stock thresholds, and transfers with what is in transit."""

    name = "inventory"
    VERSION = 4  # 2: a lot forgotten by the outlet comes back with the expiry its event states
    # 3: receipts (phiếu nhập), to reverse one from the counter
    # 4: transfers in transit, thresholds set apart from listing

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        lots = Table(
            f"stock_lots{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("lot", Text, primary_key=True),
            Column("expires_on", Date),
            Column("on_hand", BigInteger, nullable=False),
            Column("unit_cost_vnd", BigInteger),  # weighted average of what came in
            Column("last_movement_at", DateTime(timezone=True), nullable=False),
        )
        listings = Table(
            f"current_listings{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("listed_on", Date, nullable=False),
            Column("low_stock_threshold", BigInteger, nullable=False),
        )
        receipts = Table(
            f"receipts{suffix}",
            metadata,
            Column("receipt_id", Uuid, primary_key=True),
            Column("outlet_id", Uuid, nullable=False),
            Column("received_at", DateTime(timezone=True), nullable=False),
            Column("lines", Integer, nullable=False),
            Column("units", BigInteger, nullable=False),
            Column("reversed", Boolean, nullable=False),
            Index(f"ix_receipts_outlet{suffix}", "outlet_id", "received_at"),
        )
        thresholds = Table(  # set with PUT .../thresholds/{product}: they win over the listing's
            f"stock_thresholds{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("low_stock_threshold", BigInteger, nullable=False),
        )
        transfers = define_transfer_tables(metadata, suffix)
        return SimpleNamespace(
            lots=lots, listings=listings, receipts=receipts, thresholds=thresholds, **transfers
        )

    @handles(Outlet.ProductListed)
    def listed(self, conn: Connection, e, position: int) -> None:
        self._listings[(e.originator_id, e.product_id)] = {
            "outlet_id": e.originator_id,
            "product_id": e.product_id,
            "listed_on": e.listed_on,
            "low_stock_threshold": e.low_stock_threshold,
        }
        self._thresholds[(e.originator_id, e.product_id)] = None  # the listing's own from now

    @handles(Outlet.ThresholdSet)
    def threshold_set(self, conn: Connection, e, position: int) -> None:
        self._thresholds[(e.originator_id, e.product_id)] = e.low_stock_threshold

    @handles(Outlet.ProductDelisted)
    def delisted(self, conn: Connection, e, position: int) -> None:
        key = (e.originator_id, e.product_id)
        self._listings[key] = None
        self._delisted.add(key)

    @handles(*MOVEMENT_EVENTS)
    def moved(self, conn: Connection, e, position: int) -> None:
        for movement in lot_movements(e):
            self._lots.move(movement)
        if isinstance(e, Outlet.StockReceived):
            self._receipts.append(
                {
                    "receipt_id": e.receipt_id,
                    "outlet_id": e.originator_id,
                    "received_at": to_utc(e.received_at),
                    "lines": len(e.lines),
                    "units": sum(line.qty for line in e.lines),
                    "reversed": False,
                }
            )
        elif isinstance(e, Outlet.ReceiptReversed):
            self._reversed.append(e.receipt_id)
        elif isinstance(e, Outlet.TransferredOut):
            in_transit.sent(conn, self.t, e)
        elif isinstance(e, Outlet.TransferReceived):
            in_transit.received(conn, self.t, e)

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        """Listings and lots are held for the batch and written at its end in a few statements:
        the listings a batch ends without, deleted; those it lists, inserted (the domain lists a
        product once until it is delisted); the lots it moves, loaded once and upserted if changed.
        """
        moves = [m for _, e in events for m in lot_movements(e)]
        pairs = {(m.outlet_id, m.product_id) for m in moves}
        pairs |= {(m.cost_from, m.product_id) for m in moves if m.cost_from}
        self._lots = Lots(self.t.lots)
        self._listings: dict[tuple, dict | None] = {}  # (outlet, product) → row, None: delisted
        self._delisted: set[tuple] = set()
        self._receipts: list[dict] = []
        self._reversed: list = []
        self._thresholds: dict[tuple, int | None] = {}  # None: the listing's threshold
        if pairs:
            self._lots.load(conn, ["outlet_id", "product_id"], pairs)
        super().apply_batch(conn, events)
        self._lots.flush(conn)
        t = self.t.listings
        if self._delisted:
            key = tuple_(t.c.outlet_id, t.c.product_id)
            for part in chunks(sorted(self._delisted, key=str)):
                conn.execute(delete(t).where(key.in_(part)))
        insert_rows(conn, t, [row for row in self._listings.values() if row is not None])
        insert_rows(conn, self.t.receipts, self._receipts)
        for receipt_id in self._reversed:  # after the inserts: a batch may hold both
            receipts = self.t.receipts
            conn.execute(
                update(receipts).where(receipts.c.receipt_id == receipt_id).values(reversed=True)
            )
        self._write_thresholds(conn)

    def _write_thresholds(self, conn: Connection) -> None:
        t = self.t.thresholds
        dropped = sorted((k for k, v in self._thresholds.items() if v is None), key=str)
        key = tuple_(t.c.outlet_id, t.c.product_id)
        for part in chunks(dropped):
            conn.execute(delete(t).where(key.in_(part)))
        rows = [
            {"outlet_id": k[0], "product_id": k[1], "low_stock_threshold": v}
            for k, v in self._thresholds.items()
            if v is not None
        ]
        upsert_rows(conn, t, ["outlet_id", "product_id"], rows)


class Lots(RowBuffer):
    """The lots of the (outlet, product) pairs a batch moves."""

    def __init__(self, table) -> None:
        super().__init__(table, ["outlet_id", "product_id", "lot"])

    def move(self, m: LotMovement) -> None:
        """Apply one lot movement; incoming stock updates the lot's weighted average cost."""
        key = (m.outlet_id, m.product_id, m.lot)
        cost = m.unit_cost_vnd
        if m.cost_from is not None:
            source = self.rows.get((m.cost_from, m.product_id, m.lot))
            cost = source["unit_cost_vnd"] if source else None
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = {
                "outlet_id": m.outlet_id,
                "product_id": m.product_id,
                "lot": m.lot,
                "expires_on": m.expires_on,
                "on_hand": m.delta,
                "unit_cost_vnd": cost,
                "last_movement_at": to_utc(m.at),
            }
            return
        if cost is not None and m.delta > 0:
            held = max(row["on_hand"], 0)
            old = row["unit_cost_vnd"]
            row["unit_cost_vnd"] = (
                cost
                if old is None or held == 0
                else round((held * old + m.delta * cost) / (held + m.delta))
            )
        row["expires_on"] = expiry_after(m, row["expires_on"], row["on_hand"])
        row["on_hand"] += m.delta
        row["last_movement_at"] = max(to_utc(row["last_movement_at"]), to_utc(m.at))
