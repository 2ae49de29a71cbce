"""The till page without a browser: who may open it, the bearer token it gets from its page
session (only with the page's CSRF token, and ended by signing out), its policy, and the
service worker and manifest served from the root."""

import json
import re
from html import unescape

from tests.e2e import test_counter_pages as counter_pages
from tests.e2e.conftest import API
from tests.e2e.test_counter_pages import hidden, signed_in

shop = counter_pages.shop  # the counter pages' fixture


def till_data(client, outlet) -> dict:
    """What the till page hands its script: addresses, CSRF token and words."""
    html = client.get(f"/counter/{outlet}/till").get_data(as_text=True)
    found = re.search(r"id=\"till\" class=\"till\" data-config='([^']*)'", html)
    return json.loads(unescape(found.group(1)))


def test_the_till_gets_a_token_of_its_session_that_reads_the_catalogue(client, shop):
    data = till_data(signed_in(client), shop["point"])
    answer = client.post(data["token"], headers={"X-CSRFToken": data["csrf"]})
    assert answer.status_code == 200
    bearer = {"Authorization": f"Bearer {answer.get_json()['token']}"}
    catalogue = client.get(data["catalogue"], headers=bearer)
    assert catalogue.status_code == 200
    names = [item["name"] for item in catalogue.get_json()["items"]]
    assert "Mật ong hoa nhãn" in names


def test_the_till_token_needs_the_pages_csrf_token(client, shop):
    data = till_data(signed_in(client), shop["point"])
    answer = client.post(data["token"])
    assert answer.status_code == 400
    assert not (answer.is_json and "token" in answer.get_json())


def test_signing_out_of_the_pages_ends_the_tills_token(client, shop):
    data = till_data(signed_in(client), shop["point"])
    token = client.post(data["token"], headers={"X-CSRFToken": data["csrf"]}).get_json()["token"]
    page = client.get(f"/counter/{shop['point']}").get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": hidden(page, "csrf_token")})
    catalogue = client.get(data["catalogue"], headers={"Authorization": f"Bearer {token}"})
    assert catalogue.status_code == 401


def test_staff_of_another_outlet_get_neither_its_till_nor_a_token(client, shop):
    signed_in(client)
    assert client.get(f"/counter/{shop['second']}/till").status_code == 403
    data = till_data(client, shop["point"])
    other = f"/counter/{shop['second']}/till/token"
    assert client.post(other, headers={"X-CSRFToken": data["csrf"]}).status_code == 403


def test_only_the_till_may_compile_webassembly_for_its_camera_scanner(client, shop):
    signed_in(client)
    till = client.get(f"/counter/{shop['point']}/till")
    assert "script-src 'self' 'wasm-unsafe-eval';" in till.headers["Content-Security-Policy"]
    stock = client.get(f"/counter/{shop['point']}")
    assert "wasm" not in stock.headers["Content-Security-Policy"]


def test_the_service_worker_and_manifest_are_served_from_the_root(client, shop):
    with client.get("/till-sw.js") as worker:
        assert worker.status_code == 200 and worker.mimetype == "text/javascript"
        assert "ocop-till-v" in worker.get_data(as_text=True)
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.get_json()["start_url"] == "/counter"
    assert f"{API}/outlets/" in till_data(signed_in(client), shop["point"])["catalogue"]
