"""An admin on a phone: registers a staff member for an outlet, is told beside the field when
a password is too short, disables the user; and a user changes their own password. Each page
fits 360 px in Vietnamese and in English. Screenshots go to test-artifacts/."""

import pytest

from tests.browser import test_pages as shared
from tests.browser.test_pages import CHROMIUM, PHONE, fits_the_phone, shot, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

PASSWORD = "a long password"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def admin(app):
    app.extensions["ocop"].register_user("quantri", "admin", PASSWORD)
    return "quantri"


def test_an_admin_on_a_phone_registers_staff_then_disables_them(server, browser, admin, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, admin, PASSWORD)
    page.click("header >> text=Người dùng")
    assert page.locator("h1").inner_text() == "Người dùng"
    page.fill("#username", "hoa")
    page.select_option("#role", "staff")
    page.fill("#password", "short")
    page.select_option("#outlet_ids", str(town["point"]))
    page.click("#register button[type=submit]")
    assert page.locator('p.error[data-for="password"]').inner_text() == "Ít nhất 8 ký tự"
    assert fits_the_phone(page)
    shot(page, "users-refused-360px")

    page.fill("#password", "a good long password")
    page.click("#register button[type=submit]")
    page.wait_for_selector("#account")
    assert page.locator("h1").inner_text() == "hoa"
    assert "Điểm OCOP Đông Anh" in page.locator("#outlets").inner_text()
    assert fits_the_phone(page)
    shot(page, "user-360px")

    page.click("#disable button[type=submit]")
    page.wait_for_selector("#enable")
    assert "Đã khóa" in page.locator("#account").inner_text()
    page.click("text=← Người dùng")
    assert "Đã khóa" in page.locator('tr[data-user="hoa"]').inner_text()
    assert fits_the_phone(page)
    shot(page, "users-360px")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_users_pages_read_in_english_and_fit_the_screen(server, browser, admin, town, viewport):
    page = browser.new_page(viewport=viewport)
    sign_in(page, server, admin, PASSWORD)
    page.click("text=English")
    page.click("header >> text=Users")
    assert page.locator("h1").inner_text() == "Users"
    assert "Outlet staff" in page.locator('tr[data-user="lan"]').inner_text()
    shot(page, f"users-en-{viewport['width']}")
    page.click("text=lan")
    assert "Bound outlets" in page.locator("main").inner_text()
    assert viewport != PHONE or fits_the_phone(page)
    shot(page, f"user-en-{viewport['width']}")


def test_staff_change_their_own_password_on_a_phone(server, browser, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", PASSWORD)
    page.click("header >> text=Đổi mật khẩu")
    page.fill("#current_password", PASSWORD)
    page.fill("#new_password", "a new long password")
    page.fill("#new_password_again", "a new long passwort")
    page.click("#own-password button[type=submit]")
    error = page.locator('p.error[data-for="new_password_again"]')
    assert error.inner_text() == "Hai lần nhập mật khẩu mới không giống nhau"
    assert fits_the_phone(page)
    shot(page, "own-password-360px")
    page.fill("#current_password", PASSWORD)  # a password field is never sent back filled
    page.fill("#new_password", "a new long password")
    page.fill("#new_password_again", "a new long password")
    page.click("#own-password button[type=submit]")
    assert "Đã đổi mật khẩu" in page.locator("main").inner_text()
