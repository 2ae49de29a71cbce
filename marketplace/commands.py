"""Running a command: retried on version conflicts, recorded once per Idempotency-Key."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from domain.errors import DomainError
from marketplace.errors import ApplicationError, ConcurrentUpdate
from marketplace.persistence import RequestKey, SideRows

MAX_ATTEMPTS = 5

_request_key: ContextVar[RequestKey | None] = ContextVar("ocop_request_key", default=None)


class Authorisation:
    """The version of the acting user a request was authorised as, and its session.

    The first save of the request records only if that user is still at this version and the
    session is not signed out (checked inside the insert's transaction, after the table lock),
    else it raises PrincipalChangedError and records nothing; ``verified`` tells that a save
    has passed.
    """

    def __init__(self, user_id: UUID, version: int, session_id: str | None = None) -> None:
        self.user_id = user_id
        self.version = version
        self.session_id = session_id
        self.verified = False

    def pending(self) -> tuple[UUID, int] | None:
        return None if self.verified else (self.user_id, self.version)


_authorisation: ContextVar[Authorisation | None] = ContextVar("ocop_authorisation", default=None)


@contextmanager
def authorised_as(authorisation: Authorisation | None) -> Iterator[None]:
    """Make the commands run inside this block check the acting user's version at save."""
    token = _authorisation.set(authorisation)
    try:
        yield
    finally:
        _authorisation.reset(token)


@contextmanager
def request_key(key: RequestKey | None) -> Iterator[None]:
    """Record commands run inside this block under the client's Idempotency-Key."""
    token = _request_key.set(key)
    try:
        yield
    finally:
        _request_key.reset(token)


class Recorded:
    """What a command method hands back: its result and the aggregates to save."""

    def __init__(
        self,
        result: dict[str, Any],
        *aggregates: Aggregate,
        credential: tuple[str, str] | None = None,
        gtin: tuple[str, str] | None = None,
        replaces_credential: bool = False,
    ) -> None:
        self.result = result
        self.aggregates = aggregates
        self.credential = credential  # (user id, password hash), saved with the events
        self.replaces_credential = replaces_credential
        self.gtin = gtin  # (GTIN, product id): held by that product from this save on


F = TypeVar("F", bound=Callable[..., Recorded])


def command(method: F) -> Callable[..., dict[str, Any]]:
    """Turn a get → call method into get → call → save, with retries and idempotency.

    A version conflict (another writer saved the same aggregate first) reruns the method on
    fresh state, up to MAX_ATTEMPTS times. Under an Idempotency-Key the first result is
    stored with the events, and a repeat (even a concurrent one) gets that result back.

    The key is not looked up before running: its row is inserted in the events' transaction,
    so a repeat fails there (a unique key) and then finds the first result; a repeat the
    method refuses (say, the stock it sold is gone now) looks the key up before refusing.
    A first request pays no extra round trip.
    """

    @wraps(method)
    def run(app: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        key = _request_key.get()
        authorisation = _authorisation.get()
        for _attempt in range(MAX_ATTEMPTS):
            try:
                recorded = method(app, *args, **kwargs)
            except (DomainError, ApplicationError):
                if key is not None and (prior := app.recorded_result(key)) is not None:
                    return prior
                raise
            result_json = json.dumps(recorded.result, sort_keys=True)
            principal = authorisation.pending() if authorisation else None
            side_rows = SideRows(
                key,
                result_json,
                recorded.credential,
                replaces_credential=recorded.replaces_credential,
                principal=principal,
                session_id=authorisation.session_id if principal else None,
                gtin=recorded.gtin,
            )
            try:
                recordings = app.save(*recorded.aggregates, side_rows=side_rows)
            except IntegrityError as conflict:
                # A repeat of the key, or a version conflict (then only the last try looks);
                # a GTIN another save took first is found by the method when it runs again.
                repeat = "idempotency_keys" in str(conflict) or _attempt == MAX_ATTEMPTS - 1
                if key is not None and repeat and (prior := app.recorded_result(key)) is not None:
                    return prior
                continue
            if authorisation is not None and recordings:
                authorisation.verified = True
            return recorded.result
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} conflicting writes; try again")

    return run
