"""Every page at 360×740 (a phone), in a real browser: none is wider than the screen, and the
header is compact enough that a counter's search box starts near the top."""

import re
from datetime import date, datetime
from uuid import UUID

import pytest

from tests.browser import test_pages
from tests.browser.test_pages import HONEY_GTIN, ICT, PHONE, shot, sign_in

town, server, browser = test_pages.town, test_pages.server, test_pages.browser  # the fixtures
pytestmark = test_pages.pytestmark if hasattr(test_pages, "pytestmark") else []

PASSWORD = "a long password"


@pytest.fixture
def records(app, town):
    """One of each record a page is about: a sale, a receipt of stock, a transfer in transit from
    the WinMart to the point (its receiving page is the point's), and the admin who visits every
    page."""
    market = app.extensions["ocop"]
    receipt = market.receive_stock(
        town["point"], [{"product_id": town["tea"], "qty": 4, "lot": "T-2"}]
    )
    sale = market.sell(
        town["point"],
        [{"product_id": town["tea"], "qty": 1, "unit_price_vnd": 120_000}],
        paid_vnd=200_000,
    )
    transfer = market.transfer_stock(
        town["winmart"],
        town["point"],
        [{"product_id": town["tea"], "qty": 1}],
        datetime.now(ICT),
    )
    admin = market.register_user("boss", "admin", PASSWORD)
    producer = market.product(town["tea"])["producer_id"]
    return {
        "outlet_id": town["point"],
        "aggregate_id": town["point"],
        "sale_id": UUID(sale["id"]),
        "receipt_id": UUID(receipt["id"]),
        "transfer_id": UUID(transfer["id"]),
        "product_id": town["tea"],
        "producer_id": UUID(str(producer)),
        "user_id": UUID(admin["id"]),
        "kind": "outlets",
        "gtin": HONEY_GTIN,  # the labels' GS1 Digital Link resolver
        "lot": "T-2",
    }


SIGNED_OUT = ("pages.sign_in", "pages.public_product", "pages.resolve_gtin")
"""Pages a visitor who is not signed in also sees (with the header of a visitor)."""

NOT_PAGES = ("pages.language", "pages.certificate_proof", "pages.sale_proof")
"""The language switch and the proof bundles (downloads of JSON)."""


def page_addresses(app, records: dict, endpoints=None) -> list[str]:
    """Every page route a GET answers with a page (not a download, not the language switch),
    filled in with the records: a route whose arguments the records lack fails the walk, so a
    new page cannot be left out of it."""
    from flask import url_for

    addresses = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("pages.") or "GET" not in rule.methods:
            continue
        if "fmt" in rule.arguments or rule.endpoint in NOT_PAGES:
            continue
        if endpoints is not None and rule.endpoint not in endpoints:
            continue
        with app.test_request_context():
            addresses.append(url_for(rule.endpoint, **{a: records[a] for a in rule.arguments}))
    return sorted(set(addresses))


def too_wide_pages(page, server: str, addresses: list[str]) -> dict:
    """The pages wider than the phone, by address; a page that is not answered 200 (an error
    page, a refusal) is reported too, since its width says nothing about the page itself."""
    too_wide = {}
    for address in addresses:
        answer = page.goto(server + address)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if answer.status != 200:
            too_wide[address] = f"HTTP {answer.status}"
        elif width > PHONE["width"]:
            too_wide[address] = width
            shot(page, "too-wide" + address.replace("/", "-"))
    return too_wide


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_page_is_wider_than_a_phone(server, browser, app, records, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/language/{language}")
    assert too_wide_pages(page, server, page_addresses(app, records, SIGNED_OUT)) == {}
    sign_in(page, server, "boss", PASSWORD)
    assert too_wide_pages(page, server, page_addresses(app, records)) == {}


def test_the_phone_walk_fails_on_a_page_route_it_cannot_fill(app, records):
    """A new page route with an argument the walk does not know makes the walk fail rather
    than pass it by."""
    app.add_url_rule("/counter/<uuid:outlet_id>/new/<uuid:thing_id>", "pages.new_page")
    with pytest.raises(KeyError, match="thing_id"):
        page_addresses(app, records)


def test_the_phone_header_is_compact_and_the_search_box_near_the_top(server, browser, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", PASSWORD)
    page.goto(f"{server}/counter/{town['point']}/sale")
    assert page.evaluate("document.querySelector('body > header').offsetHeight") <= 60
    assert page.evaluate("document.getElementById('find').getBoundingClientRect().top") < 200
    shot(page, "staff-sale-header-360px")
    with page.expect_navigation():
        page.click("text=English")
    page.wait_for_selector("text=Record the sale")
    assert page.evaluate("document.querySelector('body > header').offsetHeight") <= 60
    shot(page, "staff-sale-header-360px-en")


def test_the_receipt_prints_alone_on_an_80_mm_roll(server, browser, app, records):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "boss", PASSWORD)
    page.goto(f"{server}/counter/{records['outlet_id']}/sales/{records['sale_id']}")
    assert page.inner_text("#receipt-change").replace("\xa0", " ") == "80.000 ₫"
    shot(page, "receipt-360px")
    page.emulate_media(media="print")
    assert not page.is_visible("body > header") and not page.is_visible("#new-sale")
    assert page.is_visible("#receipt")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ", pdf)
    assert boxes and all(abs(float(width) - 226.77) < 1 for width in boxes)  # 80 mm, in points


def test_matches_of_one_name_are_told_apart_on_a_phone_and_a_desktop(server, browser, app, town):
    market = app.extensions["ocop"]
    other = market.register_producer("HTX Chè Phúc Xuân", "cooperative", "Hà Nội", "Uy Nỗ")["id"]
    twin = market.register_product(UUID(other), "Chè búp Tân Cương", "food", "hộp", 135_000)
    market.receive_stock(
        town["point"],
        [
            {
                "product_id": UUID(twin["id"]),
                "qty": 2,
                "lot": "L2503",
                "expires_on": date(2025, 11, 24),
            }
        ],
        datetime(2025, 2, 1, 9, tzinfo=ICT),
    )
    for name, viewport in (("360px", PHONE), ("desktop", {"width": 1280, "height": 800})):
        page = browser.new_page(viewport=viewport)
        sign_in(page, server, "lan", PASSWORD)
        page.goto(f"{server}/counter/{town['point']}/sale")
        page.fill("#find", "che bup")
        with page.expect_navigation():
            page.press("#find", "Enter")
        items = page.locator("#matches li")
        assert items.count() == 2
        assert "HTX Chè Tân Cương" in page.inner_text("#matches")
        assert "lô L2503 hết hạn ngày 24/11/2025" in page.inner_text("#matches")
        assert page.locator("#matches button:disabled").count() == 1
        assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
        shot(page, f"staff-sale-matches-{name}")
