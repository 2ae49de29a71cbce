"""Applying a view's share of a batch so that an event it cannot apply stops that view alone.

The whole share is applied in one savepoint (the normal case: one pass through the view's
buffers). If that fails, it is rolled back and the first event that fails is found by halving:
halves that apply are kept, so the view ends just before the bad event with everything before
it applied, in a few passes (about twice log2 of the batch size) rather than one per event.
A view gives the same rows whatever the batch size, so splitting the batch changes nothing.

Errors of the database connection itself (unreachable, lost, a lock or serialisation timeout)
are not the event's fault: they propagate, the whole batch rolls back and is tried again later.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout

from projections.view import View

log = logging.getLogger("ocop.projections")
TRANSIENT = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)


@dataclass(frozen=True)
class Failure:
    """The first event of a share that the view could not apply, and why."""

    position: int
    event_type: str
    error: Exception


def is_transient(error: BaseException) -> bool:
    """Is this a failure of the database connection rather than of the event?"""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, TRANSIENT)


def apply_contained(
    conn: Connection, view: View, events: Sequence[tuple[int, Any]]
) -> Failure | None:
    """Apply ``events`` (position, event) to ``view``; on failure keep what applies before the
    first bad event and return it (None: everything applied)."""
    if not events:
        return None
    error = _attempt(conn, view, events)
    if error is None:
        return None
    pending = list(events)
    while len(pending) > 1:
        half = len(pending) // 2
        head, tail = pending[:half], pending[half:]
        head_error = _attempt(conn, view, head)
        if head_error is not None:
            pending, error = head, head_error
            continue
        tail_error = _attempt(conn, view, tail)
        if tail_error is None:
            # It failed only as a whole; applied in two parts it gives the same rows. Say so:
            # a view whose result depends on how a batch is cut has a bug to find.
            log.warning("view %s failed on a batch it applied in parts: %s", view.name, error)
            return None
        pending, error = tail, tail_error
    position, event = pending[0]
    return Failure(position, type(event).__qualname__, error)


def _attempt(conn: Connection, view: View, events: Sequence[tuple[int, Any]]) -> Exception | None:
    """Apply in a savepoint: kept if it works, rolled back (and the error returned) if not."""
    savepoint = conn.begin_nested()
    try:
        view.apply_batch(conn, list(events))
    except Exception as error:  # any failure of a view stops that view only
        savepoint.rollback()
        if is_transient(error):
            raise
        return error
    savepoint.commit()
    return None


def event_name(topic: str) -> str:
    """'domain.outlet:Outlet.Sold' → 'Outlet.Sold'."""
    return topic.rpartition(":")[2]


def share(
    view: View,
    notifications: Sequence[Any],
    names: Sequence[str],
    decoded: dict[int, Any],
    decode: Callable[[Any], Any],
    after: int,
    until: int,
) -> tuple[list[tuple[int, Any]], Failure | None]:
    """The (position, event) the view wants in (after, until], each event decoded once; and
    the first wanted event that cannot be decoded (the share ends before it), if any."""
    wants, mine = view.wants, []
    for notification, name in zip(notifications, names, strict=True):
        if after < notification.id <= until and wants(name):
            event = decoded.get(notification.id)
            if event is None:
                try:
                    event = decoded[notification.id] = decode(notification)
                except Exception as error:  # noqa: BLE001 (undecodable: stops the views that want it)
                    return mine, Failure(notification.id, name, error)
            mine.append((notification.id, event))
    return mine, None


def apply_to_views(
    conn: Connection,
    views: Sequence[View],
    notifications: Sequence[Any],
    decode: Callable[[Any], Any],
    positions: dict[str, int],
) -> None:
    """Apply notifications view by view with no containment (a failure raises)."""
    names = [event_name(notification.topic) for notification in notifications]
    decoded: dict[int, Any] = {}
    end = notifications[-1].id if notifications else 0
    for view in views:
        mine, undecodable = share(
            view, notifications, names, decoded, decode, positions[view.name], end
        )
        if undecodable is not None:
            raise undecodable.error
        if mine:
            view.apply_batch(conn, mine)


def upstream_of(views: Sequence[View]) -> dict[str, tuple[str, ...]]:
    """Each view's upstream views among ``views``; they must come before it."""
    order = {view.name: index for index, view in enumerate(views)}
    upstream = {}
    for view in views:
        names = tuple(u for u in getattr(view, "upstream", ()) if u in order)
        if any(order[u] > order[view.name] for u in names):
            raise ValueError(f"view {view.name} must come after the views it reads: {names}")
        upstream[view.name] = names
    return upstream
