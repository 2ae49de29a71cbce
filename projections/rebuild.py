"""Rebuild a view from zero into fresh tables, swapped in at the end.

Readers keep the live tables until the swap, which happens in one transaction after the
fresh tables have caught up with the log's head, so no one ever sees a half-built view.
"""

from collections.abc import Callable
from uuid import uuid4

from sqlalchemy import Connection, text, update

from projections.runner import Runner, apply_to_views, positions_table
from projections.view import View
from projections.views import Views

Progress = Callable[[int, int], None]  # (position reached, log head)


def rebuild(
    runner: Runner,
    views: Views,
    name: str,
    progress: Progress | None = None,
    batch_size: int = 2000,
) -> int:
    """Rebuild the named view; return the position it was swapped in at."""
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
            while (reached := _feed(runner, conn, fresh, position, batch_size)) != position:
                position = reached
            _swap(conn, live, fresh)
            conn.execute(
                update(positions_table)
                .where(positions_table.c.name == name)
                .values(position=position)
            )
        _analyze(runner.engine, live)
        return position
    except BaseException:
        fresh.metadata.drop_all(runner.engine, checkfirst=True)
        raise


def _feed(runner: Runner, conn: Connection, view: View, after: int, limit: int) -> int:
    notifications = runner.source.select_notifications(
        start=after, limit=limit, inclusive_of_start=False
    )
    apply_to_views(conn, [view], notifications, runner.decode, {view.name: after})
    return notifications[-1].id if notifications else after


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
