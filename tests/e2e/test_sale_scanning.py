"""Selling by scanning on the counter's sale screen (its camera, or a keyboard-wedge scanner,
puts the code in the search box): a label's GS1 Digital Link QR code finds the stocked product
(the server still picks the lots), and the screen offers the camera as the receive screen does.
Every test runs on SQLite and on PostgreSQL."""

from tests.e2e import test_counter_pages as counter
from tests.e2e.test_counter_pages import HONEY_GTIN, hidden, open_form, post, sale_url, signed_in

shop = counter.shop  # the counter pages' fixture


def test_a_digital_link_scanned_at_the_sale_screen_adds_the_products_line(client, shop):
    form = open_form(signed_in(client), sale_url(shop))
    code = f"https://ocop.example/01/0{HONEY_GTIN}/10/M1?17=271231"
    html = post(client, sale_url(shop), form, find=code, action="find")
    assert hidden(html, "lines-0-product_id") == str(shop["honey"])


def test_the_sale_screen_offers_the_camera_and_lets_its_scanner_run(client, shop):
    response = signed_in(client).get(sale_url(shop))
    assert "counter-scan.js" in response.get_data(as_text=True)
    assert "'wasm-unsafe-eval'" in response.headers["Content-Security-Policy"]
