"""Real-browser tests of the counter's corrections (Playwright on Chromium), with screenshots at
360 px and on a desktop, in Vietnamese and English: a manager returns part of a sale and voids
another from today's sales; the write-off screen, the recent receipts and a return to the
producer."""

from uuid import UUID

from tests.browser import test_pages as pages
from tests.browser.test_pages import PHONE, fits_the_phone, shot, sign_in

town, server, browser = pages.town, pages.server, pages.browser  # the pages' fixtures
DESKTOP = {"width": 1280, "height": 900}


def sold(app, town, qty: int) -> UUID:
    line = {"product_id": town["tea"], "qty": qty, "unit_price_vnd": 120_000}
    return UUID(app.extensions["ocop"].sell(town["point"], [line])["id"])


def test_a_manager_on_a_phone_returns_part_of_a_sale_and_voids_another(app, server, browser, town):
    app.extensions["ocop"].register_user("hoa", "manager", "a long password", [town["point"]])
    returned, voided = sold(app, town, 3), sold(app, town, 1)
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "hoa", "a long password")
    page.goto(f"{server}/counter/{town['point']}/today")
    assert fits_the_phone(page)
    shot(page, "manager-todays-sales-360px")
    page.click(f"tr[data-sale='{returned}'] a[href$='/return']")
    page.select_option("#product_id", str(town["tea"]))
    page.fill("#qty", "1")
    page.fill("#reason", "Khách đổi ý")
    assert fits_the_phone(page)
    shot(page, "manager-return-360px")
    page.click("#submit-correction")
    page.wait_for_selector("text=Đã nhận hàng trả lại")
    page.goto(f"{server}/counter/{town['point']}/today")
    page.click(f"tr[data-sale='{voided}'] a[href$='/void']")
    page.fill("#reason", "Bấm nhầm")
    page.click("#submit-correction")
    page.wait_for_selector("text=Đã hủy hóa đơn")
    assert page.locator(f"tr[data-product='{town['tea']}'] .on-hand").inner_text().startswith("8")
    page.goto(f"{server}/counter/{town['point']}/today")
    assert "Đã hủy" in page.inner_text(f"tr[data-sale='{voided}']")
    assert page.inner_text("#day-net").replace("\xa0", " ") == "240.000 ₫"
    shot(page, "manager-todays-sales-after-360px")


def test_the_correction_screens_in_english_on_a_desktop(app, server, browser, town):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/language/en")
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/write-off")
    page.select_option("#lot", f"{town['tea']}|")
    page.fill("#qty", "1")
    page.select_option("#reason", "other")
    page.click("#submit-write-off")
    assert page.inner_text("#write-off").count("Must not be empty") == 1
    shot(page, "staff-write-off-other-en-desktop")
    page.goto(f"{server}/counter/{town['point']}/receipts")
    assert "Reverse the receipt" in page.inner_text("#receipts")
    shot(page, "staff-receipts-en-desktop")
    page.goto(f"{server}/counter/{town['point']}/supplier-return")
    page.select_option("#lot", f"{town['honey']}|")
    page.fill("#qty", "2")
    page.fill("#reason", "Packaging fault")
    shot(page, "staff-supplier-return-en-desktop")
    page.click("#submit-correction")
    page.wait_for_selector("text=Returned to the producer")
    honey = page.locator(f"tr[data-product='{town['honey']}'] .on-hand")
    assert honey.inner_text().startswith("3")
