"""A view forced to fail on an event: every read and page still answers (stale, and saying
so), /healthz names the view, /metrics shows it, and a restart resumes it. Both stores."""

import re
from datetime import date

import pytest

from marketplace.config import Settings
from marketplace.projector import run_projector
from marketplace.read_store import build_read_models
from projections.views import UPSTREAM, VIEW_NAMES
from tests.conftest import SCRAPER, TEST_CONFIG
from tests.e2e.conftest import API, PASSWORD, created_id, events_recorded
from tests.faults import at, break_view
from web import create_app

API_READS = [
    "/coverage",
    "/coverage?by=district",
    "/catalogue",
    "/outlets/{shop}/inventory",
    "/outlets/{shop}/low-stock",
    "/outlets/{shop}/expiring",
    "/reports/sales?by=month",
    "/targets?province=Hà Nội&year=2025",
    "/products/{product}",
]
PAGES = [
    "/dashboard",
    "/catalogue",
    "/counter/{shop}",
    "/counter/{shop}/today",
    "/counter/{shop}/alerts",
    "/counter/{shop}/sale",
    "/shelf/{shop}",
    "/officers",
    "/officers/products/{product}",
    "/p/{product}",
]
READERS = {name: {v for v, ups in UPSTREAM.items() if name in ups} for name in VIEW_NAMES}


def busy_day(market) -> dict[str, int]:
    """Events every view handles, over the API; the position of each view's bad event."""
    sale = f"/outlets/{market.supermarket_id}/sales"
    assert market.post(sale, market.sale(1)).status_code == 201
    producer = {"name": "HTX Mới", "kind": "cooperative", "province": "Hà Nội", "commune": "Láng"}
    created_id(market.post("/producers", producer))
    bad = {"register": market.recorded()}
    assert market.post(sale, market.sale(1)).status_code == 201
    bad |= dict.fromkeys(("shelves", "inventory", "sales", "coverage_status"), market.recorded())
    place = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
    centre = {"name": "TT thiết kế", "kind": "design_centre", "opened_on": "2024-01-01", **place}
    centre_id = created_id(market.post("/outlets", centre))
    showing = {"product_id": market.product_id, "showcased_on": date.today().isoformat()}
    assert market.post(f"/outlets/{centre_id}/showcases", showing).status_code == 201
    bad["programme"] = market.recorded()
    assert market.post(sale, market.sale(1)).status_code == 201
    return bad


def signed_in_pages(app):
    pages = app.test_client()
    form = pages.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    pages.post("/sign-in", data={"csrf_token": token, "username": "admin", "password": PASSWORD})
    return pages


def urls(templates: list[str], market) -> list[str]:
    return [t.format(shop=market.supermarket_id, product=market.product_id) for t in templates]


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_a_view_that_cannot_apply_an_event_leaves_every_read_and_page_working_and_health_names_it(
    app, client, market, database_url, name
):
    bad = busy_day(market)[name]  # commands do not catch the views up; the next read does
    break_view(getattr(app.extensions["ocop_read"].views, name), at(bad))
    head = events_recorded(app)
    pages = signed_in_pages(app)
    not_running = {name, *READERS[name]}

    stale = set()
    for url in urls(API_READS, market):
        response = client.get(f"{API}{url}", headers=market.admin)
        assert response.status_code == 200, (url, response.get_data(as_text=True))
        marked = response.headers.get("X-Projection-Stopped")
        if marked:
            assert {e.strip() for e in marked.split(",")} <= {f"{v}@{bad - 1}" for v in not_running}
            assert int(response.headers["X-Projection-Lag"]) == head - (bad - 1)
            stale.add(url)
        else:  # read no stopped view (or no view at all: GET /products/{id} replays events)
            assert response.headers.get("X-Projection-Lag", "0") == "0", url
    assert stale, "some read uses the stopped view and says so"
    for url in urls(PAGES, market):
        response = pages.get(url)
        assert response.status_code == 200, (url, response.status_code)

    health = client.get("/healthz")
    body = health.get_json()
    assert health.status_code == 503 and body["ok"] is False
    assert [(s["view"], s["position"]) for s in body["stopped"]] == [(name, bad)]
    assert "null" in body["stopped"][0]["message"].lower()
    assert {h["view"]: h["upstream_stopped"] for h in body["held"]} == dict.fromkeys(
        READERS[name], name
    )
    assert {v: s["position"] for v, s in body["views"].items()} == {
        v: bad - 1 if v in not_running else head for v in VIEW_NAMES
    }
    metrics = client.get("/metrics", headers=SCRAPER).get_data(as_text=True)
    for view in VIEW_NAMES:
        flag = 1.0 if view in not_running else 0.0
        assert f'ocop_projection_stopped{{view="{view}"}} {flag}' in metrics

    restarted = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url})  # the fix deployed
    try:
        again = restarted.test_client()
        health = again.get("/healthz")
        assert health.status_code == 200, health.get_json()
        assert health.get_json()["stopped"] == [] and health.get_json()["projection_lag"] == 0
    finally:
        restarted.extensions["ocop_read"].close()
        restarted.extensions["ocop"].close()


def test_with_the_projector_as_its_own_process_a_stopped_view_shows_in_reads_and_health(
    app, client, market, database_url
):
    bad = busy_day(market)["shelves"]
    web = create_app(
        TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_PROJECTIONS": "external"}
    )
    projector = build_read_models(app.extensions["ocop"], Settings(database_url=database_url))
    try:
        break_view(projector.views.shelves, at(bad))
        assert run_projector(projector, once=True) == 0  # as `ocop project --once`
        reader = web.test_client()
        response = reader.get(f"{API}/coverage", headers=market.admin)
        assert response.status_code == 200
        assert response.headers["X-Projection-Stopped"] == f"coverage_status@{bad - 1}"
        inventory = reader.get(
            f"{API}/outlets/{market.supermarket_id}/inventory", headers=market.admin
        )
        assert inventory.status_code == 200 and inventory.headers["X-Projection-Lag"] == "0"
        health = reader.get("/healthz")
        assert health.status_code == 503 and health.get_json()["stopped"][0]["view"] == "shelves"

        restarted = build_read_models(app.extensions["ocop"], Settings(database_url=database_url))
        assert run_projector(restarted, once=True) == 0  # restarted with the fix
        assert reader.get("/healthz").status_code == 200
        assert (
            "X-Projection-Stopped"
            not in reader.get(f"{API}/coverage", headers=market.admin).headers
        )
    finally:
        web.extensions["ocop_read"].close()
        web.extensions["ocop"].close()
