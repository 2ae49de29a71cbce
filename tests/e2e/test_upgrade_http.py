"""Upgrading over a store whose views were built by an older version: start-up rebuilds them
(inline web process, `ocop init`, `ocop project`), and until then no read answers 500. Both
stores, with the views' tables altered the way an older version had them."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, text

from marketplace.config import Settings
from marketplace.projector import run_projector, upgrade_views
from marketplace.read_store import build_read_models
from projections.rebuild import rebuild
from projections.views import VIEW_NAMES
from tests.conftest import TEST_CONFIG
from tests.e2e.conftest import API
from tests.e2e.test_view_containment_http import API_READS, PAGES, signed_in_pages, urls
from web import create_app

OLD = "fingerprint-of-an-older-version"


def older_register(engine: Engine) -> set[str]:
    """The register as built before products had a registration day."""
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE products DROP COLUMN registered_on"))
        conn.execute(
            text(f"UPDATE projection_positions SET fingerprint = '{OLD}' WHERE name = 'register'")
        )
    return {"register"}


def older_shelves(engine: Engine) -> set[str]:
    """The shelves as built before their stock table existed."""
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE stock_intervals"))
        conn.execute(
            text(f"UPDATE projection_positions SET fingerprint = '{OLD}' WHERE name = 'shelves'")
        )
    return {"shelves"}


def before_fingerprints(engine: Engine) -> set[str]:
    """A store made before views had fingerprints: no such column at all."""
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE projection_positions DROP COLUMN fingerprint"))
    return set(VIEW_NAMES)


AGES: list[Callable[[Engine], set[str]]] = [older_register, older_shelves, before_fingerprints]


def dump(read_models) -> dict[str, list]:
    """Every row of every view, in a stable order, with table names as in the live view."""
    rows = {}
    with read_models.read_engine.connect() as conn:
        for view in read_models.views.all():
            for table in view.metadata.sorted_tables:
                rows[table.name] = sorted(map(repr, conn.execute(select(table)).all()))
    return rows


def started(database_url: str, **config: str):
    return create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, **config})


def close(app) -> None:
    app.extensions["ocop_read"].close()
    app.extensions["ocop"].close()


def every_read_answers(app, market) -> None:
    client, pages = app.test_client(), signed_in_pages(app)
    for url in urls(API_READS, market):
        response = client.get(f"{API}{url}", headers=market.admin)
        assert response.status_code == 200, (url, response.get_data(as_text=True))
        assert "X-Projection-Stopped" not in response.headers, url
    for url in urls(PAGES, market):
        assert pages.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200, health.get_json()
    assert health.get_json()["rebuilding"] == []


@pytest.mark.parametrize("age", AGES, ids=lambda age: age.__name__)
def test_starting_on_views_of_an_older_version_rebuilds_them_and_every_read_works(
    app, client, market, database_url, age
):
    assert client.get(f"{API}/coverage", headers=market.admin).status_code == 200  # caught up
    older = age(app.extensions["ocop_read"].runner.engine)

    upgraded = started(database_url)  # the inline web process (`ocop serve`, the default)
    try:
        every_read_answers(upgraded, market)
        read_models = upgraded.extensions["ocop_read"]
        assert read_models.runner.rebuilding() == frozenset()
        as_upgraded = dump(read_models)
        for name in VIEW_NAMES:
            rebuild(read_models.runner, read_models.views, name)
        assert dump(read_models) == as_upgraded, f"{older} equal a fresh rebuild"
    finally:
        close(upgraded)


def test_a_web_process_that_does_not_rebuild_answers_503_for_an_older_view_until_the_projector_has(
    app, client, market, database_url
):
    assert client.get(f"{API}/coverage", headers=market.admin).status_code == 200
    older_register(app.extensions["ocop_read"].runner.engine)
    web = started(database_url, OCOP_PROJECTIONS="external", OCOP_CREATE_TABLES="no")
    try:
        reader, pages = web.test_client(), signed_in_pages(web)
        targets = reader.get(f"{API}/targets?province=Hà Nội&year=2025", headers=market.admin)
        assert targets.status_code == 503, targets.get_data(as_text=True)
        error = targets.get_json()["error"]
        assert error["code"] == "view_rebuilding" and "register" in error["message"]
        inventory = reader.get(
            f"{API}/outlets/{market.supermarket_id}/inventory", headers=market.admin
        )
        assert inventory.status_code == 200 and "X-Projection-Stopped" not in inventory.headers
        dashboard = pages.get("/dashboard")
        assert dashboard.status_code in (200, 503)
        assert "Internal" not in dashboard.get_data(as_text=True)
        health = reader.get("/healthz")
        assert health.status_code == 503 and health.get_json()["rebuilding"] == ["register"]

        projector = build_read_models(web.extensions["ocop"], Settings(database_url=database_url))
        upgrade_views(projector)  # `ocop project` at start-up
        assert run_projector(projector, once=True) == 0
        every_read_answers(web, market)
    finally:
        close(web)


def test_a_normal_start_rebuilds_nothing(app, client, market, database_url):
    assert client.get(f"{API}/coverage", headers=market.admin).status_code == 200
    read_models = app.extensions["ocop_read"]
    assert read_models.upgrade() == []
