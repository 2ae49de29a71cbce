"""A view: SQL tables fed by handlers of domain events, rebuildable into fresh tables."""

import hashlib
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, ClassVar

from sqlalchemy import Connection, MetaData, Table

Handler = Callable[["View", Connection, Any, int], None]


def handles(*event_classes: type) -> Callable[[Handler], Handler]:
    """Mark a method as the handler of these domain event classes (``Outlet.Sold``).

    The runner picks a view's events by name before it decodes them, so the handlers are
    kept under the name the stored topic ends with: the class's qualified name.
    """
    for event_class in event_classes:
        if not isinstance(event_class, type):
            raise TypeError(f"@handles takes event classes, not {event_class!r}")

    def mark(method: Handler) -> Handler:
        method.handles = tuple(c.__qualname__ for c in event_classes)  # type: ignore[attr-defined]
        return method

    return mark


class View:
    """Tables of one read model; ``suffix`` names a fresh set being rebuilt beside the live one."""

    name: ClassVar[str]
    VERSION: ClassVar[int] = 1
    """Bump when a handler's logic changes what the rows hold: the view is then rebuilt."""
    handlers: ClassVar[dict[str, Handler]]
    upstream: tuple[str, ...] = ()
    """Views whose rows this one reads while applying: applied before it in a batch, and it
    never applies events beyond their position (set by projections.views)."""

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.handlers = {
            event_name: method
            for klass in reversed(cls.__mro__)
            for method in vars(klass).values()
            for event_name in getattr(method, "handles", ())
        }

    def __init__(self, suffix: str = "") -> None:
        self.suffix = suffix
        self.metadata = MetaData()
        self.t = self.define_tables(self.metadata, suffix)

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        """Declare the view's tables; every table and index name ends with ``suffix``."""
        raise NotImplementedError

    def wants(self, event_name: str) -> bool:
        return event_name in self.handlers

    def apply(self, conn: Connection, event: Any, position: int) -> None:
        """Apply one event, in the caller's transaction."""
        self.handlers[type(event).__qualname__](self, conn, event, position)

    def apply_batch(self, conn: Connection, events: list[tuple[int, Any]]) -> None:
        """Apply a batch of (position, event) in order; views with hot tables buffer them."""
        for position, event in events:
            self.apply(conn, event, position)

    def fingerprint(self) -> str:
        """A digest of the tables' definitions and ``VERSION``: a view whose stored fingerprint
        differs was built by other code and is rebuilt (the suffix does not count)."""
        shape = {
            "version": self.VERSION,
            "tables": sorted(
                (_table_shape(t, self.suffix) for t in self.metadata.tables.values()),
                key=lambda shape: shape["name"],
            ),
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def _unsuffixed(name: str | None, suffix: str) -> str | None:
    # Auto-named indexes carry the suffix inside ("ix_<table><suffix>_<column>").
    return name.replace(suffix, "") if name and suffix else name


def _table_shape(table: Table, suffix: str) -> dict:
    """Names, columns (type, nullability, key, default), foreign keys and indexes of a table."""
    return {
        "name": _unsuffixed(table.name, suffix),
        "columns": [
            [
                column.name,
                repr(column.type),
                column.nullable,
                column.primary_key,
                str(column.server_default.arg) if column.server_default is not None else None,
            ]
            for column in table.columns
        ],
        "foreign_keys": sorted(
            [key.parent.name, _unsuffixed(key.target_fullname, suffix)]
            for key in table.foreign_keys
        ),
        "indexes": sorted(
            [_unsuffixed(index.name, suffix), [c.name for c in index.columns], index.unique]
            for index in table.indexes
        ),
        "unique": sorted(
            sorted(c.name for c in constraint.columns)
            for constraint in table.constraints
            if type(constraint).__name__ == "UniqueConstraint"
        ),
    }
