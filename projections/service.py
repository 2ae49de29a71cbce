"""The read side as the web and CLI use it: keep the views fresh, then ask them questions."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine

from projections.runner import NotificationSource, Runner
from projections.views import Views

T = TypeVar("T")


class ReadModels:
    """Views on one database, fed by a runner in this process (inline) or another (external)."""

    def __init__(
        self,
        write_engine: Engine,
        read_engine: Engine,
        source: NotificationSource,
        decode: Callable[[Any], Any],
        inline: bool = True,
        create_tables: bool = True,
    ) -> None:
        self.views = Views()
        self.read_engine = read_engine
        self.inline = inline
        self.runner = Runner(write_engine, source, decode, self.views.all())
        if create_tables:
            self.runner.create_tables()

    def refresh(self) -> int:
        """Bring the views up to date if they are fed here; return how many events they lag."""
        if self.inline:
            self.runner.catch_up()
        return self.runner.lag()

    def ask(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a query function ``query(conn, views, ...)`` on a read connection."""
        with self.read_engine.connect() as conn:
            return query(conn, self.views, *args, **kwargs)

    def close(self) -> None:
        self.runner.engine.dispose()
        self.read_engine.dispose()
