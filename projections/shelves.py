"""Shelves over time: when each product was listed at each outlet, and its stock day by day.

Both are kept as intervals so that "on day D" is an index seek, whatever the history's length.
A listing covers the days from ``listed_on`` up to, not including, ``delisted_on``: a product
counts as listed on D when it is listed at the end of D, as stock on D is the stock at the end
of D. So a product listed and delisted on one day was not listed that day, and one delisted and
listed again on D was; every listing keeps its own row, so any sequence the domain accepts
(several on one day, overlapping periods recorded before that was refused) is applied as is.
Stock intervals hold the sellable stock at the end of each day of the interval: on hand in
lots not expired on that day (projections/shelf_stock.py).
"""

from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    MetaData,
    Table,
    Text,
    Uuid,
    and_,
    update,
)

from domain.outlet import Outlet
from domain.values import local_day
from projections.buffer import insert_rows
from projections.movements import MOVEMENT_EVENTS, lot_movements
from projections.shelf_stock import ShelfLots, StockIntervals, first_unsellable_day
from projections.view import View, handles


class ShelvesView(View):
    """Listing intervals and end-of-day sellable stock intervals per outlet and product."""

    name = "shelves"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        listings = Table(
            f"listing_intervals{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("listed_on", Date, primary_key=True),
            # The outlet's version at the listing: a product can be listed, delisted and listed
            # again on one day, so the day alone does not tell its listings apart.
            Column("listed_version", BigInteger, primary_key=True),
            Column("delisted_on", Date),  # exclusive; NULL while listed
        )
        stock = Table(
            f"stock_intervals{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("from_day", Date, primary_key=True),
            Column("to_day", Date),  # exclusive; NULL while current
            Column("sellable", BigInteger, nullable=False),  # at the end of each day
        )
        lots = Table(  # the lots held now, to know the expiry of a movement that names none
            f"shelf_lots{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("product_id", Uuid, primary_key=True),
            Column("lot", Text, primary_key=True),
            Column("expires_on", Date),
            Column("on_hand", BigInteger, nullable=False),
        )
        return SimpleNamespace(listings=listings, stock=stock, lots=lots)

    @handles(Outlet.ProductListed)
    def listed(self, conn: Connection, e, position: int) -> None:
        # Kept until the batch ends and written in one statement; a delisting later in the
        # batch closes the kept row.
        row = {
            "outlet_id": e.originator_id,
            "product_id": e.product_id,
            "listed_on": e.listed_on,
            "listed_version": e.originator_version,
            "delisted_on": None,
        }
        self._new_listings.append(row)
        self._open_new_listing[(e.originator_id, e.product_id)] = row

    @handles(Outlet.ProductDelisted)
    def delisted(self, conn: Connection, e, position: int) -> None:
        pending = self._open_new_listing.pop((e.originator_id, e.product_id), None)
        if pending is not None:
            pending["delisted_on"] = e.delisted_on
            return
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

    @handles(*MOVEMENT_EVENTS)
    def moved(self, conn: Connection, e, position: int) -> None:
        for m in lot_movements(e):
            if m.delta:
                day = local_day(m.at)
                for delta, expires_on in self._lots.move(m):
                    self._intervals.add(
                        m.outlet_id, m.product_id, day, delta, first_unsellable_day(expires_on)
                    )

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        moves = [m for _, e in events for m in lot_movements(e)]
        self._new_listings: list[dict] = []
        self._open_new_listing: dict[tuple, dict] = {}
        self._intervals = StockIntervals(self.t.stock)
        self._lots = ShelfLots(self.t.lots)
        if moves:
            earliest = min(local_day(m.at) for m in moves)
            pairs = {(m.outlet_id, m.product_id) for m in moves}
            self._intervals.load(conn, pairs, earliest)
            lots = {(m.outlet_id, m.product_id, m.lot) for m in moves}
            self._lots.load(conn, ["outlet_id", "product_id", "lot"], lots)
        super().apply_batch(conn, events)
        if self._new_listings:
            insert_rows(conn, self.t.listings, self._new_listings)
        # For the coverage status (applied later in the same batch): where stock went from
        # none to some or back, the only thing about stock that the status depends on.
        self.in_stock_changed = (
            {position for position, _ in events},
            self._intervals.in_stock_changes(),
        )
        self._intervals.flush(conn)
        self._lots.flush(conn)
