"""A refused command is told on the pages in the chosen language, with its numbers kept."""

import re

import pytest

from domain.errors import InsufficientStock, RuleConflict
from web.pages.refusals import refusal_text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Không đủ hàng: cần 5, chỉ còn 2 có thể bán"),
        ("en", "Not enough stock: asked for 5, only 2 can be sold"),
    ],
)
def test_a_stock_refusal_is_told_in_the_page_language_with_its_numbers(app, lang, expected):
    refused = InsufficientStock.because(
        "insufficient_stock", "qty", product="1234", wanted=5, sellable=2
    )
    with app.test_request_context(f"/?lang={lang}"):
        assert refusal_text(refused) == expected


def test_a_refusal_without_a_reason_is_shown_as_worded_after_not_recorded_rather_than_hidden(app):
    for lang, expected in (
        ("vi", "Không ghi được: something new"),
        ("en", "Not recorded: something new"),
    ):
        with app.test_request_context(f"/?lang={lang}"):
            assert refusal_text(RuleConflict("something new", "x")) == expected


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_every_reason_has_a_vietnamese_and_an_english_text_with_the_same_values(app):
    from domain.refusals import ENGLISH
    from web.pages.i18n import catalogue
    from web.pages.refusals import TEXTS

    english = {m.id: m.string for m in catalogue("en") if m.id}
    assert sorted(set(ENGLISH) - set(TEXTS)) == [], "reasons with no Vietnamese text"
    assert sorted(set(TEXTS) - set(ENGLISH)) == [], "texts of reasons that no longer exist"
    for reason, template in ENGLISH.items():
        with app.test_request_context("/?lang=vi"):
            vietnamese = str(TEXTS[reason])  # the source text: the English catalogue's msgid
        assert english.get(vietnamese), f"{reason}: no English text for {vietnamese!r}"
        wanted = set(re.findall(r"{(\w+)}", template))
        assert placeholders(vietnamese) <= wanted, reason
        assert placeholders(english[vietnamese]) == placeholders(vietnamese), reason


def test_every_reason_is_told_in_both_languages_with_its_values(app):
    from domain.refusals import ENGLISH

    for reason, template in ENGLISH.items():
        params = {name: f"<{name}>" for name in re.findall(r"{(\w+)}", template)}
        refused = RuleConflict.because(reason, "x", **params)
        for lang in ("vi", "en"):
            with app.test_request_context(f"/?lang={lang}"):
                told = refusal_text(refused)
            assert "Không ghi được" not in told and "Not recorded" not in told, (reason, lang)
            assert "%(" not in told, (reason, lang, told)


def test_the_shelf_says_in_vietnamese_that_a_product_is_already_listed(market):
    from tests.e2e.test_relisting_http import page_sign_in

    page_sign_in(market.client, "admin")
    shelf = f"/shelf/{market.supermarket_id}"
    form = market.client.get(shelf).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = {"csrf_token": token, "product_id": market.product_id, "action": "list"}
    page = market.client.post(shelf, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Không ghi được: Sản phẩm đã được niêm yết ở đây" in page
    assert "already listed" not in page
