"""The OpenAPI document's patterns say what domain/text.py and domain/values.py accept."""

import re
from datetime import date

import pytest

from domain.errors import InvalidValue
from domain.text import checked_text
from domain.values import EARLIEST_DAY, LATEST_DAY, check_in_calendar
from web.openapi_text import calendar_pattern, text_pattern

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


@pytest.mark.parametrize("moment", [False, True])
@pytest.mark.parametrize(
    "day",
    [
        "0001-01-01",
        "1899-12-31",
        "1900-01-01",
        "2026-07-01",
        "2199-12-31",
        "2200-01-01",
        "9999-12-31",
    ],
)
def test_calendar_pattern_accepts_a_day_exactly_when_the_domain_does(day, moment):
    written = f"{day}T23:59:59-01:00" if moment else day
    pattern = re.compile(calendar_pattern(EARLIEST_DAY, LATEST_DAY, moment=moment))
    try:
        check_in_calendar(date.fromisoformat(day), "day")
        in_calendar = True
    except InvalidValue:
        in_calendar = False

    assert bool(pattern.match(written)) == in_calendar
