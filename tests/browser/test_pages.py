"""Real-browser tests of the pages (Playwright driving Debian's Chromium), with screenshots."""

import os
import shutil
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID

import pytest
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ICT = timezone(timedelta(hours=7))
HONEY_GTIN = "8936000000028"
PHONE = {"width": 360, "height": 740}

if CHROMIUM is None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(
            "Chromium is required on CI (scripts/ensure-chromium.sh installs it)", pytrace=False
        )
    pytestmark = pytest.mark.skip(
        reason="Chromium is not installed (run scripts/ensure-chromium.sh)"
    )


@pytest.fixture
def town(app):
    """An OCOP point with two products in stock, a staff member there, and two supermarkets."""
    market = app.extensions["ocop"]
    producer = UUID(
        market.register_producer(
            "HTX Chè Tân Cương", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh"
        )["id"]
    )
    tea, honey = (
        UUID(market.register_product(producer, name, "food", "hộp", price, gtin)["id"])
        for name, price, gtin in (
            ("Chè búp Tân Cương", 120_000, None),
            ("Mật ong hoa nhãn", 250_000, HONEY_GTIN),
        )
    )
    for n, product in enumerate((tea, honey)):
        market.certify(product, 80, date(2025, 1, 10), f"QĐ-{n}")
    point = UUID(
        market.open_outlet(
            "Điểm OCOP Đông Anh", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1), "Đông Anh"
        )["id"]
    )
    market.receive_stock(
        point,
        [{"product_id": tea, "qty": 10}, {"product_id": honey, "qty": 5}],
        datetime(2025, 2, 1, 9, tzinfo=ICT),
    )
    for name, district, commune in (
        ("WinMart Đông Anh", "Đông Anh", "Uy Nỗ"),
        ("BRG Mart Gia Lâm", "Gia Lâm", "Trâu Quỳ"),
    ):
        shop = UUID(
            market.open_outlet(name, "supermarket", "Hà Nội", commune, date(2024, 1, 1), district)[
                "id"
            ]
        )
        if district == "Đông Anh":
            market.list_product(shop, tea, date(2025, 2, 1))
            market.receive_stock(
                shop, [{"product_id": tea, "qty": 3}], datetime(2025, 2, 1, 10, tzinfo=ICT)
            )
    market.register_user("lan", "staff", "a long password", [point])
    return {"point": point, "tea": tea, "honey": honey, "winmart": _outlet_named(market, "WinMart")}


def _outlet_named(market, prefix: str) -> UUID:
    for notification in market.recorder.select_notifications(None, 1000):
        event = market.mapper.to_domain_event(notification)
        if type(event).__name__ == "Opened" and event.name.startswith(prefix):
            return event.originator_id
    raise LookupError(prefix)


@pytest.fixture
def server(app, town):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, server: str, username: str, password: str) -> None:
    page.goto(f"{server}/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")


def fits_the_phone(page) -> bool:
    """Nothing sticks out sideways at 360 px (no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def add_line(page, text: str) -> None:
    """Type a name or a barcode into the search box and press Enter, as a scanner does."""
    page.fill("#find", text)
    with page.expect_navigation():  # the post, then the sale screen it redirects to
        page.press("#find", "Enter")
    page.wait_for_load_state()


def test_staff_on_a_phone_records_a_two_line_sale_and_sees_stock_go_down(server, browser, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.click("text=Điểm OCOP Đông Anh")
    tea_row = page.locator(f"tr[data-product='{town['tea']}'] .on-hand")
    assert tea_row.inner_text().startswith("10")
    assert fits_the_phone(page)
    shot(page, "staff-stock-360px")
    page.click("#screens a[href$='/sale']")
    add_line(page, "che bup")  # by name, without accents
    add_line(page, HONEY_GTIN)  # by barcode
    assert page.locator(".cart-line").count() == 2
    page.fill("#lines-0-qty", "2")
    assert page.inner_text("#total").replace("\xa0", " ") == "490.000 ₫"
    assert fits_the_phone(page)
    shot(page, "staff-sale-360px")
    page.fill("#paid", "500000")
    page.click("#submit-sale")
    page.wait_for_selector("text=Đã ghi nhận bán hàng")
    assert page.inner_text("#receipt-change").replace("\xa0", " ") == "10.000 ₫"
    assert fits_the_phone(page)
    shot(page, "staff-receipt-360px")
    page.go_back()  # back after a sale: the sale screen again, never a form resent
    assert page.url.endswith("/sale") or "/sale?" in page.url
    page.goto(f"{server}/counter/{town['point']}")
    assert tea_row.inner_text().startswith("8")
    assert page.locator(f"tr[data-product='{town['honey']}'] .on-hand").inner_text().startswith("4")
    shot(page, "staff-stock-after-sale")
    page.click("#screens a[href$='/today']")
    assert page.inner_text("#day-total").replace("\xa0", " ") == "490.000 ₫"
    assert fits_the_phone(page)
    shot(page, "staff-todays-sales-360px")


def test_a_sale_beyond_the_stock_is_told_beside_the_line_and_sells_nothing(server, browser, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/sale")
    add_line(page, "Mật ong")
    page.fill("#lines-0-qty", "6")
    page.click("#submit-sale")
    page.wait_for_selector("text=Không đủ hàng: cần 6, chỉ còn 5 có thể bán")
    shot(page, "staff-sale-refused-360px")
    page.goto(f"{server}/counter/{town['point']}")
    assert page.locator(f"tr[data-product='{town['honey']}'] .on-hand").inner_text().startswith("5")


def test_a_resubmitted_sale_form_records_one_sale(server, browser, town, app):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/sale")
    add_line(page, "Chè")
    form = page.evaluate(
        "() => new URLSearchParams(new FormData(document.getElementById('sale'))).toString()"
    )
    for _ in range(2):  # a double tap, or the browser resending the form
        page.request.post(
            f"{server}/counter/{town['point']}/sale",
            data=form + "&action=record",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    sold = [
        n
        for n in app.extensions["ocop"].recorder.select_notifications(None, 1000)
        if n.topic.endswith("Outlet.Sold")
    ]
    assert len(sold) == 1


def test_staff_on_a_phone_receive_a_lot_then_write_part_of_it_off(server, browser, town):
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.click("text=Điểm OCOP Đông Anh")
    honey_row = page.locator(f"tr[data-product='{town['honey']}'] .on-hand")
    page.click("#screens a[href$='/receive']")
    add_line(page, "Mật ong")  # from the catalogue
    page.fill("#lines-0-qty", "6")
    page.fill("#lines-0-lot", "MO-2025-07")
    page.fill("#lines-0-expires_on", "2026-12-31")
    page.fill("#lines-0-unit_cost_vnd", "180000")
    assert fits_the_phone(page)
    shot(page, "staff-receive-360px")
    page.click("#submit-receipt")
    page.wait_for_selector("text=Đã nhập hàng")
    assert honey_row.inner_text().startswith("11")
    page.click("#screens a[href$='/write-off']")
    page.select_option("#lot", f"{town['honey']}|MO-2025-07")
    page.fill("#qty", "7")
    page.select_option("#reason", "damaged")
    page.click("#submit-write-off")
    page.wait_for_selector("text=Lô 'MO-2025-07' chỉ còn 6")
    assert fits_the_phone(page)
    shot(page, "staff-write-off-refused-360px")
    page.fill("#qty", "2")
    page.click("#submit-write-off")
    page.wait_for_selector("text=Đã xuất hủy")
    assert honey_row.inner_text().startswith("9")
    shot(page, "staff-stock-after-write-off")


def test_staff_see_what_runs_low_and_what_expires_soon(server, browser, town, app):
    market = app.extensions["ocop"]
    market.receive_stock(
        town["point"],
        [{"product_id": town["tea"], "qty": 4, "lot": "C-OLD", "expires_on": date(2025, 3, 1)}],
        datetime(2025, 2, 2, 9, tzinfo=ICT),
    )
    page = browser.new_page(viewport=PHONE)
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/alerts")
    assert "C-OLD" in page.inner_text("#expiring")
    assert fits_the_phone(page)
    shot(page, "staff-alerts-360px")
    page.click("#expiring a")
    assert page.input_value("#reason") == "expired"
    assert page.input_value("#lot") == f"{town['tea']}|C-OLD"


def test_the_dashboard_shows_the_chart_and_the_outlets_not_counted_in_either_language(
    server, browser, town
):
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    sign_in(page, server, "admin-browser", "a long password")
    page.goto(f"{server}/dashboard?as_of=2025-03-01")
    assert page.locator("svg.chart rect.bar").count() == 2
    assert page.inner_text("#ratio") == "50,0%"
    assert "Không niêm yết sản phẩm OCOP" in page.inner_text("#not-selling")
    shot(page, "dashboard-vi")
    page.click("text=English")
    assert (
        page.locator("h1").inner_text()
        == "Supermarkets and commercial centres selling OCOP products"
    )
    assert "Lists no OCOP product" in page.inner_text("#not-selling")
    shot(page, "dashboard-en")


@pytest.fixture(autouse=True)
def admin_user(app):
    app.extensions["ocop"].register_user("admin-browser", "admin", "a long password")


def test_a_supermarket_manager_lists_a_product_from_the_catalogue(server, browser, town, app):
    app.extensions["ocop"].register_user("minh", "staff", "a long password", [town["winmart"]])
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    sign_in(page, server, "minh", "a long password")
    page.goto(f"{server}/shelf/{town['winmart']}")
    assert page.locator(f"#shelf tr[data-product='{town['tea']}']").count() == 1
    page.fill("#q", "Mật ong")
    page.click("text=Tìm")
    page.click("#found button.list")
    page.wait_for_selector("text=Đã niêm yết sản phẩm")
    row = page.locator(f"#shelf tr[data-product='{town['honey']}']")
    assert row.count() == 1
    assert "hết hạn" not in row.inner_text()  # certified 2025-01-10, valid to 2028
    shot(page, "manager-shelf")
