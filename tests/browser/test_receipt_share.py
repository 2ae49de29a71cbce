"""The receipt on a phone (360×740) and a desktop: its share buttons give a PDF and a PNG of
the slip, the chosen roll width goes with them, and the page fits the phone in vi and en."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import test_pages as pages
from tests.browser.test_pages import PHONE, fits_the_phone, shot, sign_in

town, server, browser = pages.town, pages.server, pages.browser  # the pages' fixtures


@pytest.fixture
def sale(app, town):
    market = app.extensions["ocop"]
    market.receive_stock(town["point"], [{"product_id": town["tea"], "qty": 4, "lot": "T-2"}])
    line = {"product_id": town["tea"], "qty": 2, "unit_price_vnd": 120_000}
    return market.sell(town["point"], [line], paid_vnd=300_000)["id"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_receipts_share_buttons_give_a_pdf_and_a_png_on_a_phone(
    server, browser, town, sale, language
):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    sign_in(page, server, "lan", "a long password")
    if language == "en":
        page.goto(f"{server}/language/en")
    page.goto(f"{server}/counter/{town['point']}/sales/{sale}")
    change = page.inner_text("#receipt-change").replace("\xa0", " ")
    assert change == ("60.000 ₫" if language == "vi" else "₫60,000")
    assert fits_the_phone(page)
    shot(page, f"receipt-share-{language}-360px")
    with page.expect_download() as pdf_download:
        page.click("#share-pdf")
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf_download.value.suggested_filename.endswith(".pdf")
    width = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ", pdf).group(1))
    assert abs(width - 226.77) < 1  # 80 mm
    page.select_option("#receipt-width", "58")
    with page.expect_download() as png_download:
        page.click("#share-png")
    with Image.open(io.BytesIO(Path(png_download.value.path()).read_bytes())) as image:
        assert image.format == "PNG" and image.width == 58 * 8
    context.close()


def test_the_receipt_on_a_desktop_offers_the_same_files(server, browser, town, sale):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/sales/{sale}")
    shot(page, "receipt-share-desktop")
    with page.expect_download() as download:
        page.click("#share-png")
    with Image.open(io.BytesIO(Path(download.value.path()).read_bytes())) as image:
        assert image.width == 80 * 8
    context.close()
