"""Configuration from the environment: one database URL chooses the store (and a second one,
optional, the PostgreSQL replica that pages and queries read the read models from)."""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

DEFAULT_INSTANCE = Path("instance")
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_INSTANCE / 'ocop.sqlite3'}"
TOKEN_TTL_SECONDS = 8 * 3600
MAX_REQUEST_BYTES = 1024 * 1024
"""The largest request body: a sale or receipt of 200 lines is under 60 kB; room for imports."""
MIN_METRICS_TOKEN = 32


class ConfigError(Exception):
    """The configuration cannot work (an unknown database URL, a missing setting)."""


@dataclass(frozen=True)
class Settings:
    """What the application needs to start."""

    database_url: str = DEFAULT_DATABASE_URL
    read_database_url: str = ""
    """A streaming replica of the PostgreSQL store that queries and pages read the read models
    from (empty: they read the store itself). Commands, the projector, sign-in, sessions and
    idempotency keys always use ``database_url``: they must read their own writes."""
    secret_key: str = ""
    token_ttl_seconds: int = TOKEN_TTL_SECONDS
    create_tables: bool = True
    projections_inline: bool = True
    password_hash_cost: str = "standard"
    secure_cookies: bool = False
    trusted_proxies: int = 0
    """How many reverse proxies in front set X-Forwarded-For/-Proto (0: none, use the peer)."""
    max_request_bytes: int = MAX_REQUEST_BYTES
    metrics_token: str = ""
    public_url: str = ""
    """Where this server is reached from outside, e.g. https://ocop.hanoi.gov.vn: the host the QR
    codes on labels point to (empty: the host each request came to)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        """Read ``OCOP_*`` variables; the secret key defaults to one kept in ``instance/``."""
        database_url = environ.get("OCOP_DATABASE_URL") or DEFAULT_DATABASE_URL
        return cls(
            database_url=database_url,
            read_database_url=environ.get("OCOP_READ_DATABASE_URL", "").strip(),
            secret_key=environ.get("OCOP_SECRET_KEY") or _instance_secret_key(),
            token_ttl_seconds=int(environ.get("OCOP_TOKEN_TTL_SECONDS") or TOKEN_TTL_SECONDS),
            create_tables=_yes(environ.get("OCOP_CREATE_TABLES", "yes")),
            projections_inline=environ.get("OCOP_PROJECTIONS", "inline").lower() != "external",
            password_hash_cost=environ.get("OCOP_PASSWORD_HASH_COST") or "standard",
            secure_cookies=_yes(environ.get("OCOP_SECURE_COOKIES", "no")),
            trusted_proxies=_count("OCOP_TRUSTED_PROXIES", environ.get("OCOP_TRUSTED_PROXIES")),
            max_request_bytes=int(environ.get("OCOP_MAX_REQUEST_BYTES") or MAX_REQUEST_BYTES),
            metrics_token=environ.get("OCOP_METRICS_TOKEN", "").strip(),
            public_url=environ.get("OCOP_PUBLIC_URL", "").strip().rstrip("/"),
        )

    def __post_init__(self) -> None:
        if self.password_hash_cost not in ("standard", "low"):
            raise ConfigError("OCOP_PASSWORD_HASH_COST: standard (the default) or low (tests only)")
        if self.max_request_bytes < 1024:
            raise ConfigError("OCOP_MAX_REQUEST_BYTES: at least 1024 (the default is 1 MiB)")
        if self.metrics_token and len(self.metrics_token) < MIN_METRICS_TOKEN:
            raise ConfigError(
                f"OCOP_METRICS_TOKEN: at least {MIN_METRICS_TOKEN} characters (a secret:"
                " python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if self.read_database_url and not (
            _is_postgres(self.read_database_url) and _is_postgres(self.database_url)
        ):
            raise ConfigError(
                "OCOP_READ_DATABASE_URL: a postgresql:// URL of a streaming replica of"
                " OCOP_DATABASE_URL, which must be PostgreSQL too"
            )
        if self.public_url and not _is_origin(self.public_url):
            raise ConfigError(
                "OCOP_PUBLIC_URL: http:// or https:// and a host, nothing after it"
                " (e.g. https://ocop.example.vn)"
            )

    def eventsourcing_env(self) -> dict[str, str]:
        """The eventsourcing library's settings for this database URL."""
        env = {
            "CREATE_TABLE": "y" if self.create_tables else "n",
            "AGGREGATE_CACHE_MAXSIZE": "1000",
            "AGGREGATE_CACHE_FASTFORWARD": "y",
            "PASSWORD_HASH_COST": self.password_hash_cost,
        }
        url = urlparse(self.database_url)
        if url.scheme == "sqlite":
            return env | _sqlite_env(url.path)
        if url.scheme in POSTGRES_SCHEMES:
            return env | _postgres_env(url)
        raise ConfigError(f"OCOP_DATABASE_URL: unsupported scheme '{url.scheme}'")

    def read_replica_env(self) -> dict[str, str] | None:
        """The replica's connection settings, named as ``eventsourcing_env`` names the store's
        (None: no replica, reads use the store)."""
        if not self.read_database_url:
            return None
        return _postgres_env(urlparse(self.read_database_url))


POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def _is_postgres(url: str) -> bool:
    return urlparse(url).scheme in POSTGRES_SCHEMES


def _count(name: str, value: str | None) -> int:
    try:
        count = int(value or "0")
    except ValueError:
        count = -1
    if count < 0:
        raise ConfigError(f"{name}: a whole number of proxies, 0 or more")
    return count


def _is_origin(url: str) -> bool:
    """A scheme and a host (and a port), as the QR codes' addresses start."""
    parts = urlparse(url)
    rest = (parts.path, parts.params, parts.query, parts.fragment, parts.username)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(rest)


def _yes(value: str) -> bool:
    return value.strip().lower() in ("1", "yes", "true", "y", "on")


def _sqlite_env(path: str) -> dict[str, str]:
    # sqlite:///relative/file and sqlite:////absolute/file, as SQLAlchemy spells them.
    db_path = Path(path.removeprefix("/"))
    if not str(db_path) or str(db_path) == ".":
        raise ConfigError("OCOP_DATABASE_URL: a SQLite URL needs a file path")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(db_path),
        "SQLITE_LOCK_TIMEOUT": "30",
        "APPLICATION_RECORDER_TOPIC": "marketplace.persistence.sqlite:OcopSQLiteRecorder",
    }


def _postgres_env(url: ParseResult) -> dict[str, str]:
    query = parse_qs(url.query)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.path.lstrip("/"),
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": unquote(url.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(url.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ["public"])[0],
        "POSTGRES_POOL_SIZE": query.get("pool_size", ["5"])[0],
        # The library waits this long for a pooled connection (default 30 s): during an outage
        # a command would hang that long on each of its retries.
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "APPLICATION_RECORDER_TOPIC": "marketplace.persistence.postgres:OcopPostgresRecorder",
    }


def _instance_secret_key() -> str:
    """A random key made once and kept in ``instance/``, so tokens outlive a restart."""
    path = DEFAULT_INSTANCE / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
