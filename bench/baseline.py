"""Figure (1), the baseline: the eventsourcing library alone on PostgreSQL, one event per
transaction, one client. No project code: a minimal aggregate and a plain ``Application``."""

import time
from urllib.parse import urlparse

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Tally(Aggregate):
    """The smallest useful aggregate: it counts."""

    @event("Created")
    def __init__(self) -> None:
        self.count = 0

    @event("Counted")
    def add(self, amount: int) -> None:
        self.count += amount


class BenchBaseline(Application):
    """A plain application: the library's own PostgreSQL recorder, no snapshots, no cache."""


def library_env(database_url: str) -> dict[str, str]:
    """The library's PostgreSQL settings for a ``postgresql://`` URL."""
    url = urlparse(database_url)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.path.lstrip("/"),
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": url.username or "postgres",
        "POSTGRES_PASSWORD": url.password or "",
        "CREATE_TABLE": "y",
    }


def library_saves_per_second(database_url: str, saves: int) -> dict[str, float]:
    """Save one event per ``app.save`` call, ``saves`` times; events/s and mean ms per save."""
    app = BenchBaseline(env=library_env(database_url))
    try:
        tally = Tally()
        app.save(tally)
        for _ in range(min(50, saves)):  # warm the connection pool and statement caches
            tally.add(1)
            app.save(tally)
        started = time.perf_counter()
        for _ in range(saves):
            tally.add(1)
            app.save(tally)
        elapsed = time.perf_counter() - started
    finally:
        app.close()
    return {"saves": saves, "events_per_s": saves / elapsed, "mean_ms": 1000 * elapsed / saves}
