"""A refused command is told on the pages in the chosen language, with its numbers kept."""

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
    refused = InsufficientStock("product 1234: asked for 5, 2 sellable on hand", field="qty")
    with app.test_request_context(f"/?lang={lang}"):
        assert refusal_text(refused) == expected


def test_an_unknown_refusal_is_shown_as_worded_rather_than_hidden(app):
    with app.test_request_context("/?lang=vi"):
        assert refusal_text(RuleConflict("something new", "x")) == "something new"
