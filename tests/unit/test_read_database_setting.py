"""OCOP_READ_DATABASE_URL: a PostgreSQL replica of a PostgreSQL store, or nothing."""

import pytest

from marketplace.config import ConfigError, Settings

STORE = "postgresql://ocop@db-primary:5432/ocop?schema=hn"
REPLICA = "postgresql://ocop_read@db-replica:5433/ocop?schema=hn"


def test_without_a_read_url_reads_use_the_store():
    settings = Settings.from_env({"OCOP_SECRET_KEY": "s", "OCOP_DATABASE_URL": STORE})
    assert settings.read_database_url == "" and settings.read_replica_env() is None


def test_the_replica_is_read_with_its_own_host_port_user_and_schema():
    settings = Settings.from_env(
        {"OCOP_SECRET_KEY": "s", "OCOP_DATABASE_URL": STORE, "OCOP_READ_DATABASE_URL": REPLICA}
    )
    replica = settings.read_replica_env()
    assert (replica["POSTGRES_HOST"], replica["POSTGRES_PORT"]) == ("db-replica", "5433")
    assert (replica["POSTGRES_USER"], replica["POSTGRES_SCHEMA"]) == ("ocop_read", "hn")
    assert settings.eventsourcing_env()["POSTGRES_HOST"] == "db-primary"  # writes stay there


@pytest.mark.parametrize(
    ("store", "replica"),
    [
        ("sqlite:///instance/ocop.sqlite3", REPLICA),  # SQLite has no replicas
        (STORE, "sqlite:///instance/copy.sqlite3"),
        (STORE, "mysql://db-replica/ocop"),
        (STORE, "db-replica:5433"),
    ],
)
def test_a_read_url_that_is_not_a_postgresql_replica_of_a_postgresql_store_is_refused(
    store, replica
):
    with pytest.raises(ConfigError, match="OCOP_READ_DATABASE_URL"):
        Settings.from_env(
            {"OCOP_SECRET_KEY": "s", "OCOP_DATABASE_URL": store, "OCOP_READ_DATABASE_URL": replica}
        )
