"""An auditor in a real browser: the dashboard's coverage line and one record's history, with
screenshots in test-artifacts/. The town, server and browser come from test_pages.py."""

import pytest

from tests.browser import test_pages as shared

CHROMIUM, shot, sign_in = shared.CHROMIUM, shared.shot, shared.sign_in
browser, server, town = shared.browser, shared.server, shared.town  # fixtures used here

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

PASSWORD = "a long password"


@pytest.fixture
def auditor(app):
    app.extensions["ocop"].register_user("kiem-toan", "auditor", PASSWORD)
    return "kiem-toan"


def test_an_auditor_reads_coverage_over_time_as_a_line_with_a_title_per_point(
    server, browser, auditor
):
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    sign_in(page, server, auditor, PASSWORD)
    page.goto(f"{server}/dashboard?as_of=2025-03-01")
    chart = page.locator("svg.chart.line")
    assert chart.locator("circle.point").count() == 13
    assert chart.locator("polyline.series").count() == 1
    assert chart.locator("circle.point title").last.text_content() == "01/03/2025: 50,0% (1/2)"
    assert "28/02/2025" in chart.inner_html() and "100%" in chart.inner_html()
    page.click("text=Bảng số liệu")
    assert page.locator("#coverage-over-time tr").count() == 14
    chart.scroll_into_view_if_needed()
    shot(page, "dashboard-coverage-over-time")


def test_an_auditor_follows_a_log_row_to_its_history_and_the_state_at_a_version(
    server, browser, auditor, town
):
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    sign_in(page, server, auditor, PASSWORD)
    page.goto(f"{server}/audit?aggregate_type=Product")
    page.locator("#events a.history").first.click()
    page.wait_for_selector("#history")
    assert page.locator("#history tr[data-version]").count() == 2  # registered, then evaluated
    assert "Evaluated" in page.inner_text("#v2 .type")
    shot(page, "auditor-product-history")
    page.click("#v1 a")
    page.wait_for_selector("#state")
    assert page.inner_text("#certificate").strip() == "—"  # not yet evaluated at version 1
    shot(page, "auditor-product-as-of-version-1")
    page.fill("#as_of_version", "zero")
    page.click("#as-of button[type=submit]")
    assert "Phải là số nguyên từ 1 trở lên" in page.inner_text("#as_of_version-error")
    shot(page, "auditor-as-of-bad-version")
