"""Fixtures: a real SQLite file or a throwaway PostgreSQL schema per test, the app and a client.

PostgreSQL tests run in a database made for this run and dropped after it. Off CI an
unreachable server skips them; on CI (CI=true) it fails the run.
"""

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from marketplace.application import Marketplace
from marketplace.config import Settings

PG_ADMIN_URL = os.environ.get("OCOP_TEST_PG_ADMIN", "postgresql://root@127.0.0.1:5432/postgres")
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
STORES = ["sqlite", "postgres"]
METRICS_TOKEN = "test-metrics-token-0123456789abcdef"
TEST_CONFIG = {
    "OCOP_SECRET_KEY": "test-secret",
    "OCOP_PASSWORD_HASH_COST": "low",
    "OCOP_METRICS_TOKEN": METRICS_TOKEN,
}
"""argon2 at its lowest cost: the suite hashes hundreds of passwords; production keeps the default."""
SCRAPER = {"Authorization": f"Bearer {METRICS_TOKEN}"}
"""How Prometheus presents itself to /metrics."""


def _pg_url(database: str, schema: str | None = None) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{database}" + (f"?schema={schema}" if schema else "")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A database for this test run, dropped at the end."""
    name = f"ocop_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as unreachable:
        if ON_CI:
            pytest.fail(f"PostgreSQL is required on CI and unreachable: {unreachable}")
        pytest.skip(f"PostgreSQL unreachable: {unreachable}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=STORES)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, empty store: a SQLite file, or a new schema in the run's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ocop.sqlite3'}"
    database = request.getfixturevalue("pg_database")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_pg_url(database), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return _pg_url(database, schema)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret", password_hash_cost="low")


@pytest.fixture
def marketplace(settings: Settings) -> Iterator[Marketplace]:
    """The application on a real store."""
    app = Marketplace.from_settings(settings)
    yield app
    app.close()


@pytest.fixture
def app(database_url: str):
    """The Flask app on a real store."""
    from web import create_app

    flask_app = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url})
    flask_app.config["TESTING"] = True
    yield flask_app
    flask_app.extensions["ocop_read"].close()
    flask_app.extensions["ocop"].close()


@pytest.fixture
def client(app):
    return app.test_client()
