"""A sale's receipt as a file to share (issue 16): a PDF or a PNG, 80 mm wide or 58, drawn on
the server in the page's language, for whoever may read the receipt."""

import io
import re

import pytest
from PIL import Image

from tests.e2e import test_counter_pages
from tests.e2e.test_counter_pages import signed_in
from tests.e2e.test_counter_till_pages import _sell_tea_and_honey as sell_tea_and_honey

shop = test_counter_pages.shop  # an OCOP point with tea and honey, and Lan

POINTS_PER_MM = 72 / 25.4


def sold(client, shop, paid: str = "500000") -> str:
    """Record a sale of tea and honey on the sale screen; its receipt's address."""
    response = sell_tea_and_honey(client, shop, paid=paid)
    assert response.status_code == 302
    return response.headers["Location"]


def media_box_width_mm(pdf: bytes) -> float:
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return float(box.group(1)) / POINTS_PER_MM


@pytest.mark.parametrize("width", [80, 58])
def test_the_receipt_downloads_as_a_pdf_of_the_rolls_width(client, shop, width):
    receipt = sold(signed_in(client), shop)
    html = client.get(receipt).get_data(as_text=True)
    link = re.search(r'id="share-pdf" download href="([^"]+)"', html).group(1)
    response = client.get(f"{link}?width={width}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="hoa-don-')
    pdf = response.get_data()
    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf  # the font with every Vietnamese letter
    assert abs(media_box_width_mm(pdf) - width) < 0.1


@pytest.mark.parametrize("width", [80, 58])
def test_the_receipt_downloads_as_a_png_at_203_dpi(client, shop, width):
    receipt = sold(signed_in(client), shop)
    response = client.get(f"{receipt}/receipt.png?width={width}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.get_data()))
    assert image.width == width * 8 and image.height > image.width // 2
    dark = sum(image.convert("L").histogram()[:128])
    assert dark > 2000  # text was drawn


def test_the_pdf_holds_the_receipts_words_in_english_too(client, shop):
    receipt = sold(signed_in(client, "en"), shop)
    pdf = client.get(f"{receipt}/receipt.pdf").get_data()
    assert b"/Title" in pdf
    title = re.search(rb"/Title \((.*?)\)\n", pdf, re.DOTALL) or re.search(rb"/Title <(.*?)>", pdf)
    assert title is not None


@pytest.mark.parametrize("query", ["?width=100", "?width=abc"])
def test_a_width_other_than_58_or_80_is_404(client, shop, query):
    receipt = sold(signed_in(client), shop)
    assert client.get(f"{receipt}/receipt.pdf{query}").status_code == 404


def test_the_files_need_the_receipts_reader(client, shop, app):
    receipt = sold(signed_in(client), shop)
    stranger = app.test_client()
    response = stranger.get(f"{receipt}/receipt.png")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
