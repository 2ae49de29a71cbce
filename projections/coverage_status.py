"""T1 coverage status over time: for each shelf outlet, why it does not sell OCOP goods, day by day.

The status of an outlet on a day (selling, or the first reason that applies, as DESIGN.md
defines the coverage metric) is piecewise constant: it changes only on a day a product is listed
or delisted, a sellable stock interval starts (a movement, or the day after a lot's expiry), an
evaluation is made or superseded, a certificate is revoked, or the day after a certificate's
last valid day. This view keeps those pieces as rows
(outlet_id, from_day, to_day exclusive or NULL while current, reason NULL while selling), so
that coverage on any day is one index seek per outlet, whatever the length of the history.

The rows are derived from the shelves and register views' tables, which the runner applies
before this view within the same batch. At the end of each batch the timeline of every shelf
outlet the batch touched is recomputed from the earliest day the batch changed for it on (a
late entry moves that day back), as is the timeline of every outlet that ever listed a product
whose evaluations or revocations the batch changed; days before that are left as they are, so
a batch's cost does not grow with the history behind it.

The rows are canonical: maximal runs of one status, from the first day the outlet's status is
not ``not_listed`` on (no rows: never listed anything), contiguous to the open end. So the same
history gives the same rows however it was fed: live, late, or rebuilt from zero (a rebuild
reads the other views at the log's head, which only makes each recomputation final sooner).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    MetaData,
    String,
    Table,
    Uuid,
    and_,
    delete,
    insert,
    or_,
    select,
    tuple_,
)

from domain.certificate import NOT_CERTIFIED, VALID, certificate_status, reason_not_selling
from domain.outlet import Outlet
from domain.product import Product
from domain.reference import SHELF_KINDS
from domain.values import local_day
from projections.buffer import chunks
from projections.movements import MOVEMENT_EVENTS, lot_movements
from projections.register import RegisterView
from projections.shelf_stock import sellable_on_hand
from projections.shelves import ShelvesView
from projections.view import View, handles


def evaluation_status(evaluation: Any, day: date) -> str:
    """The status of one evaluation row (or of none) on ``day``."""
    if evaluation is None:
        return NOT_CERTIFIED
    return certificate_status(evaluation.stars, evaluation.revoked_on, evaluation.valid_until, day)


def reason_from_statuses(statuses: Iterable[tuple[str, bool]]) -> str | None:
    """From (certificate status, in stock) of each listed product: None if selling, else why not."""
    seen = set(statuses)
    return reason_not_selling(bool(seen), (VALID, True) in seen, {status for status, _ in seen})


class OutletFacts:
    """What an outlet's status depends on from ``since`` on: listings, stock and evaluations."""

    def __init__(self, since: date) -> None:
        self.since = since
        self.listings: list[tuple[Any, date, date | None]] = []  # (product, listed_on, delisted_on)
        self.stock: dict[Any, list[tuple[date, int]]] = defaultdict(list)  # sorted by day

    def _listing_changes(
        self, product, listed_on: date, delisted_on: date | None, evaluations: list[Any]
    ) -> list[tuple[date, frozenset | None]]:
        """(day, state) each time one listing's state changes from ``since`` on; a state is
        the set of (certificate status, in stock) it adds to the outlet's, None when unlisted."""
        intervals = self.stock.get(product, [])
        days = {self.since, listed_on}
        if delisted_on is not None:
            days.add(delisted_on)
        days.update(day for day, _ in intervals)
        for e in evaluations:
            days.update(d for d in (e.certified_on, e.superseded_on, e.revoked_on) if d is not None)
            days.add(e.valid_until + timedelta(days=1))
        changes: list[tuple[date, frozenset | None]] = []
        at, state = -1, ()
        for day in sorted(d for d in days if d >= self.since):
            while at + 1 < len(intervals) and intervals[at + 1][0] <= day:
                at += 1
            if listed_on <= day and (delisted_on is None or delisted_on > day):
                in_stock = at >= 0 and intervals[at][1] > 0
                in_force = [
                    e
                    for e in evaluations
                    if e.certified_on <= day and (e.superseded_on is None or e.superseded_on > day)
                ]
                new = frozenset((evaluation_status(e, day), in_stock) for e in in_force or [None])
            else:
                new = None
            if new != state:
                changes.append((day, new))
                state = new
        return changes

    def runs(self, evaluations: dict[Any, list[Any]]) -> list[tuple[date, str | None]]:
        """(first day, reason) of each run of one status from ``since`` on: a sweep over the
        days each listing's state changes, keeping a count of the states of the outlet's."""
        changes = []
        for n, (product, listed_on, delisted_on) in enumerate(self.listings):
            for day, state in self._listing_changes(
                product, listed_on, delisted_on, evaluations.get(product, [])
            ):
                changes.append((day, n, state))
        changes.sort(key=lambda c: (c[0], c[1]))
        counts: dict[tuple, int] = defaultdict(int)
        states: dict[int, frozenset] = {}
        runs: list[tuple[date, str | None]] = []
        for i, (day, n, state) in enumerate(changes):
            for pair in states.pop(n, ()):
                counts[pair] -= 1
            if state is not None:
                states[n] = state
                for pair in state:
                    counts[pair] += 1
            if i + 1 < len(changes) and changes[i + 1][0] == day:
                continue  # the day's other changes first
            reason = reason_from_statuses(pair for pair, count in counts.items() if count)
            if not runs or runs[-1][1] != reason:
                runs.append((day, reason))
        if not runs or runs[0][0] != self.since:
            runs.insert(0, (self.since, "not_listed"))  # nothing listed from ``since`` on
        return runs


class CoverageStatusView(View):
    """The per-outlet status timeline of the T1 coverage metric."""

    name = "coverage_status"

    def __init__(
        self,
        suffix: str = "",
        register: RegisterView | None = None,
        shelves: ShelvesView | None = None,
    ) -> None:
        super().__init__(suffix)
        self.register = register or RegisterView()
        self.shelves = shelves or ShelvesView()

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        status = Table(
            f"coverage_status{suffix}",
            metadata,
            Column("outlet_id", Uuid, primary_key=True),
            Column("from_day", Date, primary_key=True),
            Column("to_day", Date),  # exclusive; NULL while current
            Column("reason", String(30)),  # NULL while the outlet counts as selling
        )
        listers = Table(  # which outlets ever listed a product: whom its evaluations concern
            f"coverage_listers{suffix}",
            metadata,
            Column("product_id", Uuid, primary_key=True),
            Column("outlet_id", Uuid, primary_key=True),
        )
        return SimpleNamespace(status=status, listers=listers)

    # Handlers only note what the batch touched; the timelines are recomputed at its end.

    def _touch(self, outlet_id, day: date) -> None:
        known = self._since.get(outlet_id)
        self._since[outlet_id] = day if known is None or day < known else known

    @handles(Outlet.ProductListed)
    def listed(self, conn: Connection, e, position: int) -> None:
        self._touch(e.originator_id, e.listed_on)
        self._listers.add((e.product_id, e.originator_id))

    @handles(Outlet.ProductDelisted)
    def delisted(self, conn: Connection, e, position: int) -> None:
        self._touch(e.originator_id, e.delisted_on)

    @handles(*MOVEMENT_EVENTS)
    def moved(self, conn: Connection, e, position: int) -> None:
        self._moved_at.add(position)
        for m in lot_movements(e):
            if m.delta:
                known = self._moved.get(m.outlet_id)
                day = local_day(m.at)
                self._moved[m.outlet_id] = day if known is None or day < known else known

    @handles(Product.Evaluated)
    def evaluated(self, conn: Connection, e, position: int) -> None:
        self._product_touch(e.originator_id, e.certified_on)

    @handles(Product.CertificateRevoked)
    def revoked(self, conn: Connection, e, position: int) -> None:
        self._product_touch(e.originator_id, e.revoked_on)

    def _product_touch(self, product_id, day: date) -> None:
        known = self._products.get(product_id)
        self._products[product_id] = day if known is None or day < known else known

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        self._since: dict[Any, date] = {}
        self._products: dict[Any, date] = {}
        self._listers: set[tuple] = set()
        self._moved: dict[Any, date] = {}
        self._moved_at: set[int] = set()
        super().apply_batch(conn, events)
        self._touch_moved()
        self._save_listers(conn)
        self._touch_listers(conn)
        self.recompute(conn, self._shelf_outlets(conn, self._since))

    def _touch_moved(self) -> None:
        """Stock matters only as in stock or not at the end of a day. When the shelves view
        applied these very movements in this batch (the runner's order), it knows where that
        changed, usually nowhere (a sale that leaves some on the shelf): only those outlets are
        recomputed, from the day it changed. Otherwise (a rebuild of this view alone, or
        shelves ahead of it), every outlet a movement touched, from the movement's day."""
        if not self._moved_at:
            return
        positions, changed = getattr(self.shelves, "in_stock_changed", (set(), {}))
        moved = changed if self._moved_at <= positions else self._moved
        for outlet, day in moved.items():
            self._touch(outlet, day)

    def _save_listers(self, conn: Connection) -> None:
        t = self.t.listers
        pairs = sorted(self._listers, key=str)
        known: set[tuple] = set()
        for part in chunks(pairs):
            known.update(
                tuple(row)
                for row in conn.execute(
                    select(t.c.product_id, t.c.outlet_id).where(
                        tuple_(t.c.product_id, t.c.outlet_id).in_(part)
                    )
                )
            )
        new = [{"product_id": p, "outlet_id": o} for p, o in pairs if (p, o) not in known]
        if new:
            conn.execute(insert(t), new)

    def _touch_listers(self, conn: Connection) -> None:
        t = self.t.listers
        for part in chunks(sorted(self._products, key=str)):
            for product_id, outlet_id in conn.execute(
                select(t.c.product_id, t.c.outlet_id).where(t.c.product_id.in_(part))
            ):
                self._touch(outlet_id, self._products[product_id])

    def _shelf_outlets(self, conn: Connection, since: dict[Any, date]) -> dict[Any, date]:
        o = self.register.t.outlets
        shelf = set()
        for part in chunks(sorted(since, key=str)):
            shelf.update(
                conn.execute(
                    select(o.c.id).where(o.c.id.in_(part), o.c.kind.in_(SHELF_KINDS))
                ).scalars()
            )
        return {outlet: day for outlet, day in since.items() if outlet in shelf}

    # The recomputation ------------------------------------------------------------------

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
