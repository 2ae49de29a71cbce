"""A web process that does not create tables (production: OCOP_CREATE_TABLES=no) started on a
store made by an older version, before `ocop init` ran, refuses to start and says to run it,
rather than answering 500 at the first sign-in. Both stores."""

import pytest

from marketplace.errors import StoreNotInitialised
from tests.conftest import TEST_CONFIG
from web import create_app


def _drop(app, table: str) -> None:
    """Drop a table through the app's own connection (a PostgreSQL store is a schema)."""
    datastore = app.extensions["ocop"].recorder.datastore
    schema = getattr(datastore, "schema", "")
    with datastore.transaction(commit=True) as cursor:
        cursor.execute(f"DROP TABLE {f'{schema}.' if schema else ''}{table}")


def started(database_url: str, **config: str):
    return create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, **config})


def close(app) -> None:
    app.extensions["ocop_read"].close()
    app.extensions["ocop"].close()


def test_a_web_process_on_a_store_without_this_versions_tables_says_run_ocop_init(database_url):
    earlier = started(database_url)  # an earlier version's `ocop init`
    _drop(earlier, "sign_in_failures")  # a table this version added
    close(earlier)
    with pytest.raises(StoreNotInitialised) as refused:
        started(database_url, OCOP_CREATE_TABLES="no")
    assert "sign_in_failures" in str(refused.value) and "ocop init" in str(refused.value)


def test_a_web_process_on_an_initialised_store_starts_without_creating_tables(database_url):
    close(started(database_url))
    app = started(database_url, OCOP_CREATE_TABLES="no")
    try:
        assert app.test_client().get("/healthz").status_code == 200
    finally:
        close(app)
