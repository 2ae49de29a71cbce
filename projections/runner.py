"""Feeds views from the application's notification log: each batch of rows and the views'
positions are written in one transaction, so every event is applied exactly once.

The runner pulls ``select_notifications`` after its tracked position, which works on SQLite
(where the library has no push subscription) and PostgreSQL alike.

Containment: each view applies its share of a batch in a savepoint (projections.containment).
A view that cannot apply an event stops just before it, with the stop recorded
(projection_stops) in the batch's transaction, and this runner skips it from then on; the other
views go on. A view that reads another's rows (``View.upstream``, set in projections.views)
never applies events beyond the position that view has reached, so it is held back while that
view is stopped, and resumes with it. A new runner (a restart) tries a stopped view once more,
so a deployed fix resumes it; a rebuild clears the stop. A view whose stored fingerprint is not
its code's (projections.tracking) is not applied to either, until a rebuild swaps it in.
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from projections.containment import (
    Failure,
    apply_contained,
    apply_to_views,
    event_name,
    is_transient,
    share,
    upstream_of,
)
from projections.tracking import (
    FINGERPRINT,
    PositionMoved,
    ReadSideState,
    Stop,
    add_fingerprint_column,
    claim_positions,
    clear_stop,
    describe,
    now,
    positions_metadata,
    positions_table,
    read_fingerprints,
    read_position,
    read_positions,
    read_stops,
    record_stop,
    set_position,
)
from projections.view import View

__all__ = [
    "PositionMoved",
    "Runner",
    "apply_to_views",
    "event_name",
    "positions_table",
    "share",
]

log = logging.getLogger("ocop.projections")
TRANSIENT_RETRIES = 3


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
        self.upstream = upstream_of(self.views)
        self.fingerprints = {view.name: view.fingerprint() for view in self.views}
        self.given_up: dict[str, int] = {}  # view → the event this runner saw it fail on
        self._lock = threading.Lock()  # one batch at a time per process

    def view(self, name: str) -> View:
        return next(v for v in self.views if v.name == name)

    def create_tables(self) -> None:
        """Create the views' tables and their positions (safe to run again); a new view's
        position starts at 0 with its code's fingerprint. Missing tables of an existing view
        are created too: its fingerprint then differs, so it is rebuilt (``rebuilding``)."""
        positions_metadata.create_all(self.engine)
        add_fingerprint_column(self.engine)
        for view in self.views:
            view.metadata.create_all(self.engine)
        for view in self.views:
            try:
                with self.engine.begin() as conn:
                    if read_position(conn, view.name) is None:
                        conn.execute(
                            positions_table.insert().values(
                                name=view.name, position=0, fingerprint=self.fingerprints[view.name]
                            )
                        )
            except IntegrityError:
                pass  # another process made it first

    def rebuilding(self, engine: Engine | None = None) -> frozenset[str]:
        """The views built by other code (stored fingerprint not the code's, or unknown)."""
        try:
            with (engine or self.engine).connect() as conn:
                stored = read_fingerprints(conn)
        except Exception as error:
            if not _lacks_fingerprints(error):
                raise
            stored = {}  # a store from before fingerprints: every view is of other code
        return frozenset(n for n, mine in self.fingerprints.items() if stored.get(n) != mine)

    def positions(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            known = read_positions(conn)
        return {v.name: known.get(v.name, 0) for v in self.views}

    def state(self, engine: Engine | None = None) -> ReadSideState:
        """The head, the positions and the stops, read now (on ``engine``, default the runner's)."""
        with (engine or self.engine).connect() as conn:
            known, stops = read_positions(conn), read_stops(conn)
        head = self.source.max_notification_id() or 0
        positions = {v.name: known.get(v.name, 0) for v in self.views}
        stops = {name: stop for name, stop in stops.items() if name in positions}
        rebuilding = self.rebuilding(engine)
        return ReadSideState(head, positions, stops, self.upstream, rebuilding)

    def lag(self) -> int:
        """How many notifications the slowest view is behind the log."""
        head = self.source.max_notification_id() or 0
        return max(0, head - min(self.positions().values(), default=0))

    def run_batch(self) -> int:
        """Apply the next batch; return how many notifications it covered (0: up to date)."""
        with self._lock, self.engine.begin() as conn:
            known, stops = read_positions(conn), read_stops(conn)
            positions = {v.name: known.get(v.name, 0) for v in self.views}
            self._forget_cleared(stops)
            limits = self._limits(positions, self._rebuilding_in(conn))
            movable = {
                name: at
                for name, at in positions.items()
                if name not in self.given_up and (limits[name] is None or limits[name] > at)
            }
            if not movable:
                return 0
            notifications = self.source.select_notifications(
                start=min(movable.values()), limit=self.batch_size, inclusive_of_start=False
            )
            if not notifications:
                return 0
            end = notifications[-1].id
            claims = {n: (at, _until(end, limits[n])) for n, at in movable.items()}
            claim_positions(conn, {n: c for n, c in claims.items() if c[1] > c[0]})
            self._apply(conn, notifications, positions, claims, stops)
            return len(notifications)

    def catch_up(self) -> int:
        """Apply batches until every running view has reached the log's head; return how many.

        A batch that loses to another runner is read again at once; a connection failure is
        tried a few times, then raised (a caller answering a read must not wait forever)."""
        applied, failures = 0, 0
        while True:
            try:
                done = self.run_batch()
            except PositionMoved:
                continue  # another process moved first; read the positions again
            except Exception as error:
                failures += 1
                if not is_transient(error) or failures > TRANSIENT_RETRIES:
                    raise
                time.sleep(0.05 * failures)
                continue
            if not done:
                return applied
            applied += done

    def _forget_cleared(self, stops: dict[str, Stop]) -> None:
        """Run again a view whose stop was cleared (by a rebuild) since this runner gave up."""
        for name, position in list(self.given_up.items()):
            stop = stops.get(name)
            if stop is None or stop.position != position:
                del self.given_up[name]
                log.warning("view %s: its stop was cleared; running it again", name)

    def _rebuilding_in(self, conn: Connection) -> set[str]:
        stored = dict(conn.execute(select(positions_table.c.name, FINGERPRINT)).all())
        return {n for n, mine in self.fingerprints.items() if stored.get(n) != mine}

    def _limits(self, positions: dict[str, int], rebuilding: set[str]) -> dict[str, int | None]:
        """How far each view may go: a given-up or rebuilding view stays, and a view never
        passes a view it reads (None: no limit but the log's head)."""
        limits: dict[str, int | None] = {}
        for view in self.views:
            if view.name in self.given_up or view.name in rebuilding:
                limits[view.name] = positions[view.name]
                continue
            bounds = [limits[u] for u in self.upstream[view.name] if limits.get(u) is not None]
            limits[view.name] = min(bounds, default=None)
        return limits

    def _apply(
        self,
        conn: Connection,
        notifications: Sequence[Any],
        positions: dict[str, int],
        claims: dict[str, tuple[int, int]],
        stops: dict[str, Stop],
    ) -> None:
        """Apply each view's share in order, each in its own savepoint; a view reads upstream
        rows up to where its upstream views got to in this batch."""
        names = [event_name(n.topic) for n in notifications]
        decoded: dict[int, Any] = {}
        reached = dict(positions)
        for view in self.views:
            if view.name not in claims:
                continue
            old, claimed = claims[view.name]
            until = min([claimed, *(reached[u] for u in self.upstream[view.name])])
            mine, undecodable = share(view, notifications, names, decoded, self.decode, old, until)
            failure = apply_contained(conn, view, mine) or undecodable
            reached[view.name] = max(old, until if failure is None else failure.position - 1)
            if claimed > old and reached[view.name] != claimed:
                set_position(conn, view.name, reached[view.name])
            if failure is not None:
                self._stop(conn, view.name, failure, stops.get(view.name))
            elif view.name in stops and reached[view.name] >= stops[view.name].position:
                clear_stop(conn, view.name)
                log.warning("view %s resumed past event %s", view.name, stops[view.name].position)

    def _stop(self, conn: Connection, name: str, failure: Failure, known: Stop | None) -> None:
        """Record the stop and give the view up in this runner; log it loudly once per stop."""
        stop = Stop(name, failure.position, failure.event_type, describe(failure.error), now())
        self.given_up[name] = failure.position
        if known is not None and known.position == failure.position:
            log.warning(
                "view %s still cannot apply event %s (%s): %s",
                name,
                stop.position,
                stop.event_type,
                stop.message,
            )
            return
        record_stop(conn, stop)
        log.error(
            "view %s stopped: cannot apply event %s (%s): %s; the other views go on",
            name,
            stop.position,
            stop.event_type,
            stop.message,
            exc_info=failure.error,
        )


def _lacks_fingerprints(error: BaseException) -> bool:
    """Did a query fail because the positions table has no fingerprint column (yet)?"""
    return "fingerprint" in str(getattr(error, "orig", error)).lower()


def _until(end: int, limit: int | None) -> int:
    """Where a view may get to in a batch ending at ``end``."""
    return end if limit is None else min(end, limit)
