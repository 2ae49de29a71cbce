"""Texts people type: which characters a recorded text may hold, and how searches compare texts.

A control character (a NUL byte, an escape, a bell) is never part of a name, a place, a lot code
or a note: it cannot be stored in a PostgreSQL text column, breaks exports and pages, and is
invisible to the person reading the record. Tab and newline are kept (a note may have lines).
A value that is required must show something: only spaces, zero-width or direction marks is empty.
"""

import unicodedata

from domain.errors import InvalidValue

ALLOWED_CONTROLS = frozenset("\t\n")
INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp"})
"""Format characters (zero-width space and joiners, direction marks, BOM) and separators."""
BLANK_LETTERS = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800"
    "\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
"""Characters of other categories that render as nothing: Hangul fillers, the blank Braille
pattern, and Unicode's default-ignorable marks (the combining grapheme joiner, Khmer inherent
vowels, Mongolian and other variation selectors)."""


def text_problem(value: str) -> str | None:
    """Why a typed text cannot be recorded (a reason of domain/refusals.py), or None."""
    for character in value:
        category = unicodedata.category(character)
        if category == "Cc" and character not in ALLOWED_CONTROLS:
            return "control_characters"
        if category == "Cs":
            return "unpaired_surrogates"
    return None


def has_unpaired_surrogate(value: str) -> bool:
    """True if the text holds half of a UTF-16 surrogate pair (JSON's "\\ud800"): it cannot be
    written as UTF-8, so it cannot be stored, logged or even echoed back in an answer."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def is_blank(value: str) -> bool:
    """True if the text shows nothing: only whitespace and invisible characters."""
    return all(
        c.isspace() or c in BLANK_LETTERS or unicodedata.category(c) in INVISIBLE_CATEGORIES
        for c in value
    )


def checked_text(value: str | None, field: str, *, required: bool = True) -> str | None:
    """The text as it will be recorded (CRLF read as a newline, ends stripped), refusing
    control characters and, where a value is required, a text that shows nothing.

    An optional text that shows nothing is None.
    """
    value = (value or "").replace("\r\n", "\n")
    if problem := text_problem(value):
        raise InvalidValue.because(problem, field)
    if is_blank(value):
        if required:
            raise InvalidValue.because("empty", field)
        return None
    return value.strip()


def fold(text: str) -> str:
    """Text without case or Vietnamese accents, for searching: "mat ong" finds "Mật ong" and
    "dac san" finds "Đặc sản" (đ is a letter of its own, not d with an accent, so it is
    mapped by hand). Control characters are dropped: no recorded text holds one, and a
    search must not carry one to the database."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) and not _control(c)
    ).strip()


def _control(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cs") and character not in ALLOWED_CONTROLS


def matches(wanted: str, text: str | None) -> bool:
    """The one search rule: ``text`` holds ``wanted``, ignoring case and accents."""
    return text is not None and fold(wanted) in fold(text)


LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}
"""Marks that make letters of their own, in alphabet order: ă after a, â after ă (breve,
circumflex), ơ after ô and ư after u (horn)."""
TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
"""The tones after the level tone (ngang), in the common order: huyền, sắc, hỏi, ngã, nặng."""


def vietnamese_order(text: str) -> tuple:
    """A sort key that puts names in Vietnamese dictionary order (thứ tự từ điển), not code
    points: "Đ" after every "D…", "ă" and "â" after "a", and tones only break ties between
    otherwise equal names, in the order a à á ả ã ạ. Case is ignored, then breaks ties."""
    letters: list[tuple[str, int]] = []
    tones: list[int] = []
    for character in unicodedata.normalize("NFD", text.casefold()):
        if character in LETTER_MARKS and letters:
            letters[-1] = (letters[-1][0], LETTER_MARKS[character])
        elif character in TONE_MARKS and tones:
            tones[-1] = TONE_MARKS[character]
        elif not unicodedata.combining(character):
            letters.append(("d", 1) if character == "đ" else (character, 0))
            tones.append(0)
    return tuple(letters), tuple(tones), text
