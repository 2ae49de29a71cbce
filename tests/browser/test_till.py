"""The till on a phone (Playwright on Debian's Chromium, 360×740): it sells from the catalogue
kept on the phone, queues a sale made offline, keeps it over a reload and records it exactly
once when the connection returns; a refused sale shows why; a scanned barcode adds its line."""

import re
from datetime import date, datetime, timedelta

import pytest

from tests.browser import test_pages as pages
from tests.browser.test_pages import HONEY_GTIN, PHONE, fits_the_phone, shot, sign_in
from web.digital_link import from_yymmdd

town, server, browser = pages.town, pages.server, pages.browser  # the pages' fixtures


def sold(app) -> list:
    """The Outlet.Sold events in the store."""
    notifications = app.extensions["ocop"].recorder.select_notifications(None, 1000)
    return [n for n in notifications if n.topic.endswith("Outlet.Sold")]


def over_the_api(app, outlet) -> tuple[dict, dict]:
    """What the API says of the point: its sales (by outlet) and what it has on hand, read as
    the point's clerk."""
    client = app.test_client()
    signed_in = client.post(
        "/api/v1/auth/token", json={"username": "lan", "password": "a long password"}
    )
    headers = {"Authorization": f"Bearer {signed_in.get_json()['token']}"}
    report = client.get(f"/api/v1/reports/sales?by=outlet&outlet_id={outlet}", headers=headers)
    stock = client.get(f"/api/v1/outlets/{outlet}/inventory", headers=headers)
    assert report.status_code == stock.status_code == 200
    on_hand = {item["product_id"]: item["on_hand"] for item in stock.get_json()["items"]}
    return report.get_json(), on_hand


def open_till(browser, server, town, language: str = "vi", clerk: str = "lan", outlet=None):
    """A phone's browser context, signed in as the clerk (the point's, unless told), on the
    till of the outlet (the point's, unless told), ready offline (its service worker controls
    the page and the catalogue is kept)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, server, clerk, "a long password")
    if language == "en":
        page.goto(f"{server}/language/en")
    till = f"{server}/counter/{outlet or town['point']}/till"
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
    _, before = over_the_api(app, town["point"])
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
    report, after = over_the_api(app, town["point"])
    assert [(row["sales"], row["qty"], row["amount_vnd"]) for row in report["items"]] == [
        (1, 3, 490_000)
    ]
    tea, honey = str(town["tea"]), str(town["honey"])
    assert (after[tea], after[honey]) == (before[tea] - 2, before[honey] - 1)
    with page.expect_navigation():
        page.click(".till-sale.recorded a.receipt")  # the sale's receipt, printed
    assert page.inner_text("#receipt-change").replace("\xa0", " ") == "10.000 ₫"
    page.emulate_media(media="print")
    assert page.is_visible("#receipt") and not page.is_visible("body > header")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ", pdf)
    assert boxes and all(abs(float(width) - 226.77) < 1 for width in boxes)  # 80 mm, in points
    event = app.extensions["ocop"].mapper.to_domain_event(sold(app)[0])
    assert event.paid_vnd == 500000  # what the customer paid went with the queued sale
    context.close()


def test_a_till_sale_paid_short_is_not_queued(app, server, browser, town):
    context, page = open_till(browser, server, town)
    add(page, "che bup")
    page.fill("#till-paid", "1000")
    page.click("#till-record")
    page.wait_for_selector("#till-notice.error:has-text('Khách đưa chưa đủ')")
    assert page.locator(".till-sale").count() == 0 and sold(app) == []
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
    page.wait_for_selector(".till-sale", state="detached")  # the screen redraws once it is gone
    assert page.locator("#till-lines .cart-line").count() == 1
    context.close()


def test_a_huge_quantity_typed_keeps_the_till_within_the_phone(server, browser, town):
    context, page = open_till(browser, server, town)
    add(page, HONEY_GTIN)
    page.locator("#till-lines .qty").fill("99999999999999999999")
    assert "Nhiều hơn số còn có thể bán (5)" in page.inner_text("#till-lines")
    assert page.locator("#till-lines .qty").bounding_box()["width"] >= 48  # still typeable
    assert fits_the_phone(page)
    context.close()


def test_a_queued_sale_of_a_product_delisted_meanwhile_is_refused_in_vietnamese(
    app, server, browser, town
):
    market = app.extensions["ocop"]
    market.register_user("thu", "staff", "a long password", [town["winmart"]])
    context, page = open_till(browser, server, town, clerk="thu", outlet=town["winmart"])
    context.set_offline(True)
    add(page, "che bup")
    page.click("#till-record")
    page.wait_for_selector(".till-sale.waiting")
    market.delist_product(town["winmart"], town["tea"], date.today() - timedelta(days=1))
    context.set_offline(False)
    refused = page.wait_for_selector(".till-sale.refused", timeout=20_000)
    assert "Sản phẩm chưa được niêm yết ở đây" in refused.inner_text()
    assert "Hãy báo quản lý niêm yết sản phẩm, rồi bán lại." in refused.inner_text()
    assert fits_the_phone(page)
    shot(page, "till-refused-delisted-vi-360px")
    assert sold(app) == []
    context.close()


L_CODES = ("0001101", "0011001", "0010011", "0111101", "0100011",
           "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
          "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip


def ean13_modules(code: str) -> str:
    """The 95 bars and spaces (1 and 0) of an EAN-13 barcode (GS1 General Specifications)."""
    right = ["".join("1" if bit == "0" else "0" for bit in L_CODES[int(d)]) for d in code[7:]]
    left = [
        L_CODES[int(d)]
        if parity == "L"
        else "".join("1" if b == "0" else "0" for b in L_CODES[int(d)])[::-1]
        for d, parity in zip(code[1:7], PARITY[int(code[0])], strict=True)
    ]
    return "101" + "".join(left) + "01010" + "".join(right) + "101"


def barcode_video(path, code: str, width: int = 640, height: int = 480) -> None:
    """A Y4M video of a printed EAN-13 barcode, for Chromium's fake camera."""
    module = 4
    bars = ean13_modules(code)
    start = (width - len(bars) * module) // 2
    row = bytearray([235] * width)
    for n, bit in enumerate(bars):
        if bit == "1":
            row[start + n * module : start + (n + 1) * module] = bytes([16] * module)
    blank = bytes([235] * width)
    luma = b"".join(
        bytes(row) if height // 5 <= y < height * 4 // 5 else blank for y in range(height)
    )
    y4m(path, luma, width, height)


def y4m(path, luma: bytes, width: int, height: int) -> None:
    """A grey picture (its luma plane) as three frames of a Y4M video, for Chromium's fake camera."""
    chroma = bytes([128] * (width // 2 * height // 2 * 2))
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        video.writelines(b"FRAME\n" + bytes(luma) + chroma for _ in range(3))


def chromium_filming(video):
    """Playwright (started) and Chromium whose camera films ``video``; the caller stops both."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=pages.CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    return playwright, chromium


@pytest.fixture
def camera(tmp_path):
    """Chromium whose camera films a printed barcode of the honey."""
    video = tmp_path / "honey.y4m"
    barcode_video(video, HONEY_GTIN)
    playwright, chromium = chromium_filming(video)
    yield chromium
    chromium.close()
    playwright.stop()


def test_a_barcode_shown_to_the_camera_adds_its_line(server, camera, town):
    context, page = open_till(camera, server, town)
    context.grant_permissions(["camera"])
    page.click("#till-scan")
    line = page.wait_for_selector(
        f"#till-lines .cart-line[data-product='{town['honey']}']", timeout=20_000
    )
    assert "Mật ong hoa nhãn" in line.inner_text()
    assert page.locator("#till-camera").is_hidden()
    shot(page, "till-scanned-vi-360px")
    context.close()


def test_matches_mark_expired_lots_and_a_gs1_digital_link_finds_the_product_and_its_lot(
    app, server, browser, town
):
    yesterday = date.today() - timedelta(days=1)
    lots = [
        {"product_id": town["honey"], "qty": 2, "lot": "L2503", "expires_on": yesterday},
        {"product_id": town["honey"], "qty": 3, "lot": "L2601", "expires_on": date(2099, 12, 31)},
    ]
    received = datetime.now(pages.ICT) - timedelta(days=20)
    app.extensions["ocop"].receive_stock(town["point"], lots, received)
    context, page = open_till(browser, server, town)
    page.fill("#till-find", "mat ong")
    match = page.locator(f"#till-matches [data-product='{town['honey']}']")
    assert "HTX Chè Tân Cương · 8936000000028" in match.inner_text()
    assert f"lô L2503 hết hạn ngày {yesterday:%d/%m/%Y}: không bán được" in match.inner_text()
    assert fits_the_phone(page)
    shot(page, "till-matches-vi-360px")
    add(page, "https://ocop.example/01/08936000000028/10/L2601?17=991231")
    line = page.locator(f"#till-lines .cart-line[data-product='{town['honey']}']")
    assert "lô L2601, hạn 31/12/2099" in line.inner_text()
    add(page, "https://ocop.example/01/08936000000028/10/L2503")
    assert page.inner_text("#till-notice") == (
        f"lô L2503 hết hạn ngày {yesterday:%d/%m/%Y}: không bán được"
    )
    assert line.count() == 1  # an expired lot is never offered
    shot(page, "till-digital-link-vi-360px")
    context.close()


@pytest.mark.parametrize("yymmdd", ["261200", "280200", "991231", "760101", "770101"])
def test_the_till_reads_a_gs1_expiry_as_the_labels_write_it(server, browser, town, yymmdd):
    """Day 00 is the month's last day and the century is GS1's sliding window, as the server
    reads it (web/digital_link.py from_yymmdd)."""
    context, page = open_till(browser, server, town)
    link = f"https://ocop.example/01/08936000000028/10/L1?17={yymmdd}"
    read = page.evaluate(
        "async link => (await import('/static/till-scan.js')).readCode(link).expires_on", link
    )
    assert read == from_yymmdd(yymmdd, date.today()).isoformat()
    context.close()


def test_a_sale_left_waiting_by_one_clerk_is_not_sent_under_another_clerks_session(
    app, server, browser, town
):
    """A phone shared by two clerks: what Lan recorded offline waits for Lan, and is sent
    (once) when Lan signs in again, never under Mai's session."""
    app.extensions["ocop"].register_user("mai", "staff", "a long password", [town["point"]])
    context, page = open_till(browser, server, town)
    context.set_offline(True)
    page.reload()
    add(page, HONEY_GTIN)
    page.click("#till-record")
    page.wait_for_selector(".till-sale.waiting")
    page.close()
    context.set_offline(False)
    context.clear_cookies()  # Lan leaves; Mai signs in on the same phone
    page = context.new_page()
    sign_in(page, server, "mai", "a long password")
    page.goto(f"{server}/counter/{town['point']}/till")
    page.wait_for_selector(".till-sale.waiting .other-clerk")
    page.wait_for_timeout(3_000)  # the queue has been flushed by now
    assert sold(app) == []
    assert page.locator(".till-sale.waiting").count() == 1
    shot(page, "till-other-clerks-sale-vi-360px")
    context.clear_cookies()
    sign_in(page, server, "lan", "a long password")
    page.goto(f"{server}/counter/{town['point']}/till")
    page.wait_for_selector(".till-sale.recorded", timeout=20_000)
    assert len(sold(app)) == 1
    context.close()


def sign_out(page) -> None:
    with page.expect_navigation():
        page.click("body > header form button[type=submit]")


def recorded_by(app) -> list[str]:
    """Who recorded each sale in the store (the id stamped on its Sold event)."""
    market = app.extensions["ocop"]
    return [str(market.mapper.to_domain_event(n).recorded_by) for n in sold(app)]


def test_a_till_kept_for_a_clerk_who_signed_out_does_not_open_offline_for_the_next_clerk(
    app, server, browser, town
):
    """A shared phone: Lan opened the till (kept for offline use) and signed out; Mai signs in
    and loses the signal. Lan's till page is no longer on the phone, so nothing can be sold
    under Lan's name; back online, Mai's own till records under Mai."""
    from playwright.sync_api import Error

    mai = app.extensions["ocop"].register_user("mai", "staff", "a long password", [town["point"]])
    context, page = open_till(browser, server, town)
    sign_out(page)
    sign_in(page, server, "mai", "a long password")
    page.wait_for_url(f"{server}/counter*")
    context.set_offline(True)
    with pytest.raises(Error):
        page.goto(f"{server}/counter/{town['point']}/till")
    context.set_offline(False)
    page.goto(f"{server}/counter/{town['point']}/till")
    page.wait_for_selector("#till-status:has-text('Danh mục hàng')")
    assert "mai" in page.inner_text("#till-clerk")
    add(page, HONEY_GTIN)
    page.click("#till-record")
    page.wait_for_selector(".till-sale.recorded", timeout=20_000)
    assert recorded_by(app) == [mai["id"]]
    context.close()


def test_a_till_left_open_after_its_clerk_signed_out_refuses_to_queue_a_sale(
    app, server, browser, town
):
    """Lan's till stays open in one tab while Lan signs out in another; offline, the till
    refuses to queue a sale under Lan's name and says why, keeping the lines on the screen."""
    context, page = open_till(browser, server, town, "en")
    other = context.new_page()
    other.goto(f"{server}/counter")
    sign_out(other)
    context.set_offline(True)
    add(page, HONEY_GTIN)
    page.click("#till-record")
    page.wait_for_selector("#till-notice.error")
    assert "lan signed out on this phone" in page.inner_text("#till-notice")
    assert page.locator(".till-sale").count() == 0
    assert page.locator("#till-lines .cart-line").count() == 1
    assert fits_the_phone(page)
    shot(page, "till-clerk-signed-out-en-360px")
    context.set_offline(False)
    page.click("#till-record")  # online: the server says the session is over
    page.wait_for_selector("#till-notice.error:has-text('signed out')")
    page.wait_for_timeout(1_000)
    assert page.locator(".till-sale").count() == 0
    assert sold(app) == []
    context.close()
