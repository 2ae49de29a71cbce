"""Who records an event: every domain event carries the acting user's id.

The acting user is set around a command (by the application's callers) and stamped on each
event when it is triggered; on replay the stored value is used, so history never changes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SYSTEM = "system"

_current_actor: ContextVar[str] = ContextVar("ocop_actor", default=SYSTEM)


def current_actor() -> str:
    """Return the id of the user on whose behalf events are being triggered."""
    return _current_actor.get()


@contextmanager
def acting_as(user_id: str) -> Iterator[None]:
    """Stamp events triggered inside this block with ``user_id``."""
    token = _current_actor.set(str(user_id))
    try:
        yield
    finally:
        _current_actor.reset(token)
