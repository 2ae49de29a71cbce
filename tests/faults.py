"""A test-only fault in a view: its handler hits a real database refusal on chosen events.

Installed on a live view instance (``View.handlers`` is looked up on the instance), so a new
process or a rebuild's fresh view does not have it: that is "the fix deployed".
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import insert

from projections.view import View

Predicate = Callable[[Any, int], bool]


def break_view(view: View, fails: Predicate) -> None:
    """Make ``view`` fail on every event for which ``fails(event, position)`` holds: the handler
    first writes a row its own table refuses (NULL in its NOT NULL columns), a database error that
    on PostgreSQL also aborts the transaction it happens in."""
    healthy = type(view).handlers
    table = view.metadata.sorted_tables[0]
    nulls = {column.name: None for column in table.columns if not column.nullable}

    def wrap(handler):
        def failing(self: View, conn, event: Any, position: int) -> None:
            if fails(event, position):
                conn.execute(insert(table).values(nulls))
            handler(self, conn, event, position)

        return failing

    view.handlers = {name: wrap(handler) for name, handler in healthy.items()}


def heal_view(view: View) -> None:
    """Remove the fault: the view's class handlers apply again."""
    view.__dict__.pop("handlers", None)


def at(position: int) -> Predicate:
    """The event at ``position``."""
    return lambda _event, p: p == position
