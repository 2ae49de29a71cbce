"""An officer in a real browser, at 360 px and on a desktop, in Vietnamese and English: finds
an outlet in the list, is told that re-sending its recorded place changes nothing, corrects its
name and place, closes it and reopens it, and sees its open periods and corrections.
Screenshots go to test-artifacts/."""

from datetime import timedelta

import pytest

from marketplace.clock import today
from tests.browser import test_pages as shared
from tests.browser.test_officer_pages import PASSWORD, officer  # noqa: F401
from tests.browser.test_pages import CHROMIUM, PHONE, fits_the_phone, shot, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

DESKTOP = {"width": 1280, "height": 900}


def shots(page, name: str) -> None:
    """A screenshot at 360 px (where nothing may stick out sideways) and one on a desktop."""
    page.set_viewport_size(PHONE)
    assert fits_the_phone(page), name
    shot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    shot(page, f"{name}-desktop")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_officer_corrects_an_outlet_closes_it_and_reopens_it(server, browser, officer, language):  # noqa: F811
    page = browser.new_page(viewport=DESKTOP)
    sign_in(page, server, officer, PASSWORD)
    if language == "en":
        page.goto(f"{server}/language/en")
    page.goto(f"{server}/officers/outlets")
    page.fill("#q", "brg mart")
    page.click("#filters button[type=submit]")
    page.click("#outlets a.outlet")
    assert page.locator("h1").inner_text() == "BRG Mart Gia Lâm"
    page.click("#correct-outlet")
    assert page.input_value("#commune") == "Trâu Quỳ"
    page.fill("#district", "")
    page.fill("#commune", "Gia Lâm")  # the 2025 ward Trâu Quỳ became: the place recorded
    page.click("#record-correction")
    error = page.locator('p.error[data-for="name"]').inner_text()
    assert error.startswith("Nothing to change" if language == "en" else "Không có gì để sửa")
    shots(page, f"outlet-correction-nothing-to-change-{language}")

    page.fill("#name", "BRG Mart Bát Tràng")
    page.fill("#district", "")
    page.fill("#commune", "Bát Tràng")
    page.fill("#reason", "Chuyển địa điểm")
    page.click("#record-correction")
    page.wait_for_selector("form#closure")
    assert page.locator("h1").inner_text() == "BRG Mart Bát Tràng"
    assert page.locator("#place").inner_text() == "Bát Tràng, Hà Nội"
    assert "Chuyển địa điểm" in page.locator("#corrections").inner_text()

    page.fill("#closure-closed_on", (today() - timedelta(days=5)).isoformat())
    page.click("#record-closure")
    page.wait_for_selector("form#reopening")
    page.click("#record-reopening")  # today, as the form offers
    page.wait_for_selector("form#closure")
    assert page.locator("#periods tr[data-opened]").count() == 2
    assert page.locator("#status").get_attribute("class") == "status-open"
    shots(page, f"outlet-reopened-{language}")
