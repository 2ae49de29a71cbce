"""Applying a view's share of a batch so that an event it cannot apply stops that view alone.

The whole share is applied in one savepoint (the normal case: one pass through the view's
buffers). If that fails, it is rolled back and the first event that fails is found by halving:
halves that apply are kept, so the view ends just before the bad event with everything before
it applied, in a few passes (about twice log2 of the batch size) rather than one per event.
A view gives the same rows whatever the batch size, so splitting the batch changes nothing.

Errors of the database connection itself (unreachable, lost, a lock or serialisation timeout)
are not the event's fault: they propagate, the whole batch rolls back and is tried again later.
"""

from collections.abc import Sequence
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
            return None  # it failed only as a whole; applied in two parts it gives the same rows
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
