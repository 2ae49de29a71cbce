"""The SQLAlchemy engines for read models: views are written on the event store's database
and read there, or, with ``OCOP_READ_DATABASE_URL``, read on a streaming replica of it.

This is the one seam between the two: everything that writes, or must read its own writes
(the projector, commands, sign-in, sessions, idempotency keys), goes to the store; only the
read models' queries and their positions (how stale an answer is) go to the replica."""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from marketplace.application import Marketplace
from marketplace.config import Settings
from projections.service import ReadModels

POOL_SECONDS = 10
CONNECTION_LIMITS = {
    # A database that does not answer must not hold a read or the projector for ever: give
    # up connecting after 5 s, and drop a connection whose sent data goes unacknowledged for
    # 15 s or whose idle peer stops answering keepalives (a partition, a dead host).
    "connect_timeout": 5,
    "tcp_user_timeout": 15_000,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def read_model_engines(settings: Settings) -> tuple[Engine, Engine]:
    """Engines for writing views (serialised) and for reading them, from the database URLs."""
    env = settings.eventsourcing_env()
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        return _sqlite_engine(env["SQLITE_DBNAME"], immediate=True), _sqlite_engine(
            env["SQLITE_DBNAME"], immediate=False
        )
    engine = _postgres_engine(env)
    replica = settings.read_replica_env()
    return engine, engine if replica is None else _postgres_engine(replica, read_only=True)


def _postgres_engine(env: dict[str, str], read_only: bool = False) -> Engine:
    url = URL.create(
        "postgresql+psycopg",
        username=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        database=env["POSTGRES_DBNAME"],
    )
    options = f"-csearch_path={env['POSTGRES_SCHEMA']}"
    if read_only:  # a replica refuses writes anyway; the primary named by mistake does too
        options += " -cdefault_transaction_read_only=on"
    return create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_pre_ping=True,
        pool_timeout=POOL_SECONDS,
        connect_args={"options": options, **CONNECTION_LIMITS},
    )


def _sqlite_engine(path: str, immediate: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"timeout": 30, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the write lock up front, so two runners queue instead of failing.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def build_read_models(app: Marketplace, settings: Settings) -> ReadModels:
    """The read models of this application's events, on its database (read on its replica
    if one is configured)."""
    write_engine, read_engine = read_model_engines(settings)
    return ReadModels(
        write_engine,
        read_engine,
        app.recorder,
        app.mapper.to_domain_event,
        inline=settings.projections_inline,
        create_tables=settings.create_tables,
        replica=bool(settings.read_database_url),
    )
