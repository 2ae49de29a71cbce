"""An auditor in a real browser: the dashboard's coverage line and one record's history, with
screenshots in test-artifacts/. The town, server and browser come from test_pages.py."""

from uuid import UUID

import pytest

from marketplace.clock import today as vietnam_today
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


@pytest.fixture
def a_return(app, town):
    """The staff member "lan" sells two boxes of tea at the OCOP point and takes one back."""
    from domain.user import user_id_for
    from marketplace.messages import ReturnSale

    market = app.extensions["ocop"]
    lan = market.principal(user_id_for("lan"))
    line = {"product_id": town["tea"], "qty": 2, "unit_price_vnd": 120_000}
    sale = market.sell(town["point"], [line], actor=lan)
    back = [{"product_id": town["tea"], "qty": 1}]
    market.execute(ReturnSale(town["point"], UUID(sale["id"]), back, "vỡ hộp"), lan)
    return town


@pytest.mark.parametrize(
    "lang, kind, says",
    [
        ("vi", "Khách đã trả hàng", "Không có người dùng nào tên"),
        ("en", "Sale returned", "No user"),
    ],
)
def test_an_auditor_on_a_phone_filters_the_log_by_a_clerk_a_day_and_a_kind(
    server, browser, auditor, a_return, lang, kind, says
):
    page = browser.new_page(viewport=shared.PHONE)
    sign_in(page, server, auditor, PASSWORD)
    page.goto(f"{server}/language/{lang}")  # kept in the session, as the header's switch does
    page.goto(f"{server}/audit")
    assert shared.fits_the_phone(page)
    shot(page, f"auditor-log-phone-{lang}")
    page.select_option("#type", label=kind)
    page.fill("#user", "lan")
    today = vietnam_today()
    page.fill("#from", f"{today:%d/%m/%Y}" if lang == "vi" else f"{today.day} {today:%b %Y}")
    page.click("#log-filters button[type=submit]")
    page.wait_for_selector("#events")
    cards = page.locator("#events td.kind")
    assert cards.count() == 1 and kind in cards.first.inner_text()
    assert page.inner_text("#events td.who").strip() == "lan"
    assert shared.fits_the_phone(page)
    shot(page, f"auditor-log-phone-filtered-{lang}")
    page.fill("#user", "không-ai")
    page.click("#log-filters button[type=submit]")
    assert says in page.inner_text("#user-error")
    assert shared.fits_the_phone(page)
    shot(page, f"auditor-log-phone-no-such-user-{lang}")


def test_an_outlets_state_names_its_products_on_a_phone(server, browser, auditor, town):
    page = browser.new_page(viewport=shared.PHONE)
    sign_in(page, server, auditor, PASSWORD)
    page.goto(f"{server}/audit/outlets/{town['point']}/as-of?as_of_version=2")
    assert "Chè búp Tân Cương" in page.inner_text("#stock")
    assert shared.fits_the_phone(page)
    shot(page, "auditor-outlet-as-of-names-phone")
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{server}/audit?lang=en")
    shot(page, "auditor-log-desktop-en")
