"""The SQLAlchemy engine for read models, on the same database as the event store."""

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
    """Engines for writing views (serialised) and for reading them, from the database URL."""
    env = settings.eventsourcing_env()
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        return _sqlite_engine(env["SQLITE_DBNAME"], immediate=True), _sqlite_engine(
            env["SQLITE_DBNAME"], immediate=False
        )
    url = URL.create(
        "postgresql+psycopg",
        username=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        database=env["POSTGRES_DBNAME"],
    )
    engine = create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_pre_ping=True,
        pool_timeout=POOL_SECONDS,
        connect_args={"options": f"-csearch_path={env['POSTGRES_SCHEMA']}", **CONNECTION_LIMITS},
    )
    return engine, engine


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
    """The read models of this application's events, on its database."""
    write_engine, read_engine = read_model_engines(settings)
    return ReadModels(
        write_engine,
        read_engine,
        app.recorder,
        app.mapper.to_domain_event,
        inline=settings.projections_inline,
        create_tables=settings.create_tables,
    )
