"""Real-browser tests of transfers in transit and thresholds on the counter pages (Playwright on
Debian's Chromium), at 360 px and on a desktop, in Vietnamese and English, with screenshots."""

from datetime import datetime, timedelta, timezone

from tests.browser import test_pages as pages
from tests.browser.test_pages import PHONE, fits_the_phone, shot, sign_in

town, server, browser = pages.town, pages.server, pages.browser  # the pages' fixtures
DESKTOP = {"width": 1280, "height": 800}
ICT = timezone(timedelta(hours=7))


def send_to_the_point(app, town) -> str:
    market = app.extensions["ocop"]
    line = [{"product_id": town["tea"], "qty": 3}]
    sent_at = datetime.now(ICT) - timedelta(minutes=5)
    return market.transfer_stock(town["winmart"], town["point"], line, sent_at)["id"]


def test_staff_on_a_phone_receive_a_transfer_short_and_see_it_in_stock(app, server, browser, town):
    transfer = send_to_the_point(app, town)
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}")
    row = page.locator(f"#in-transit tr[data-transfer='{transfer}']")
    assert "Từ WinMart Đông Anh" in row.inner_text()
    assert fits_the_phone(page)
    shot(page, "transit-stock-vi-360px")
    row.locator("a.button").click()
    assert fits_the_phone(page)
    shot(page, "transit-receive-vi-360px")
    page.fill("input[name='lines-0-qty_received']", "2")
    page.click("#receive-counted")
    page.wait_for_load_state()
    assert "Đã nhận 2, ghi mất 1" in page.content()
    tea = page.locator(f"tr[data-product='{town['tea']}'] .on-hand")
    assert tea.inner_text().startswith("12")
    assert "Không có hàng đang chuyển." in page.locator("#in-transit").inner_text()


def test_the_receive_and_threshold_screens_read_in_english_on_a_desktop(app, server, browser, town):
    transfer = send_to_the_point(app, town)
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/language/en")
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}")
    assert "In transit" in page.content()
    shot(page, "transit-stock-en-desktop")
    page.goto(f"{server}/counter/{town['point']}/transfers/{transfer}")
    assert "Receive all" in page.content() and "lost in transit" in page.content()
    shot(page, "transit-receive-en-desktop")
    page.goto(f"{server}/counter/{town['point']}/thresholds")
    page.select_option("#product_id", str(town["honey"]))
    page.fill("#low_stock_threshold", "8")
    shot(page, "threshold-en-desktop")
    page.click("#submit-threshold")
    page.wait_for_load_state()
    assert "Low-stock threshold saved" in page.content()
    phone = browser.new_page(viewport=PHONE)
    sign_in(phone, server, "lan", "a long password")
    phone.goto(f"{server}/counter/{town['point']}/thresholds")
    assert fits_the_phone(phone)
    shot(phone, "threshold-vi-360px")
