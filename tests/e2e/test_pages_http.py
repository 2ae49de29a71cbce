"""The pages without a browser: sign-in, access and CSRF rules answer people with pages."""

import re

import pytest


@pytest.fixture
def staff(app):
    market = app.extensions["ocop"]
    from datetime import date

    mine = market.open_outlet("Điểm OCOP A", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
        "id"
    ]
    other = market.open_outlet("Điểm OCOP B", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
        "id"
    ]
    market.register_user("lan", "staff", "a long password", [__import__("uuid").UUID(mine)])
    return {"mine": mine, "other": other}


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def sign_in(client, username="lan", password="a long password"):
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    return client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": password}
    )


def test_a_page_without_signing_in_leads_to_the_sign_in_page(client):
    response = client.get("/dashboard")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_a_wrong_password_is_shown_beside_the_field_and_signs_nobody_in(client, staff):
    page = sign_in(client, password="wrong password").get_data(as_text=True)
    assert "Sai tên đăng nhập hoặc mật khẩu" in page
    assert client.get("/counter").status_code == 302


def test_staff_see_a_clear_403_page_for_another_outlet(client, staff):
    sign_in(client)
    assert client.get(f"/counter/{staff['mine']}").status_code == 200
    response = client.get(f"/counter/{staff['other']}")
    assert response.status_code == 403 and "Không có quyền" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_a_form_without_its_csrf_token_is_refused_with_a_page(client, staff):
    response = client.post("/sign-in", data={"username": "lan", "password": "a long password"})
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_the_session_cookie_is_http_only_and_same_site_lax(client, staff):
    cookie = sign_in(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_bad_date_on_the_dashboard_is_said_not_a_500(client, staff):
    sign_in(client)
    response = client.get("/dashboard?as_of=31-12-2025")
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.get_data(as_text=True)
