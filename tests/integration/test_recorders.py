"""Our recorders pass the eventsourcing library's own recorder test cases, on both stores.

They add the side tables (Idempotency-Key results, credentials) to the insert's transaction,
so the library's guarantees must still hold: ordering, conflicts, concurrency, notifications.
"""

import uuid

import psycopg
import pytest
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore
from eventsourcing.tests.persistence import (
    ApplicationRecorderTestCase,
    NonInterleavingNotificationIDsBaseCase,
)

from marketplace.persistence.postgres import OcopPostgresRecorder
from marketplace.persistence.sqlite import OcopSQLiteRecorder
from tests.conftest import _pg_url


@pytest.fixture(scope="class")
def sqlite_file(request, tmp_path_factory):
    request.cls.db_dir = tmp_path_factory.mktemp("recorders")


@pytest.fixture(scope="class")
def pg_schema(request, pg_database):
    request.cls.pg_database = pg_database


class SQLiteRecorderCase:
    db_dir = None

    def create_recorder(self) -> OcopSQLiteRecorder:
        path = self.db_dir / f"{uuid.uuid4().hex}.sqlite3"
        recorder = OcopSQLiteRecorder(SQLiteDatastore(db_name=str(path), pool_size=100))
        recorder.create_table()
        return recorder


class PostgresRecorderCase:
    pg_database = ""

    def create_recorder(self) -> OcopPostgresRecorder:
        schema = f"r_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_pg_url(self.pg_database), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        datastore = PostgresDatastore(
            self.pg_database, "127.0.0.1", "5432", "root", "", schema=schema, pool_size=4
        )
        recorder = OcopPostgresRecorder(datastore)
        recorder.create_table()
        return recorder


@pytest.mark.usefixtures("sqlite_file")
class TestOcopSQLiteRecorder(SQLiteRecorderCase, ApplicationRecorderTestCase):
    pass


@pytest.mark.usefixtures("sqlite_file")
class TestOcopSQLiteRecorderNonInterleaving(
    SQLiteRecorderCase, NonInterleavingNotificationIDsBaseCase
):
    pass


@pytest.mark.postgres
@pytest.mark.usefixtures("pg_schema")
class TestOcopPostgresRecorder(PostgresRecorderCase, ApplicationRecorderTestCase):
    pass


@pytest.mark.postgres
@pytest.mark.usefixtures("pg_schema")
class TestOcopPostgresRecorderNonInterleaving(
    PostgresRecorderCase, NonInterleavingNotificationIDsBaseCase
):
    pass
