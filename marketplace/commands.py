"""Running a command: retried on version conflicts, recorded once per Idempotency-Key."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from marketplace.errors import ConcurrentUpdate
from marketplace.persistence import RequestKey, SideRows

MAX_ATTEMPTS = 5

_request_key: ContextVar[RequestKey | None] = ContextVar("ocop_request_key", default=None)


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
    ) -> None:
        self.result = result
        self.aggregates = aggregates
        self.credential = credential


F = TypeVar("F", bound=Callable[..., Recorded])


def command(method: F) -> Callable[..., dict[str, Any]]:
    """Turn a get → call method into get → call → save, with retries and idempotency.

    A version conflict (another writer saved the same aggregate first) reruns the method on
    fresh state, up to MAX_ATTEMPTS times. Under an Idempotency-Key the first result is
    stored with the events, and a repeat (even a concurrent one) gets that result back.
    """

    @wraps(method)
    def run(app: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        key = _request_key.get()
        if key is not None and (prior := app.recorded_result(key)) is not None:
            return prior
        for _attempt in range(MAX_ATTEMPTS):
            recorded = method(app, *args, **kwargs)
            result_json = json.dumps(recorded.result, sort_keys=True)
            side_rows = SideRows(key, result_json, recorded.credential)
            try:
                app.save(*recorded.aggregates, side_rows=side_rows)
            except IntegrityError:
                if key is not None and (prior := app.recorded_result(key)) is not None:
                    return prior
                continue
            return recorded.result
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} conflicting writes; try again")

    return run
