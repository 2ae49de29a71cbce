"""A view: SQL tables fed by handlers of domain events, rebuildable into fresh tables."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, ClassVar

from sqlalchemy import Connection, MetaData

Handler = Callable[["View", Connection, Any, int], None]


def handles(*event_names: str) -> Callable[[Handler], Handler]:
    """Mark a method as the handler of events named like 'Outlet.Sold'."""

    def mark(method: Handler) -> Handler:
        method.handles = event_names  # type: ignore[attr-defined]
        return method

    return mark


class View:
    """Tables of one read model; ``suffix`` names a fresh set being rebuilt beside the live one."""

    name: ClassVar[str]
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

    def table_names(self) -> list[str]:
        return [table.name for table in self.metadata.sorted_tables]
