"""Fixtures of the stateful test: a maker of fresh, empty stores, one per example."""

import uuid
from collections.abc import Callable

import psycopg
import pytest

from tests.conftest import _pg_url


@pytest.fixture
def sqlite_store_factory(tmp_path) -> Callable[[], str]:
    """Each call: the URL of a new SQLite file."""
    return lambda: f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite3"


@pytest.fixture
def postgres_store_factory(pg_database: str) -> Callable[[], str]:
    """Each call: the URL of a new schema in the run's PostgreSQL database."""

    def make() -> str:
        schema = f"s_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_pg_url(pg_database), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return _pg_url(pg_database, schema)

    return make
