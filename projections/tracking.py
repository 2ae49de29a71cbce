"""Where each view has got to in the log, and which views are stopped on an event they cannot
apply: two small tables written in the same transaction as the views' rows.

Each position also keeps the fingerprint of the view's code that built the rows (its tables'
definitions and ``View.VERSION``): a view whose stored fingerprint differs from the running
code's, or is missing (a store made before fingerprints), is "rebuilding": the runner does not
apply events to it, and start-up rebuilds it (projections.service.ReadModels.upgrade)."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    inspect,
    select,
    text,
    update,
)

MESSAGE_LIMIT = 1000

positions_metadata = MetaData()
positions_table = Table(
    "projection_positions",
    positions_metadata,
    Column("name", String(50), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("fingerprint", String(64), nullable=True),  # None: built before fingerprints
)
FINGERPRINT = positions_table.c.fingerprint
stops_table = Table(
    "projection_stops",
    positions_metadata,
    Column("name", String(50), primary_key=True),
    Column("position", BigInteger, nullable=False),  # the event the view could not apply
    Column("event_type", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("stopped_at", DateTime(timezone=True), nullable=False),
)


class PositionMoved(Exception):
    """Another runner (or a rebuild) moved a view's position during this batch."""


@dataclass(frozen=True)
class Stop:
    """A view stopped just before the event at ``position``, which it could not apply."""

    view: str
    position: int
    event_type: str
    message: str
    stopped_at: datetime

    def as_dict(self) -> dict:
        """The stop as /healthz shows it."""
        return {
            "view": self.view,
            "position": self.position,
            "event_type": self.event_type,
            "message": self.message,
            "stopped_at": (  # SQLite gives back the UTC time without its zone
                self.stopped_at if self.stopped_at.tzinfo else self.stopped_at.replace(tzinfo=UTC)
            ).isoformat(),
        }


@dataclass(frozen=True)
class ReadSideState:
    """The log's head, each view's position and the stops, read at one moment."""

    head: int
    positions: Mapping[str, int]
    stops: Mapping[str, Stop] = field(default_factory=dict)
    upstream: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rebuilding: frozenset[str] = frozenset()
    """Views built by other code (another fingerprint) and not yet rebuilt: not applied to."""
    replica_delay: float | None = None
    """Read on a streaming replica: how many seconds its replay is behind the primary's last
    transaction it has received (0: replayed all it has; None: not read on a replica)."""

    def held(self) -> dict[str, str]:
        """Views held back because a view they read (directly or not) is stopped or
        rebuilding → that view."""
        blocked = set(self.stops) | set(self.rebuilding)
        held: dict[str, str] = {}
        changed = True
        while changed:  # to a fixed point: a view held by a held view is held too
            changed = False
            for name, upstreams in self.upstream.items():
                if name in blocked or name in held:
                    continue
                for upstream in upstreams:
                    cause = upstream if upstream in blocked else held.get(upstream)
                    if cause is not None:
                        held[name], changed = cause, True
                        break
        return held

    def position(self, names: Iterable[str] | None = None) -> int:
        """The position of the slowest of ``names`` (default: all views): an answer from them
        includes every event up to it."""
        chosen = [n for n in names or self.positions if n in self.positions]
        return min((self.positions[n] for n in chosen or self.positions), default=0)

    def lag(self, names: Iterable[str] | None = None) -> int:
        """How many events the slowest of ``names`` (default: all views) is behind the head."""
        return max(0, self.head - self.position(names))

    def not_running(self, names: Iterable[str] | None = None) -> list[tuple[str, int]]:
        """(view, position) of the stopped, rebuilding or held views among ``names``
        (default: all)."""
        chosen = set(names or self.positions)
        out = set(self.stops) | set(self.rebuilding) | set(self.held())
        return [(n, self.positions.get(n, 0)) for n in self.positions if n in out & chosen]


REPLAY_DELAY = text(
    "SELECT CASE WHEN NOT pg_is_in_recovery()"
    " OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)
"""A standby that has replayed all the WAL it received is not behind (0, however long the
primary has been idle); otherwise the age of the last transaction it replayed."""


def read_replay_delay(conn: Connection) -> float:
    """Seconds a PostgreSQL streaming replica's replay is behind (0 on a primary)."""
    return max(0.0, round(float(conn.execute(REPLAY_DELAY).scalar() or 0), 3))


def read_positions(conn: Connection) -> dict[str, int]:
    """Every view's position, in one query."""
    return dict(conn.execute(select(positions_table.c.name, positions_table.c.position)).all())


def read_fingerprints(conn: Connection) -> dict[str, str | None]:
    """The fingerprint of the code that built each view (None: unknown, an older store)."""
    return dict(conn.execute(select(positions_table.c.name, FINGERPRINT)).all())


def add_fingerprint_column(engine: Engine) -> None:
    """Upgrade a positions table made before fingerprints (safe to run again, and racing)."""
    for attempt in range(2):
        columns = {c["name"] for c in inspect(engine).get_columns(positions_table.name)}
        if FINGERPRINT.name in columns:
            return
        try:
            with engine.begin() as conn:
                conn.execute(
                    text(f"ALTER TABLE {positions_table.name} ADD COLUMN fingerprint VARCHAR(64)")
                )
            return
        except Exception:  # another process added it first: looked at again
            if attempt:
                raise


def read_position(conn: Connection, name: str) -> int | None:
    return conn.execute(
        select(positions_table.c.position).where(positions_table.c.name == name)
    ).scalar()


def claim_positions(conn: Connection, claims: Mapping[str, tuple[int, int]]) -> None:
    """Move each view from old to new first (compare-and-set), so a concurrent writer of the
    same views waits, then fails; ``claims`` maps a view to (old, new)."""
    for name, (old, new) in claims.items():
        moved = conn.execute(
            update(positions_table)
            .where(positions_table.c.name == name, positions_table.c.position == old)
            .values(position=new)
        )
        if moved.rowcount != 1:
            raise PositionMoved(name)


def set_position(conn: Connection, name: str, position: int) -> None:
    conn.execute(
        update(positions_table).where(positions_table.c.name == name).values(position=position)
    )


def read_stops(conn: Connection) -> dict[str, Stop]:
    """The views that are stopped, by name."""
    return {
        row.name: Stop(row.name, row.position, row.event_type, row.message, row.stopped_at)
        for row in conn.execute(select(stops_table))
    }


def record_stop(conn: Connection, stop: Stop) -> None:
    """Record (or replace) the stop of ``stop.view``."""
    clear_stop(conn, stop.view)
    conn.execute(
        insert(stops_table).values(
            name=stop.view,
            position=stop.position,
            event_type=stop.event_type[:200],
            message=stop.message,
            stopped_at=stop.stopped_at,
        )
    )


def clear_stop(conn: Connection, name: str) -> None:
    conn.execute(delete(stops_table).where(stops_table.c.name == name))


def describe(error: BaseException) -> str:
    """A short, storable message: the database's own words if it refused, without the SQL and
    parameters SQLAlchemy adds, and with control characters escaped (a NUL would not store)."""
    cause = getattr(error, "orig", None) or error
    text = f"{type(cause).__name__}: {cause}".strip()
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)
    return text[:MESSAGE_LIMIT]


def now() -> datetime:
    return datetime.now(UTC)
