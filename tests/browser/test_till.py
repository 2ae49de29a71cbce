"""The till on a phone (Playwright on Debian's Chromium, 360×740): it sells from the catalogue
kept on the phone, queues a sale made offline, keeps it over a reload and records it exactly
once when the connection returns; a refused sale shows why; a scanned barcode adds its line."""

from tests.browser import test_pages as pages
from tests.browser.test_pages import HONEY_GTIN, PHONE, fits_the_phone, shot, sign_in

town, server, browser = pages.town, pages.server, pages.browser  # the pages' fixtures


def sold(app) -> list:
    """The Outlet.Sold events in the store."""
    notifications = app.extensions["ocop"].recorder.select_notifications(None, 1000)
    return [n for n in notifications if n.topic.endswith("Outlet.Sold")]


def open_till(browser, server, town, language: str = "vi"):
    """A phone's browser context, signed in as the point's clerk, on the till, ready offline
    (its service worker controls the page and the catalogue is kept)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, server, "lan", "a long password")
    if language == "en":
        page.goto(f"{server}/language/en")
    till = f"{server}/counter/{town['point']}/till"
    page.goto(till)
    page.wait_for_function(
        "() => navigator.serviceWorker.controller && caches.match(location.pathname).then(Boolean)"
    )
    page.wait_for_selector(
        "#till-status:has-text('Danh mục hàng'), #till-status:has-text('Catalogue')"
    )
    return context, page


def add(page, text: str) -> None:
    page.fill("#till-find", text)
    page.press("#till-find", "Enter")


def test_a_sale_made_offline_waits_survives_a_reload_and_is_recorded_once_back_online(
    app, server, browser, town
):
    context, page = open_till(browser, server, town)
    context.set_offline(True)
    page.reload()
    add(page, "che bup")  # by name, without accents
    add(page, HONEY_GTIN)  # by barcode
    page.locator("#till-lines .cart-line").first.locator(".qty").fill("2")
    page.fill("#till-paid", "500000")
    assert page.inner_text("#till-total").replace("\xa0", " ") == "490.000 ₫"
    assert page.inner_text("#till-change").replace("\xa0", " ") == "10.000 ₫"
    page.click("#till-record")
    page.wait_for_selector(".till-sale.waiting")
    assert "Chờ gửi" in page.inner_text(".till-sale.waiting")
    assert fits_the_phone(page)
    shot(page, "till-offline-waiting-vi-360px")
    page.reload()  # still offline: the page and the queue come from the phone
    page.wait_for_selector(".till-sale.waiting")
    assert sold(app) == []
    context.set_offline(False)
    page.wait_for_selector(".till-sale.recorded", timeout=20_000)
    shot(page, "till-recorded-vi-360px")
    page.reload()
    page.wait_for_selector(".till-sale.recorded")
    assert page.locator(".till-sale").count() == 1
    assert len(sold(app)) == 1
    context.close()


def test_a_queued_sale_the_server_refuses_shows_why_and_what_to_do(app, server, browser, town):
    context, page = open_till(browser, server, town, "en")
    context.set_offline(True)
    add(page, HONEY_GTIN)
    page.locator("#till-lines .qty").fill("5")
    page.click("#till-record")
    page.wait_for_selector(".till-sale.waiting")
    honey = {"product_id": town["honey"], "qty": 1, "unit_price_vnd": 250_000}
    app.extensions["ocop"].sell(town["point"], [honey])  # another clerk sold one meanwhile
    context.set_offline(False)
    refused = page.wait_for_selector(".till-sale.refused", timeout=20_000)
    assert "Not enough stock: asked for 5, only 4 can be sold" in refused.inner_text()
    assert "correct the quantity" in refused.inner_text()
    assert fits_the_phone(page)
    shot(page, "till-refused-en-360px")
    assert len(sold(app)) == 1  # the other clerk's only
    page.click(".till-sale.refused .again")
    assert page.locator("#till-lines .cart-line").count() == 1
    assert page.locator(".till-sale").count() == 0
    context.close()
