"""The receive screen's camera on a phone (Playwright on Debian's Chromium, 360×740, its fake
camera filming a printed code): an EAN-13 barcode adds the product's line, a label's GS1
Digital Link QR code adds the product with its lot and expiry; then the form records once,
and the back button and a second send say it was recorded before."""

from datetime import date

import pytest
import segno

from tests.browser import test_pages as pages
from tests.browser import test_till as till
from tests.browser.test_pages import HONEY_GTIN, PHONE, fits_the_phone, shot, sign_in

town, server = pages.town, pages.server  # the pages' fixtures


def qr_video(path, text: str, width: int = 640, height: int = 480) -> None:
    """A Y4M video of a printed QR code, for Chromium's fake camera."""
    matrix = [list(row) for row in segno.make_qr(text, error="m").matrix_iter(border=4)]
    module = min(width, height) * 3 // 4 // len(matrix)
    left, top = (width - module * len(matrix)) // 2, (height - module * len(matrix)) // 2
    luma = bytearray([235] * (width * height))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(module):
                    start = (top + y * module + dy) * width + left + x * module
                    luma[start : start + module] = bytes([16] * module)
    till.y4m(path, luma, width, height)


@pytest.fixture
def filming(tmp_path):
    """Chromium whose camera films the code given to it (an EAN-13 or a QR code's text)."""
    started = []

    def launch(code: str):
        video = tmp_path / "code.y4m"
        if code.isdigit():
            till.barcode_video(video, code)
        else:
            qr_video(video, code)
        started.append(till.chromium_filming(video))
        return started[-1][1]

    yield launch
    for playwright, chromium in started:
        chromium.close()
        playwright.stop()


def scan_on_the_receive_screen(chromium, server, town, language="vi", screen="receive"):
    context = chromium.new_context(viewport=PHONE)
    context.grant_permissions(["camera"])
    page = context.new_page()
    sign_in(page, server, "lan", "a long password")
    if language == "en":
        page.goto(f"{server}/language/en")
    page.goto(f"{server}/counter/{town['point']}/{screen}")
    page.click("#scan")
    page.wait_for_selector("#lines-0-qty", timeout=20_000)
    return context, page


def test_an_ean13_shown_to_the_receive_screens_camera_adds_its_line(server, filming, town):
    context, page = scan_on_the_receive_screen(filming(HONEY_GTIN), server, town)
    assert page.input_value("#lines-0-product_id") == str(town["honey"])
    assert "Mật ong hoa nhãn" in page.inner_text("#lines")
    assert page.locator("#camera").is_hidden()
    assert fits_the_phone(page)
    shot(page, "receive-scanned-ean13-vi-360px")
    context.close()


def test_a_labels_digital_link_qr_adds_the_product_with_its_lot_and_expiry_and_records_once(
    app, server, filming, town
):
    link = f"https://ocop.example/01/0{HONEY_GTIN}/10/MO-2712?17=271231"
    context, page = scan_on_the_receive_screen(filming(link), server, town, "en")
    assert page.input_value("#lines-0-product_id") == str(town["honey"])
    assert page.input_value("#lines-0-lot") == "MO-2712"
    assert page.input_value("#lines-0-expires_on") == date(2027, 12, 31).isoformat()
    assert fits_the_phone(page)
    shot(page, "receive-scanned-digital-link-en-360px")
    page.fill("#lines-0-qty", "4")
    page.click("#submit-receipt")
    page.wait_for_selector("text=Stock received")
    page.go_back()  # to the receive screen, its key in the address
    page.wait_for_selector("#lines-0-qty")
    page.fill("#lines-0-qty", "4")
    page.click("#submit-receipt")
    page.wait_for_selector("text=This form was already recorded; nothing new was recorded")
    received = [
        n
        for n in app.extensions["ocop"].recorder.select_notifications(None, 1000)
        if n.topic.endswith("Outlet.StockReceived") and b"MO-2712" in n.state
    ]
    assert len(received) == 1
    shot(page, "receive-sent-again-en-360px")
    context.close()


def test_a_labels_digital_link_qr_shown_to_the_sale_screens_camera_adds_its_line(
    server, filming, town
):
    link = f"https://ocop.example/01/0{HONEY_GTIN}/10/MO-2712?17=271231"
    context, page = scan_on_the_receive_screen(filming(link), server, town, screen="sale")
    assert page.input_value("#lines-0-product_id") == str(town["honey"])
    assert fits_the_phone(page)
    shot(page, "sale-scanned-digital-link-vi-360px")
    context.close()
