"""Every kind of response carries the security headers: a Content-Security-Policy that allows no
inline script and no framing, nosniff, a Referrer-Policy; private answers are not cached; HSTS
only when cookies are secure (the app is behind HTTPS)."""

import re

from tests.conftest import TEST_CONFIG
from tests.e2e.conftest import API, PASSWORD, user
from tests.e2e.test_auditor_pages import sign_in_page

ALWAYS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    parsed = dict(part.strip().partition(" ")[::2] for part in policy.split(";") if part.strip())
    return {name: value.strip() for name, value in parsed.items()}


def assert_hardened(response) -> None:
    for name, value in ALWAYS.items():
        assert response.headers.get(name) == value, (name, response.headers)
    policy = directives(response)
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no nonce, no other origin
    assert "unsafe" not in policy.get("style-src", "'self'")
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert "Strict-Transport-Security" not in response.headers  # cookies are not secure here


def test_a_page_a_static_file_and_health_are_hardened(app, client):
    for path in ("/sign-in", "/static/ocop.css", "/healthz", "/no-such-page"):
        with client.get(path) as response:
            response.get_data()
        assert response.status_code in (200, 404), path
        assert_hardened(response)


def test_api_json_and_api_errors_are_hardened_and_not_cached(app, client):
    headers = user(app, client, "admin", "admin")
    answers = [
        client.get(f"{API}/users/me", headers=headers),  # JSON of a signed-in user
        client.get(f"{API}/users/me"),  # 401
        client.get(f"{API}/no-such-thing", headers=headers),  # 404
        client.post(f"{API}/producers", json={}, headers=headers),  # 422
        client.post(f"{API}/auth/token", json={"username": "admin", "password": PASSWORD}),
    ]
    assert [a.status_code for a in answers] == [200, 401, 404, 422, 200]
    for answer in answers:
        assert_hardened(answer)
        assert answer.is_json
        assert "no-store" in answer.headers["Cache-Control"]  # a token, a stock, a refusal


def test_signed_in_pages_are_not_cached(app, client):
    sign_in_page(app, client, "an", "auditor")
    response = client.get("/dashboard")
    assert response.status_code == 200
    assert_hardened(response)
    assert "no-store" in response.headers["Cache-Control"]


def test_static_files_may_be_cached(client):
    with client.get("/static/ocop.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_the_api_docs_load_their_script_from_the_app_not_inline(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert_hardened(page)
    html = page.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
        assert src.startswith("/"), src
        with client.get(src) as script:
            assert script.status_code == 200, src


def test_no_template_has_an_inline_script_or_style(app):
    """Scripts and styles are files the policy allows, so the browser runs them."""
    from pathlib import Path

    folder = Path(app.root_path) / "templates"
    for path in folder.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert "<style" not in text and "style=" not in text, path
        assert not re.search(r"\son[a-z]+=", text), path  # no onclick= handlers


def test_hsts_is_sent_when_cookies_are_secure(database_url):
    from web import create_app

    app = create_app(
        TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_SECURE_COOKIES": "yes"}
    )
    try:
        response = app.test_client().get("/sign-in")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        max_age = re.search(r"max-age=(\d+)", response.headers["Strict-Transport-Security"])
        assert int(max_age[1]) >= 365 * 24 * 3600
    finally:
        app.extensions["ocop_read"].close()
        app.extensions["ocop"].close()
