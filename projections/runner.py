"""Feeds views from the application's notification log: each batch of rows and the views'
positions are written in one transaction, so every event is applied exactly once.

The runner pulls ``select_notifications`` after its tracked position, which works on SQLite
(where the library has no push subscription) and PostgreSQL alike.
"""

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from projections.view import View

positions_metadata = MetaData()
positions_table = Table(
    "projection_positions",
    positions_metadata,
    Column("name", String(50), primary_key=True),
    Column("position", BigInteger, nullable=False),
)


class NotificationSource(Protocol):
    """What the runner reads: the application recorder's notification log."""

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Any: ...

    def max_notification_id(self) -> int | None: ...


class PositionMoved(Exception):
    """Another runner (or a rebuild) moved a view's position during this batch."""


def event_name(topic: str) -> str:
    """'domain.outlet:Outlet.Sold' → 'Outlet.Sold'."""
    return topic.rpartition(":")[2]


class Runner:
    """Applies the notification log to a set of views, batch by batch."""

    def __init__(
        self,
        engine: Engine,
        source: NotificationSource,
        decode: Callable[[Any], Any],
        views: Sequence[View],
        batch_size: int = 2000,
    ) -> None:
        self.engine = engine
        self.source = source
        self.decode = decode
        self.views = list(views)
        self.batch_size = batch_size
        self._lock = threading.Lock()  # one batch at a time per process

    def view(self, name: str) -> View:
        return next(v for v in self.views if v.name == name)

    def create_tables(self) -> None:
        """Create the views' tables and their positions (safe to run again)."""
        positions_metadata.create_all(self.engine)
        for view in self.views:
            view.metadata.create_all(self.engine)
        for view in self.views:
            try:
                with self.engine.begin() as conn:
                    if read_position(conn, view.name) is None:
                        conn.execute(positions_table.insert().values(name=view.name, position=0))
            except IntegrityError:
                pass  # another process made it first

    def positions(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {v.name: read_position(conn, v.name) or 0 for v in self.views}

    def lag(self) -> int:
        """How many notifications the slowest view is behind the log."""
        head = self.source.max_notification_id() or 0
        return max(0, head - min(self.positions().values(), default=0))

    def run_batch(self) -> int:
        """Apply the next batch; return how many notifications it covered (0: up to date)."""
        with self._lock, self.engine.begin() as conn:
            positions = {v.name: read_position(conn, v.name) or 0 for v in self.views}
            start = min(positions.values())
            notifications = self.source.select_notifications(
                start=start, limit=self.batch_size, inclusive_of_start=False
            )
            if not notifications:
                return 0
            claim_positions(conn, positions, notifications[-1].id)
            apply_to_views(conn, self.views, notifications, self.decode, positions)
            return len(notifications)

    def catch_up(self) -> int:
        """Apply batches until every view has reached the log's head; return how many."""
        applied = 0
        while True:
            try:
                done = self.run_batch()
            except (PositionMoved, OperationalError):
                continue  # another process moved first; read the positions again
            if not done:
                return applied
            applied += done


def apply_to_views(
    conn: Connection,
    views: Sequence[View],
    notifications: Sequence[Any],
    decode: Callable[[Any], Any],
    positions: dict[str, int],
) -> None:
    """Apply notifications view by view (in order, so later views can read earlier ones'
    rows), decoding each event once, skipping what a view has already seen."""
    names = [event_name(notification.topic) for notification in notifications]
    decoded: dict[int, Any] = {}
    for view in views:
        after, wants = positions[view.name], view.wants
        mine = []
        for notification, name in zip(notifications, names, strict=True):
            if after < notification.id and wants(name):
                event = decoded.get(notification.id)
                if event is None:
                    event = decoded[notification.id] = decode(notification)
                mine.append((notification.id, event))
        if mine:
            view.apply_batch(conn, mine)


def read_position(conn: Connection, name: str) -> int | None:
    return conn.execute(
        select(positions_table.c.position).where(positions_table.c.name == name)
    ).scalar()


def claim_positions(conn: Connection, positions: dict[str, int], new: int) -> None:
    """Move each view's position first, so a concurrent writer of the same views waits or fails."""
    for name, old in positions.items():
        if old >= new:
            continue
        moved = conn.execute(
            update(positions_table)
            .where(positions_table.c.name == name, positions_table.c.position == old)
            .values(position=new)
        )
        if moved.rowcount != 1:
            raise PositionMoved(name)
