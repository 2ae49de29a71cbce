"""Rebuild a view from zero into fresh tables, swapped in at the end.

Readers keep the live tables until the swap, which happens in one transaction after the
fresh tables have caught up with the log's head, so no one ever sees a half-built view. The
swap clears the view's stop, if it had one: a view stopped on an event is resumed by rebuilding
it once the fix is deployed, and records the fingerprint of the code that built it (so a view of
older code is no longer "rebuilding"). A view that reads a stopped view is rebuilt only up to where that
view stopped (it would compute from missing rows); it goes on when that view does.
"""

from collections.abc import Callable
from uuid import uuid4

from sqlalchemy import Connection, text, update

from projections.containment import apply_contained, event_name, share
from projections.runner import Runner
from projections.tracking import (
    ReadSideState,
    clear_stop,
    describe,
    positions_table,
    read_fingerprints,
    read_position,
    read_positions,
    read_stops,
)
from projections.view import View
from projections.views import Views

Progress = Callable[[int, int], None]  # (position reached, log head)


class RebuildFailed(Exception):
    """The fresh view could not apply an event: the live view is left as it was."""


def rebuild(
    runner: Runner,
    views: Views,
    name: str,
    progress: Progress | None = None,
    batch_size: int = 2000,
    only_if_rebuilding: bool = False,
) -> int:
    """Rebuild the named view; return the position it was swapped in at. With
    ``only_if_rebuilding``, a view that another process has rebuilt meanwhile is left alone."""
    live: View = getattr(views, name)
    fresh = views.fresh(name, suffix=f"__r{uuid4().hex[:10]}")
    fresh.metadata.create_all(runner.engine)
    try:
        position = 0
        while True:
            with runner.engine.begin() as conn:
                reached = _feed(runner, conn, fresh, position, batch_size)
            if reached == position:
                break
            position = reached
            if progress:
                progress(position, runner.source.max_notification_id() or position)
        with runner.engine.begin() as conn:
            _lock_position(conn, name)
            if only_if_rebuilding and read_fingerprints(conn).get(name) == live.fingerprint():
                fresh.metadata.drop_all(conn)
                return read_position(conn, name) or 0
            while (reached := _feed(runner, conn, fresh, position, batch_size)) != position:
                position = reached
            _swap(conn, live, fresh)
            conn.execute(
                update(positions_table)
                .where(positions_table.c.name == name)
                .values(position=position, fingerprint=live.fingerprint())
            )
            clear_stop(conn, name)
        _analyze(runner.engine, live)
        return position
    except BaseException:
        fresh.metadata.drop_all(runner.engine, checkfirst=True)
        raise


def _feed(runner: Runner, conn: Connection, view: View, after: int, limit: int) -> int:
    """Apply the next notifications after ``after`` to ``view``; return how far it got."""
    until = _limit(runner, conn, view)
    if until is not None and until <= after:
        return after
    notifications = runner.source.select_notifications(
        start=after, limit=limit, stop=until, inclusive_of_start=False
    )
    if not notifications:
        return after
    names = [event_name(n.topic) for n in notifications]
    end = notifications[-1].id
    mine, failure = share(view, notifications, names, {}, runner.decode, after, end)
    failure = apply_contained(conn, view, mine) or failure
    if failure is not None:
        raise RebuildFailed(
            f"{view.name} cannot apply event {failure.position} ({failure.event_type}): "
            f"{describe(failure.error)}"
        )
    return end


def _limit(runner: Runner, conn: Connection, view: View) -> int | None:
    """The position of the stopped (or held) views ``view`` reads, if any: it stops there."""
    rebuilding = frozenset(
        n for n, mine in runner.fingerprints.items() if read_fingerprints(conn).get(n) != mine
    )
    state = ReadSideState(0, read_positions(conn), read_stops(conn), runner.upstream, rebuilding)
    blocked = set(state.stops) | set(state.rebuilding) | set(state.held())
    at = [state.positions[u] for u in runner.upstream.get(view.name, ()) if u in blocked]
    return min(at, default=None)


def _lock_position(conn: Connection, name: str) -> None:
    # Taken first, as the runner takes it first: a concurrent batch waits, then finds it moved.
    conn.execute(
        update(positions_table)
        .where(positions_table.c.name == name)
        .values(position=positions_table.c.position)
    )


def _swap(conn: Connection, live: View, fresh: View) -> None:
    quote = conn.dialect.identifier_preparer.quote
    for table in reversed(live.metadata.sorted_tables):
        conn.execute(text(f"DROP TABLE IF EXISTS {quote(table.name)}"))
    for old, new in zip(live.metadata.sorted_tables, fresh.metadata.sorted_tables, strict=True):
        conn.execute(text(f"ALTER TABLE {quote(new.name)} RENAME TO {quote(old.name)}"))


def _analyze(engine, view: View) -> None:
    """Give the planner statistics of the swapped-in tables at once: they were filled in bulk,
    and until autovacuum gets to them PostgreSQL would plan the queries on empty-table guesses."""
    with engine.begin() as conn:
        quote = conn.dialect.identifier_preparer.quote
        for table in view.metadata.sorted_tables:
            conn.execute(text(f"ANALYZE {quote(table.name)}"))
