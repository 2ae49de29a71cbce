"""An officer in a real browser: registers a producer and its product, records an evaluation
(seeing the stars the score earns as it is typed), is told beside the field when the stars
disagree, and finds the product in the catalogue. Screenshots go to test-artifacts/."""

import pytest

from tests.browser import test_pages as shared
from tests.browser.test_pages import CHROMIUM, shot, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

PASSWORD = "a long password"


@pytest.fixture
def officer(app):
    app.extensions["ocop"].register_user("thu", "officer", PASSWORD)
    return "thu"


def register_product(page, server: str) -> None:
    """Through the register: a new producer, then its first product."""
    page.goto(f"{server}/officers")
    page.click("#new-producer")
    page.fill("#name", "HTX Mật ong Ba Vì")
    page.select_option("#kind", "cooperative")
    page.fill("#province", "Hà Nội")
    page.fill("#district", "Ba Vì")
    page.fill("#commune", "Ba Trại")
    page.fill("#registration_no", "0109988776")
    page.click("#producer button[type=submit]")
    page.wait_for_selector("form#product")
    page.fill("#name", "Mật ong rừng Ba Vì")
    page.select_option("#group", "2023:food")
    page.fill("#unit", "chai 500ml")
    page.fill("#price_vnd", "250.000")
    page.fill("#gtin", "8934567000017")
    page.click("#product button[type=submit]")
    page.wait_for_selector("form#evaluation")


def test_an_officer_registers_a_product_and_records_its_evaluation(server, browser, officer):
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    sign_in(page, server, officer, PASSWORD)
    register_product(page, server)
    assert page.locator("h1").inner_text() == "Mật ong rừng Ba Vì"
    assert "250.000" in page.locator("main").inner_text()
    shot(page, "officer-product-registered")

    page.fill("#evaluation-score", "75")
    page.select_option("#evaluation-stars", "3")
    page.fill("#evaluation-certified_on", "2025-03-15")
    page.fill("#evaluation-certificate_no", "125/QĐ-UBND")
    page.click("#record-evaluation")
    error = page.locator('p.error[data-for="evaluation-stars"]')
    assert error.inner_text() == "Điểm 75 tương ứng 4 sao, không phải 3 sao"
    assert page.locator("#evaluations tr[data-certificate]").count() == 0
    shot(page, "officer-evaluation-refused-beside-the-stars")

    page.fill("#evaluation-score", "92")
    assert page.locator("#score-stars").inner_text() == "★★★★★"
    page.select_option("#evaluation-stars", "")
    page.dblclick("#record-evaluation")  # a double click records once
    page.wait_for_selector("#evaluations tr[data-certificate]")
    rows = page.locator("#evaluations tr[data-certificate]")
    assert rows.count() == 1
    assert "15/03/2025" in rows.first.inner_text() and "★★★★★" in rows.first.inner_text()
    assert "★★★★★" in page.locator("#certificate").inner_text()
    shot(page, "officer-evaluation-recorded")

    page.goto(f"{server}/catalogue?q=mật+ong+rừng")
    row = page.locator("#catalogue tr[data-product]")
    assert row.count() == 1 and "★★★★★" in row.inner_text()
    shot(page, "catalogue-filtered")
    row.locator("a.public-link").click()
    assert "Mật ong rừng Ba Vì" in page.locator("h1").inner_text()


def test_staff_on_a_phone_browse_the_catalogue_but_not_the_registers(server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    sign_in(page, server, "lan", PASSWORD)
    page.click("header >> text=Danh mục sản phẩm")
    page.select_option("#stars", "4")
    page.click("#filters button[type=submit]")
    names = page.locator("#catalogue tr[data-product] td:first-child").all_inner_texts()
    assert any("Chè búp Tân Cương" in name for name in names)
    assert page.locator("header >> text=Sổ đăng ký").count() == 0
    shot(page, "catalogue-phone")
    assert page.goto(f"{server}/officers").status == 403


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_unknown_province_is_said_beside_it_with_the_nearest_names(
    server, browser, officer, width, language
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    sign_in(page, server, officer, PASSWORD)
    if language == "en":
        page.goto(f"{server}/language/en")
    page.goto(f"{server}/officers/producers/new")
    assert page.locator("datalist#provinces option").count() == 34
    page.fill("#name", "HTX Atlantis")
    page.select_option("#kind", "cooperative")
    page.fill("#province", "Atlantis")
    page.fill("#commune", "Bát Tràng")
    page.click("#producer button[type=submit]")
    error = page.locator('p.error[data-for="province"]').inner_text()
    assert error.startswith("Không có đơn vị" if language == "vi" else "No unit")
    shot(page, f"officer-unknown-province-{language}-{width}")
