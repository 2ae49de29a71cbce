"""A throwaway PostgreSQL database for one benchmark run, and facts about the server."""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

ADMIN_URL = "postgresql://root@127.0.0.1:5432/postgres"


@contextmanager
def throwaway_database(admin_url: str = ADMIN_URL, keep: bool = False) -> Iterator[str]:
    """Create ``ocop_bench_<random>``, yield its URL, drop it afterwards (unless ``keep``)."""
    name = f"ocop_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        if not keep:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def database_size(url: str) -> int:
    """Bytes on disk of the database the URL names."""
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
