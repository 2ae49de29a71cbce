"""Shelves over time: when each product was listed at each outlet, and its stock day by day.

Both are kept as intervals so that "on day D" is an index seek, whatever the history's length.
A listing covers the days from ``listed_on`` up to, not including, ``delisted_on``: a product
counts as listed on D when it is listed at the end of D, as stock on D is the stock at the end
of D. So a product listed and delisted on one day was not listed that day, and one delisted and
listed again on D was; every listing keeps its own row, so any sequence the domain accepts
(several on one day, overlapping periods recorded before that was refused) is applied as is.
Stock intervals hold the on-hand at the end of each day of the interval.
"""

from bisect import bisect_right
from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    MetaData,
    Table,
    Uuid,
    and_,
    or_,
    select,
    update,
)

from domain.values import local_day
from projections.buffer import RowBuffer, insert_rows
from projections.movements import MOVEMENT_EVENTS, lot_movements
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
            Column("on_hand", BigInteger, nullable=False),
        )
        return SimpleNamespace(listings=listings, stock=stock)

    @handles("Outlet.ProductListed")
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

    @handles("Outlet.ProductDelisted")
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
                self._intervals.add(m.outlet_id, m.product_id, local_day(m.at), m.delta)

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        moves = [m for _, e in events for m in lot_movements(e)]
        self._new_listings: list[dict] = []
        self._open_new_listing: dict[tuple, dict] = {}
        self._intervals = StockIntervals(self.t.stock)
        if moves:
            earliest = min(local_day(m.at) for m in moves)
            self._intervals.load(conn, {(m.outlet_id, m.product_id) for m in moves}, earliest)
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


def _first_difference(before: list[tuple], after: list[tuple]) -> date | None:
    """The first day two step functions [(from_day, value)] (False before the first step)
    differ on, or None."""
    days = sorted({day for day, _ in before} | {day for day, _ in after})
    b = a = -1
    for day in days:
        while b + 1 < len(before) and before[b + 1][0] <= day:
            b += 1
        while a + 1 < len(after) and after[a + 1][0] <= day:
            a += 1
        if (b >= 0 and before[b][1]) != (a >= 0 and after[a][1]):
            return day
    return None


class StockIntervals(RowBuffer):
    """The stock intervals of the (outlet, product) pairs a batch moves, from its earliest day on."""

    def __init__(self, table: Table) -> None:
        super().__init__(table, ["outlet_id", "product_id", "from_day"])
        self.by_pair: dict[tuple, list[dict]] = {}
        self.before: dict[tuple, list[tuple]] = {}

    def load(self, conn: Connection, pairs: set[tuple], earliest: date) -> None:
        t = self.table
        super().load(
            conn,
            ["outlet_id", "product_id"],
            pairs,
            or_(t.c.to_day.is_(None), t.c.to_day > earliest),
        )
        for row in sorted(self.rows.values(), key=lambda r: r["from_day"]):
            self.by_pair.setdefault((row["outlet_id"], row["product_id"]), []).append(row)
        self.before = {
            pair: [(row["from_day"], row["on_hand"] > 0) for row in rows]
            for pair, rows in self.by_pair.items()
        }

    def in_stock_changes(self) -> dict:
        """{outlet_id: the first day on which some product's "in stock at the end of the day"
        differs from before this batch} (outlets where it differs on no day are left out)."""
        changed: dict = {}
        for (outlet_id, _), rows in self.by_pair.items():
            before = self.before.get((outlet_id, _), [])
            after = [(row["from_day"], row["on_hand"] > 0) for row in rows]
            day = _first_difference(before, after)
            if day is not None and (outlet_id not in changed or day < changed[outlet_id]):
                changed[outlet_id] = day
        return changed

    def add(self, outlet_id, product_id, day: date, delta: int) -> None:
        """Add ``delta`` to the end-of-day stock from ``day`` on (a late entry shifts later days)."""
        pair = self.by_pair.setdefault((outlet_id, product_id), [])
        at = bisect_right(pair, day, key=_from_day) - 1
        if at < 0:  # before the pair's first interval (or its first movement ever)
            self._put(
                pair, 0, (outlet_id, product_id, day), pair[0]["from_day"] if pair else None, 0
            )
            at = 0
        elif pair[at]["from_day"] < day:  # split the covering interval at the day
            covering = pair[at]
            self._put(
                pair, at + 1, (outlet_id, product_id, day), covering["to_day"], covering["on_hand"]
            )
            covering["to_day"] = day
            at += 1
        for row in pair[at:]:
            row["on_hand"] += delta

    def _put(self, pair: list[dict], index: int, key: tuple, to_day, on_hand) -> None:
        outlet_id, product_id, from_day = key
        row = {
            "outlet_id": outlet_id,
            "product_id": product_id,
            "from_day": from_day,
            "to_day": to_day,
            "on_hand": on_hand,
        }
        pair.insert(index, row)
        self.rows[key] = row


def _from_day(row: dict) -> date:
    return row["from_day"]


def on_hand_on(stock: Table, outlet_id: Any, product_id: Any, day: date) -> Any:
    """SQL for a pair's end-of-day stock on ``day``: the latest interval starting on or before
    it, one index seek whatever the length of the history (NULL before its first movement)."""
    return (
        select(stock.c.on_hand)
        .where(stock.c.outlet_id == outlet_id, stock.c.product_id == product_id)
        .where(stock.c.from_day <= day)
        .order_by(stock.c.from_day.desc())
        .limit(1)
        .scalar_subquery()
    )
