"""The recomputation of coverage status timelines (projections/coverage_status.py) from the
shelves and register views' tables, from a day on.

The rows are canonical: maximal runs of one status, from the first day the outlet's status is
not ``not_listed`` on (no rows: never listed anything), contiguous to the open end. So the same
history gives the same rows however it was fed: live, late, or rebuilt from zero (a rebuild
reads the other views at the log's head, which only makes each recomputation final sooner).
"""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, tuple_

from projections.buffer import chunks
from projections.coverage_facts import OutletFacts
from projections.shelf_stock import sellable_on_hand


class TimelineRecomputation:
    """Mixed into the coverage status view: rewrites outlets' timelines (``t.status``) from the
    shelves' listings and stock (``shelves``) and the register's evaluations (``register``)."""

    def recompute(self, conn: Connection, since: dict[Any, date]) -> None:
        """Rewrite the timelines of the given outlets from their given day on."""
        by_day: dict[date, list] = defaultdict(list)
        for outlet, day in since.items():
            by_day[day].append(outlet)
        for day, outlets in sorted(by_day.items()):
            for part in chunks(sorted(outlets, key=str)):
                self._recompute_from(conn, day, list(part))

    def _recompute_from(self, conn: Connection, day: date, outlets: list) -> None:
        facts = {outlet: OutletFacts(day) for outlet in outlets}
        listing, stock = self.shelves.t.listings, self.shelves.t.stock
        current = listing.c.delisted_on.is_(None) | (listing.c.delisted_on > day)
        sellable_then = sellable_on_hand(stock, listing.c.outlet_id, listing.c.product_id, day)
        for row in conn.execute(
            select(
                listing.c.outlet_id,
                listing.c.product_id,
                listing.c.listed_on,
                listing.c.delisted_on,
                sellable_then,
            ).where(listing.c.outlet_id.in_(outlets), current)
        ):
            outlet, product, listed_on, delisted_on, sellable = row
            f = facts[outlet]
            f.listings.append((product, listed_on, delisted_on))
            if sellable is not None and not f.stock.get(product):
                f.stock[product].append((day, sellable))
        later = (
            select(stock.c.outlet_id, stock.c.product_id, stock.c.from_day, stock.c.sellable)
            .distinct()
            .select_from(
                listing.join(
                    stock,
                    and_(
                        stock.c.outlet_id == listing.c.outlet_id,
                        stock.c.product_id == listing.c.product_id,
                        stock.c.from_day > day,
                    ),
                )
            )
            .where(listing.c.outlet_id.in_(outlets), current)
        )
        for outlet, product, from_day, sellable in conn.execute(later):
            facts[outlet].stock[product].append((from_day, sellable))
        for f in facts.values():
            for intervals in f.stock.values():
                intervals.sort()
        evaluations = self._evaluations(
            conn, {p for f in facts.values() for p, _, _ in f.listings}, day
        )
        self._write(conn, day, outlets, {o: f.runs(evaluations) for o, f in facts.items()})

    def _evaluations(self, conn: Connection, products: set, day: date) -> dict[Any, list]:
        e = self.register.t.evaluations
        found: dict[Any, list] = defaultdict(list)
        for part in chunks(sorted(products, key=str)):
            for row in conn.execute(
                select(
                    e.c.product_id,
                    e.c.stars,
                    e.c.certified_on,
                    e.c.superseded_on,
                    e.c.valid_until,
                    e.c.revoked_on,
                ).where(
                    e.c.product_id.in_(part),
                    or_(e.c.superseded_on.is_(None), e.c.superseded_on > day),
                )
            ):
                found[row.product_id].append(row)
        return found

    def _write(self, conn: Connection, day: date, outlets: list, runs: dict) -> None:
        """Replace the rows from ``day`` on, joining the run that covers the day before."""
        s = self.t.status
        before = {}  # outlet → (from_day, reason) of the row covering the day before ``day``
        latest = (
            select(s.c.outlet_id, s.c.from_day, s.c.reason)
            .where(s.c.outlet_id.in_(outlets), s.c.from_day < day)
            .where(or_(s.c.to_day.is_(None), s.c.to_day >= day))
        )
        for outlet, from_day, reason in conn.execute(latest):
            before[outlet] = (from_day, reason)
        conn.execute(delete(s).where(s.c.outlet_id.in_(outlets), s.c.from_day >= day))
        if before:
            conn.execute(
                delete(s).where(
                    tuple_(s.c.outlet_id, s.c.from_day).in_(
                        [(outlet, from_day) for outlet, (from_day, _) in before.items()]
                    )
                )
            )
        rows = []
        for outlet in outlets:
            pieces = list(runs[outlet])
            if outlet in before:
                start, reason = before[outlet]
                if pieces[0][1] == reason:
                    pieces[0] = (start, reason)
                else:
                    pieces.insert(0, (start, reason))
            else:
                while pieces and pieces[0][1] == "not_listed":
                    pieces.pop(0)  # before its first listing an outlet has no rows
            for n, (from_day, reason) in enumerate(pieces):
                to_day = pieces[n + 1][0] if n + 1 < len(pieces) else None
                rows.append(
                    {"outlet_id": outlet, "from_day": from_day, "to_day": to_day, "reason": reason}
                )
        if rows:
            conn.execute(insert(s), rows)
