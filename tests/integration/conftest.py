"""Helpers for application tests on real stores."""

import uuid
from datetime import date, datetime, timedelta, timezone
from uuid import UUID

import psycopg
import pytest

from marketplace.application import Marketplace
from marketplace.read_store import build_read_models
from tests.conftest import PG_ADMIN_URL

ICT = timezone(timedelta(hours=7))


def moment(day: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=ICT)


def count_events(app: Marketplace, suffix: str = "") -> int:
    """How many stored events (optionally of one type, by topic suffix) the store holds."""
    notifications = app.recorder.select_notifications(start=None, limit=1_000_000)
    return sum(1 for n in notifications if n.topic.endswith(suffix))


@pytest.fixture
def read_models(marketplace, settings):
    """The read models of the test's store, fed in this process."""
    models = build_read_models(marketplace, settings)
    yield models
    models.close()


@pytest.fixture
def shelf(marketplace: Marketplace) -> dict[str, UUID]:
    """A certified product listed at a supermarket with 10 on hand."""
    app = marketplace
    producer = UUID(
        app.register_producer("HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")["id"]
    )
    product = UUID(
        app.register_product(producer, "Rượu làng Vân", "beverage", "chai", 150_000)["id"]
    )
    app.certify(product, 78, date(2024, 6, 1), "123/QĐ-UBND")
    outlet = UUID(
        app.open_outlet(
            "WinMart Đông Anh", "supermarket", "Hà Nội", "Uy Nỗ", date(2020, 1, 1), "Đông Anh"
        )["id"]
    )
    app.list_product(outlet, product, date(2025, 1, 2))
    app.receive_stock(outlet, [{"product_id": product, "qty": 10, "lot": "A"}], moment(1))
    return {"producer": producer, "product": product, "outlet": outlet}


@pytest.fixture
def fresh_url(database_url, tmp_path):
    """An empty store of the same kind: a new SQLite file, or the same schema in a new database
    (the schema's name is part of what a PostgreSQL backup holds)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'ocop.sqlite3'}"
        return
    address, _, query = database_url.partition("?")
    base, _, database = address.rpartition("/")
    fresh = f"{database}_r{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    yield f"{base}/{fresh}?{query}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
