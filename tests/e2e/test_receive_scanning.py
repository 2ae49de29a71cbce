"""Receiving stock by scanning (what the receive screen's camera, or a keyboard-wedge scanner,
puts in the search box): a barcode written with 8 to 14 digits finds its catalogue product, and
a label's GS1 Digital Link QR code finds the product and fills the line's lot and expiry.
Every test runs on SQLite and on PostgreSQL."""

from datetime import date

import pytest

from tests.e2e import test_counter_pages as counter
from tests.e2e.test_counter_pages import (
    HONEY_GTIN,
    error_beside,
    hidden,
    open_form,
    post,
    receive_url,
    signed_in,
)

shop = counter.shop  # the counter pages' fixture


def scanned(client, shop, code: str) -> str:
    form = open_form(signed_in(client), receive_url(shop))
    return post(client, receive_url(shop), form, find=code, action="find")


def test_a_digital_link_finds_the_product_and_fills_its_lot_and_expiry(client, shop):
    html = scanned(client, shop, f"https://ocop.example/01/0{HONEY_GTIN}/10/L2601?17=271231")
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])
    assert hidden(html, "lines-0-lot") == "L2601"
    assert hidden(html, "lines-0-expires_on") == date(2027, 12, 31).isoformat()


def test_a_digital_link_with_a_percent_encoded_lot_and_no_expiry_fills_the_lot_only(client, shop):
    html = scanned(client, shop, f"http://other.host/01/0{HONEY_GTIN}/10/L%2F25%20A")
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])
    assert hidden(html, "lines-0-lot") == "L/25 A"
    assert 'name="lines-0-expires_on" type="date" value=""' in html


@pytest.mark.parametrize("code", [f"0{HONEY_GTIN}", HONEY_GTIN])
def test_a_barcode_with_13_or_14_digits_finds_the_same_product(client, shop, code):
    html = scanned(client, shop, code)
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])
    assert hidden(html, "lines-0-lot") == ""


def test_a_digital_link_with_a_bad_expiry_keeps_the_lot_and_leaves_the_expiry_to_type(client, shop):
    html = scanned(client, shop, f"https://ocop.example/01/0{HONEY_GTIN}/10/L1?17=991399")
    assert hidden(html, "lines-0-lot") == "L1"
    assert 'name="lines-0-expires_on" type="date" value=""' in html


@pytest.mark.parametrize(
    "code", ["https://ocop.example/01/08936000000035/10/L1", "8936000000035", "9999999999999"]
)
def test_a_code_no_product_holds_is_not_found_beside_the_search(client, shop, code):
    html = scanned(client, shop, code)
    assert "lines-0-product_id" not in html
    assert error_beside(html, "find").startswith("Không tìm thấy sản phẩm nào khớp")
