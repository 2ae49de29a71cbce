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

Its parts: projections/coverage_facts.py (an outlet's facts, swept into runs of one status) and
projections/coverage_timeline.py (the recomputation, which keeps the rows canonical).
"""

from datetime import date
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
    insert,
    select,
    tuple_,
)

from domain.outlet import Outlet
from domain.product import Product
from domain.reference import SHELF_KINDS
from domain.values import local_day
from projections.buffer import chunks
from projections.coverage_timeline import TimelineRecomputation
from projections.movements import MOVEMENT_EVENTS, lot_movements
from projections.register import RegisterView
from projections.shelves import ShelvesView
from projections.view import View, handles


class CoverageStatusView(TimelineRecomputation, View):
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
