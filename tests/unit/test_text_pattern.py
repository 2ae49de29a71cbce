"""The OpenAPI document's pattern for a typed text says what domain/text.py accepts."""

import re

import pytest

from domain.errors import InvalidValue
from domain.text import checked_text
from web.openapi_text import text_pattern

SURROGATES = range(0xD800, 0xE000)


def _accepted(value: str, *, required: bool) -> bool:
    try:
        checked_text(value, "name", required=required)
    except InvalidValue:
        return False
    return True


@pytest.mark.parametrize("required", [True, False])
def test_text_pattern_accepts_each_character_exactly_when_the_domain_does(required):
    pattern = re.compile(text_pattern(required=required))
    disagree = [
        hex(code)
        for code in range(0x10000)
        if code not in SURROGATES
        and bool(pattern.fullmatch(chr(code))) != _accepted(chr(code), required=required)
    ]

    assert disagree == []


@pytest.mark.parametrize(
    "value",
    [
        "Chè Tân Cương",
        " x ",
        "a\nb",
        "\t",
        "\u200b",
        "\u3164",
        "x\u0000",
        "\u2800 \u200b",
        "",
        "🍵",
    ],
)
def test_required_text_pattern_agrees_with_the_domain_on_whole_texts(value):
    pattern = re.compile(text_pattern(required=True))

    assert bool(pattern.fullmatch(value)) == _accepted(value, required=True)
