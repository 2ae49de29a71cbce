"""The pages' scripts still work under the Content-Security-Policy, on a phone and a desktop:
the sale screen's running total and one-tap sale, the receive form, the officer's stars as the
score is typed and the button pressed once, the auditors' pages and the API docs. Any console
message about the Content Security Policy fails the test (the browser refused something)."""

import pytest

from tests.browser import test_pages as shared
from tests.browser.test_pages import CHROMIUM, PHONE, add_line, sign_in

browser, server, town = shared.browser, shared.server, shared.town  # the pages' fixtures

if CHROMIUM is None:
    pytestmark = pytest.mark.skip(reason="Chromium is not installed")

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a long password"
SUBMIT_TWICE = """() => {
  const form = document.getElementById('receive');
  return [1, 2].map(() => {
    const submit = new Event('submit', {cancelable: true});
    form.dispatchEvent(submit);
    return submit.defaultPrevented;
  });
}"""


def watched_page(browser, viewport):
    """A page whose console messages and script errors are kept, to be checked at the end."""
    page = browser.new_page(viewport=viewport)
    page.messages = []
    page.on("console", lambda message: page.messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.messages.append(f"pageerror: {error}"))
    return page


def assert_no_policy_violation(page) -> None:
    refused = [m for m in page.messages if "Content Security Policy" in m or "pageerror" in m]
    assert not refused, refused


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_sale_screen_totals_and_records_a_one_tap_sale_under_the_policy(
    server, browser, town, viewport
):
    page = watched_page(browser, viewport)
    sign_in(page, server, "lan", PASSWORD)
    page.goto(f"{server}/counter/{town['point']}/sale")
    add_line(page, "che bup")
    page.fill("#lines-0-qty", "3")
    assert page.inner_text("#total").replace("\xa0", " ") == "360.000 ₫"  # sale.js ran
    page.click("#submit-sale")
    page.wait_for_selector("text=Đã ghi nhận bán hàng")
    assert_no_policy_violation(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_receive_form_records_once_under_the_policy(server, browser, town, viewport):
    page = watched_page(browser, viewport)
    sign_in(page, server, "lan", PASSWORD)
    page.goto(f"{server}/counter/{town['point']}/receive")
    add_line(page, "Mật ong")
    page.fill("#lines-0-qty", "2")
    assert page.evaluate(SUBMIT_TWICE) == [False, True]  # submit-once.js holds the second back
    page.evaluate("document.getElementById('receive').dataset.sent = ''")
    page.click("#submit-receipt")
    page.wait_for_selector("text=Đã nhập hàng")
    assert_no_policy_violation(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_officer_sees_the_stars_and_records_an_evaluation_once_under_the_policy(
    server, browser, town, app, viewport
):
    app.extensions["ocop"].register_user("thu", "officer", PASSWORD)
    page = watched_page(browser, viewport)
    sign_in(page, server, "thu", PASSWORD)
    page.goto(f"{server}/officers/products/{town['tea']}")
    page.fill("#evaluation-score", "92")
    assert page.locator("#score-stars").inner_text() == "★★★★★"  # score-stars.js ran
    page.fill("#evaluation-certified_on", "2025-03-15")
    page.fill("#evaluation-certificate_no", "125/QĐ-UBND")
    page.click("#record-evaluation")
    page.wait_for_selector("#evaluations tr[data-certificate='125/QĐ-UBND']")
    assert_no_policy_violation(page)


def test_the_styled_pages_and_the_api_docs_load_under_the_policy(server, browser, town, app):
    app.extensions["ocop"].register_user("an", "auditor", PASSWORD)
    page = watched_page(browser, DESKTOP)
    sign_in(page, server, "an", PASSWORD)
    for path in ("/dashboard", "/audit", "/catalogue", f"/audit/history/{town['tea']}"):
        page.goto(f"{server}{path}")
        # The style sheet applied: the header is the programme's green, not the default.
        assert (
            page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
            == "rgb(27, 110, 58)"
        ), path
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "OCOP marketplace" in page.inner_text(".swagger-ui .info .title")
    assert_no_policy_violation(page)
