"""Sellable stock day by day, per outlet and product: what "stock on D" means for coverage.

Stock on D is what can still be sold at the end of D: the on-hand of the lots not expired on D.
A movement of ``delta`` units of a lot on day d therefore counts from d until the first day the
lot can no longer be sold (StockLot.sellable_on, the domain's rule), and not at all if that day
has come already (a write-off of expired goods, or a lot recorded already expired). Summing every
movement over its days gives the sellable stock on each day, expiries included, without any
event on the day a lot expires; it is kept as intervals (``StockIntervals``) so that "on D" is
one index seek.

A movement's lot expiry is the one the domain holds for the lot when it is recorded: a receipt
or a count naming no expiry takes the lot's last known one (``ShelfLots`` follows the lots).
"""

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table, or_, select

from domain.stock import StockLot
from projections.buffer import RowBuffer
from projections.movements import LotMovement, expiry_after


@lru_cache(maxsize=4096)  # asked once per movement, of a few expiry days
def first_unsellable_day(expires_on: date | None) -> date | None:
    """The first day a lot expiring on ``expires_on`` can no longer be sold (None: never),
    by the domain's own rule."""
    if expires_on is None:
        return None
    if not StockLot(0, expires_on).sellable_on(expires_on):
        return expires_on
    if expires_on == date.max:
        return None  # no later day exists: sellable on every day there is
    return expires_on + timedelta(days=1)


class ShelfLots(RowBuffer):
    """The lots a batch moves: on hand and last known expiry, in the order recorded (a lot
    emptied keeps its expiry, as the domain does while it remembers the lot: units found by a
    later count are of that lot)."""

    def __init__(self, table: Table) -> None:
        super().__init__(table, ["outlet_id", "product_id", "lot"])

    def move(self, m: LotMovement) -> list[tuple[int, date | None]]:
        """Apply a movement to its lot; return what it adds to the sellable stock from its day
        on, as (units, lot expiry) pairs."""
        key = (m.outlet_id, m.product_id, m.lot)
        row = self.rows.get(key)
        known = row["expires_on"] if row is not None else None
        expires_on = expiry_after(m, known, row["on_hand"] if row is not None else 0)
        added = [(m.delta, expires_on)]
        if row is not None and row["on_hand"] > 0 and m.delta > 0 and expires_on != known:
            # Older code let a receipt re-date the lot it added to: the units held went with it.
            added += [(-row["on_hand"], known), (row["on_hand"], expires_on)]
        if row is None:
            row = self.rows[key] = {
                "outlet_id": m.outlet_id,
                "product_id": m.product_id,
                "lot": m.lot,
                "expires_on": expires_on,
                "on_hand": 0,
            }
        row["on_hand"] += m.delta
        row["expires_on"] = expires_on
        return added


class StockIntervals(RowBuffer):
    """The sellable stock intervals of the (outlet, product) pairs a batch moves, from its
    earliest day on: contiguous from a pair's first movement, the last one open."""

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
            pair: [(row["from_day"], row["sellable"] > 0) for row in rows]
            for pair, rows in self.by_pair.items()
        }

    def in_stock_changes(self) -> dict:
        """{outlet_id: the first day on which some product's "in stock at the end of the day"
        differs from before this batch} (outlets where it differs on no day are left out)."""
        changed: dict = {}
        for pair, rows in self.by_pair.items():
            after = [(row["from_day"], row["sellable"] > 0) for row in rows]
            day = _first_difference(self.before.get(pair, []), after)
            outlet_id = pair[0]
            if day is not None and (outlet_id not in changed or day < changed[outlet_id]):
                changed[outlet_id] = day
        return changed

    def add(self, outlet_id, product_id, day: date, delta: int, until: date | None) -> None:
        """Add ``delta`` to the sellable stock of the days from ``day`` up to ``until``
        (exclusive; None: every later day). A late entry shifts the later days too."""
        if until is not None and until <= day:
            return
        pair = self.by_pair.setdefault((outlet_id, product_id), [])
        start = self._split(pair, outlet_id, product_id, day)
        end = len(pair) if until is None else self._split(pair, outlet_id, product_id, until)
        for row in pair[start:end]:
            row["sellable"] += delta

    def _split(self, pair: list[dict], outlet_id, product_id, day: date) -> int:
        """The index of the pair's interval starting on ``day``, made by splitting the one
        covering it (or, before the pair's first, an interval of nothing up to it)."""
        at = bisect_right(pair, day, key=_from_day) - 1
        if at >= 0 and pair[at]["from_day"] == day:
            return at
        if at < 0:
            following = pair[0]["from_day"] if pair else None
            self._put(pair, 0, (outlet_id, product_id, day), following, 0)
            return 0
        covering = pair[at]
        self._put(
            pair, at + 1, (outlet_id, product_id, day), covering["to_day"], covering["sellable"]
        )
        covering["to_day"] = day
        return at + 1

    def _put(self, pair: list[dict], index: int, key: tuple, to_day, sellable: int) -> None:
        outlet_id, product_id, from_day = key
        row = {
            "outlet_id": outlet_id,
            "product_id": product_id,
            "from_day": from_day,
            "to_day": to_day,
            "sellable": sellable,
        }
        pair.insert(index, row)
        self.rows[key] = row


def _from_day(row: dict) -> date:
    return row["from_day"]


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


def sellable_on_hand(stock: Table, outlet_id: Any, product_id: Any, day: date) -> Any:
    """SQL for a pair's sellable stock at the end of ``day``: the latest interval starting on
    or before it, one index seek whatever the length of the history (NULL before its first
    movement)."""
    return (
        select(stock.c.sellable)
        .where(stock.c.outlet_id == outlet_id, stock.c.product_id == product_id)
        .where(stock.c.from_day <= day)
        .order_by(stock.c.from_day.desc())
        .limit(1)
        .scalar_subquery()
    )
