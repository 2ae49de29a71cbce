"""Fail fast while PostgreSQL cannot be reached, instead of waiting out every retry.

The library retries a failed read or write up to 10 times, and each try waits up to
``POSTGRES_CONNECT_TIMEOUT`` (5 s here) for a pooled connection: during an outage a command
would hang for about a minute. A wait for a connection that times out raises
``DatabaseUnreachable``, which the library does not retry, and the next tries in the following
seconds fail with it at once: a command answers 503 in about the connect timeout. The first try
after that waits again (and succeeds once the database is back).
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from eventsourcing.persistence import DatabaseError, OperationalError
from psycopg_pool import PoolTimeout


class DatabaseUnreachable(DatabaseError):
    """No connection to the database could be had within the connect timeout."""


GetConnection = Callable[[], AbstractContextManager[Any]]


def failing_fast(get_connection: GetConnection, seconds: float) -> GetConnection:
    """``get_connection`` that, for ``seconds`` after a timed-out wait, fails at once."""
    lock = threading.Lock()
    unreachable_until = [0.0]

    @contextmanager
    def guarded() -> Iterator[Any]:
        if time.monotonic() < unreachable_until[0]:
            raise DatabaseUnreachable("the database could not be reached moments ago")
        entered = False
        try:
            with get_connection() as conn:
                entered = True
                yield conn
        except OperationalError as error:
            if entered or not isinstance(error.__cause__, PoolTimeout):
                raise  # a dropped connection: the library's retry gets a fresh one
            with lock:
                unreachable_until[0] = time.monotonic() + seconds
            raise DatabaseUnreachable(str(error)) from error

    guarded.fails_fast = True  # type: ignore[attr-defined]
    return guarded


def install(datastore: Any, seconds: float) -> None:
    """Make ``datastore.get_connection`` fail fast (once, however many recorders share it)."""
    if not getattr(datastore.get_connection, "fails_fast", False):
        datastore.get_connection = failing_fast(datastore.get_connection, seconds)
