"""QR codes and label sheets in a real browser: the public page's code, scanned from a
screenshot, opens that page; the A4 sheet prints on as many pages as it should; both fit a
360 px phone, in Vietnamese and English. Screenshots and the PDF go to test-artifacts/."""

import io
import re
from datetime import date, datetime

import pytest
import zxingcpp
from PIL import Image

from tests.browser import test_pages as shared
from tests.browser.test_pages import ARTIFACTS, CHROMIUM, ICT, PHONE, fits_the_phone, shot, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

DESKTOP = {"width": 1280, "height": 900}
LOT = "MO-2026/07"


@pytest.fixture
def honey_lot(app, town):
    """A lot of the honey (GTIN) at the OCOP point, expiring in 2099."""
    line = {"product_id": town["honey"], "qty": 6, "lot": LOT, "expires_on": date(2099, 7, 31)}
    app.extensions["ocop"].receive_stock(town["point"], [line], datetime(2025, 3, 1, 9, tzinfo=ICT))
    return LOT


def scan(page, selector: str) -> str:
    """What a phone held up to the screen reads from the QR code drawn at ``selector``."""
    image = Image.open(io.BytesIO(page.locator(selector).first.screenshot())).convert("L")
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1, "one QR code in the element"
    return codes[0].text


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("language, stars", [("vi", "4 sao"), ("en", "4 stars")])
def test_the_public_page_code_scanned_from_the_screen_opens_the_page(
    server, browser, town, honey_lot, language, stars
):
    for viewport, size in ((PHONE, "360px"), (DESKTOP, "desktop")):
        page = browser.new_page(viewport=viewport)
        page.goto(f"{server}/p/{town['honey']}?lang={language}")
        assert stars in page.locator("#stars").inner_text()
        assert page.locator("#qr").evaluate("img => img.naturalWidth") > 0  # the SVG loaded
        if viewport is PHONE:
            assert fits_the_phone(page)
        shot(page, f"public-product-qr-{language}-{size}")
    url = scan(page, "#qr")
    assert url == f"{server}/01/08936000000028"
    page.goto(url)
    assert page.url == f"{server}/p/{town['honey']}" and "Mật ong" in page.inner_text("h1")


def test_a_lots_label_sheet_prints_on_a4_and_its_code_opens_the_lot(
    server, browser, town, honey_lot
):
    page = browser.new_page(viewport=DESKTOP, device_scale_factor=2)  # a sharp screenshot
    page.goto(f"{server}/p/{town['honey']}/labels?lot={LOT}")
    labels = page.locator(".label")
    assert labels.count() == 12
    first = labels.first.inner_text()
    for text in ("Mật ong hoa nhãn", "4 sao", "GCN số QĐ-1", "Hiệu lực 10/01/2025 – 09/01/2028"):
        assert text in first
    assert "GTIN 8936000000028" in first and f"Lô {LOT}" in first and "HSD 31/07/2099" in first
    shot(page, "labels-lot-desktop")
    url = scan(page, ".label-qr")
    assert url.endswith("/01/08936000000028/10/MO-2026%2F07?17=990731")
    page.goto(url)
    assert "31/07/2099" in page.inner_text("#lot") and "Còn hạn" in page.inner_text("#lot")
    shot(page, "public-product-lot-desktop")

    page.goto(f"{server}/p/{town['honey']}/labels?lot={LOT}")
    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "labels-lot-a4.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1  # twelve labels, one sheet
    page.emulate_media(media="print")
    assert page.locator("#label-controls").is_hidden() and page.locator("header").is_hidden()
    shot(page, "labels-lot-print-preview")
    page.goto(f"{server}/p/{town['honey']}/labels?n=25")
    assert pdf_pages(page.pdf(format="A4")) == 3


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_label_sheet_fits_a_phone(server, browser, town, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/p/{town['tea']}/labels?n=2&lang={language}")
    assert page.locator(".label").count() == 2
    assert fits_the_phone(page)
    shot(page, f"labels-product-360px-{language}")


def test_staff_open_a_lots_labels_from_the_stock_page(server, browser, town, honey_lot):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.click("text=Điểm OCOP Đông Anh")
    assert fits_the_phone(page)
    shot(page, "staff-stock-with-labels-360px")
    page.click(f"#stock a[data-lot='{LOT}']")
    assert page.locator(".label").count() == 12
    assert f"Lô {LOT}" in page.locator(".label").first.inner_text()


def test_the_print_button_prints_under_the_content_security_policy(server, browser, town):
    page = browser.new_page(viewport=DESKTOP)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.on("pageerror", lambda error: refused.append(str(error)))
    page.goto(f"{server}/p/{town['tea']}/labels")
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.click("#print")
    assert page.evaluate("() => window.printed === true") and refused == []
    style = "getComputedStyle(document.querySelector('.label')).borderTopStyle"
    assert page.evaluate(style) == "dashed"  # labels.css applied
