"""An officer corrects a product and a producer in a real browser, at 360 px and on a desktop,
in Vietnamese and English: the form is prefilled, a refusal is said beside its field, and the
correction is listed with why and who. Screenshots go to test-artifacts/."""

import pytest

from tests.browser import test_pages as shared
from tests.browser.test_officer_pages import PASSWORD, officer, register_product  # noqa: F401
from tests.browser.test_pages import CHROMIUM, shot, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

SIZES = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_officer_corrects_a_product_and_its_producer(server, browser, officer, language):  # noqa: F811
    page = browser.new_page(viewport=SIZES["desktop"])
    sign_in(page, server, officer, PASSWORD)
    if language == "en":
        page.goto(f"{server}/language/en")
    register_product(page, server)
    page.click("#correct-product")
    assert page.input_value("#name") == "Mật ong rừng Ba Vì"
    page.click("#record-correction")
    error = page.locator('p.error[data-for="name"]').inner_text()
    assert error.startswith("Nothing to change" if language == "en" else "Không có gì để sửa")
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        shot(page, f"correction-product-refused-{size}-{language}")
    page.fill("#name", "Mật ong rừng Ba Vì loại 1")
    page.fill("#price_vnd", "275.000")
    page.fill("#reason", "Giá niêm yết mới")
    page.click("#record-correction")
    page.wait_for_selector("form#evaluation")
    assert page.locator("h1").inner_text() == "Mật ong rừng Ba Vì loại 1"
    page.click("#correct-product")
    page.wait_for_selector("#corrections tr[data-version]")
    rows = page.locator("#corrections tr[data-version]")
    assert rows.count() == 1 and "Giá niêm yết mới" in rows.first.inner_text()
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        shot(page, f"correction-product-listed-{size}-{language}")
    page.goto(f"{server}/officers")
    page.click('tr:has-text("HTX Mật ong Ba Vì") a.correct-producer')
    page.fill("#commune", "Vân Hòa")  # an old commune: recorded as the 2025 one it joined
    page.fill("#reason", "Chuyển trụ sở")
    page.click("#record-correction")
    page.wait_for_selector("#corrections tr[data-version]")
    assert "Yên Bài" in page.locator("#corrections").inner_text()
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        shot(page, f"correction-producer-moved-{size}-{language}")
