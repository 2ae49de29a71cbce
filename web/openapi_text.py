"""Domain rules on what people type, written as JSON Schema patterns for the document:
domain/text.py's rule for a text, and domain/values.py's calendar for a day or a moment.

tests/unit/test_text_pattern.py proves the patterns and the rules agree.
"""

import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache

from domain.text import ALLOWED_CONTROLS, BLANK_LETTERS, INVISIBLE_CATEGORIES


def text_pattern(*, required: bool) -> str:
    """domain/text.py's rule for a typed text as a JSON Schema pattern: no control character
    and, if required, at least one character that shows."""
    controls, blanks = _text_classes()
    if not required:
        return f"^[^{controls}]*$"
    return f"^[^{controls}]*[^{controls}{blanks}][^{controls}]*$"


@cache
def _text_classes() -> tuple[str, str]:
    """The refused and the invisible characters as regex classes, read from this Python's
    Unicode tables once per process (a scan of the BMP takes a few milliseconds).

    The BMP only: schemathesis's JSON Schema engine rewrites a pattern with a character
    beyond it into one it then refuses, so the few invisible characters there (tag and
    musical-notation format characters) are refused by the schema but not named here.
    """
    controls, blanks = [], []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # lone surrogates cannot be written in a pattern; the schema refuses them
        character = chr(code)
        category = unicodedata.category(character)
        if category == "Cc" and character not in ALLOWED_CONTROLS:
            controls.append(code)
        elif character.isspace() or category in INVISIBLE_CATEGORIES or character in BLANK_LETTERS:
            blanks.append(code)
    return _regex_class(controls), _regex_class(blanks)


def _regex_class(codes: list[int]) -> str:
    """\\uXXXX escapes, read alike by Python's re, ECMA 262 and Rust's regex."""
    return "".join(
        f"\\u{first:04X}" if first == last else f"\\u{first:04X}-\\u{last:04X}"
        for first, last in _runs(codes)
    )


def _runs(codes: list[int]) -> Iterator[tuple[int, int]]:
    first = last = codes[0]
    for code in codes[1:]:
        if code != last + 1:
            yield first, last
            first = code
        last = code
    yield first, last


def calendar_pattern(first: date, last: date, *, moment: bool) -> str:
    """Days (or moments, whose day is read as written) from ``first`` to ``last``, which must
    span whole centuries, e.g. 1900-01-01 to 2199-12-31: "^(?:19|20|21)\\d\\d-..."."""
    starts = (first.month, first.day, first.year % 100) == (1, 1, 0)
    ends = (last.month, last.day, last.year % 100) == (12, 31, 99)
    if not (starts and ends):
        raise ValueError("the calendar must span whole centuries")
    centuries = "|".join(f"{c:02d}" for c in range(first.year // 100, last.year // 100 + 1))
    rest = r"\d\d-\d\dT" if moment else r"\d\d-\d\d$"
    return rf"^(?:{centuries})\d\d-{rest}"
