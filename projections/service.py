"""The read side as the web and CLI use it: keep the views fresh, then ask them questions."""

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Engine

from projections.rebuild import RebuildFailed, rebuild
from projections.runner import NotificationSource, Runner
from projections.tracking import ReadSideState, read_replay_delay
from projections.view import View
from projections.views import Views

T = TypeVar("T")
log = logging.getLogger("ocop.projections")


class ViewsRebuilding(Exception):
    """A read needs views built by older code that cannot answer until they are rebuilt."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"being rebuilt after an upgrade: {', '.join(names)}")
        self.names = names


class UsedViews:
    """The views as a query sees them, noting which ones it reads (to say how stale it is)."""

    def __init__(self, views: Views, used: set[str]) -> None:
        self._views = views
        self._used = used

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._views, name)
        if isinstance(value, View):
            self._used.add(value.name)
        return value


class ReadModels:
    """Views on one database, fed by a runner in this process (inline) or another (external),
    and read there or on a streaming replica of it (``replica``: ``read_engine`` is one)."""

    def __init__(
        self,
        write_engine: Engine,
        read_engine: Engine,
        source: NotificationSource,
        decode: Callable[[Any], Any],
        inline: bool = True,
        create_tables: bool = True,
        replica: bool = False,
    ) -> None:
        """With ``create_tables`` the tables are made; fed here (``inline``), views built by
        older code are rebuilt at once too (see ``upgrade``)."""
        self.views = Views()
        self.read_engine = read_engine
        self.inline = inline
        self.replica = replica
        self.runner = Runner(write_engine, source, decode, self.views.all())
        if create_tables and inline:
            self.upgrade()  # makes the tables too
        elif create_tables:
            self.runner.create_tables()

    def upgrade(self) -> list[str]:
        """Make missing tables, then rebuild each view whose stored fingerprint is not its
        code's (one built by an older version); return their names. Cheap when none is: a
        comparison of fingerprints. A view that cannot be rebuilt (it meets an event it cannot
        apply) is logged and left as it was, still "rebuilding"."""
        self.runner.create_tables()
        rebuilt = []
        for view in self.views.all():
            if view.name not in self.runner.rebuilding():
                continue
            log.warning("view %s was built by another version: rebuilding it", view.name)
            try:
                rebuild(self.runner, self.views, view.name, only_if_rebuilding=True)
            except RebuildFailed as failure:
                log.error("view %s could not be rebuilt: %s", view.name, failure)
                continue
            rebuilt.append(view.name)
        return rebuilt

    def refresh(self) -> int:
        """Bring the views up to date if they are fed here; return how many events they lag."""
        if self.inline:
            self.runner.catch_up()
        return self.runner.lag()

    def prepare_read(self) -> ReadSideState | None:
        """Before a read: catch up if the views are fed here, then say where they stand.

        A read never fails because catching up did (a stopped view is skipped by the runner;
        anything else, such as the database dropping a connection, is logged): it answers from
        what the views hold, and the state says how stale that is (None: it cannot be read)."""
        self.catch_up_quietly()
        try:
            return self.state()
        except Exception:
            log.warning("cannot read the projections' positions", exc_info=True)
            return None

    def catch_up_quietly(self) -> None:
        """Catch up if the views are fed here; log a failure rather than raise it."""
        if not self.inline:
            return
        try:
            self.runner.catch_up()
        except Exception:
            log.warning(
                "catching up failed; reads answer from the views as they are", exc_info=True
            )

    def state(self) -> ReadSideState:
        """The log's head (on the store), each view's position and the stopped views (where
        reads are answered: the replica if there is one, with its replay delay), read now."""
        state = self.runner.state(self.read_engine)
        if not self.replica:
            return state
        with self.read_engine.connect() as conn:
            return replace(state, replica_delay=read_replay_delay(conn))

    def ask(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a query function ``query(conn, views, ...)`` on a read connection."""
        with self.read_engine.connect() as conn:
            return query(conn, self.views, *args, **kwargs)

    def answer(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, set[str]]:
        """``ask``, and the names of the views the query read. A query that fails while a
        view it read is being rebuilt (its tables may lack new columns) raises
        ``ViewsRebuilding`` naming them."""
        used: set[str] = set()
        try:
            with self.read_engine.connect() as conn:
                return query(conn, UsedViews(self.views, used), *args, **kwargs), used
        except Exception as error:
            try:
                rebuilding = self.runner.rebuilding(self.read_engine) & used
            except Exception:  # noqa: BLE001 (the query's own error says more)
                raise error from None
            if rebuilding:
                raise ViewsRebuilding(sorted(rebuilding)) from error
            raise

    def close(self) -> None:
        self.runner.engine.dispose()
        self.read_engine.dispose()
