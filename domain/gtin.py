"""GTINs (mã số mã vạch GS1): the barcodes of trade items, checked as GS1 defines them."""

from domain.errors import InvalidValue

LENGTHS = (8, 12, 13, 14)
"""GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13, Vietnam's 893 prefix) and GTIN-14."""


def check_digit(body: str) -> int:
    """The GS1 check digit of a GTIN's other digits: weights 3 and 1 alternate from the
    right, and the digit brings the sum up to a multiple of ten."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def with_check_digit(body: str) -> str:
    """A GTIN made of ``body`` and its check digit."""
    return body + str(check_digit(body))


def check_gtin(gtin: str) -> None:
    """Refuse a GTIN that is not 8, 12, 13 or 14 ASCII digits or whose last digit is not
    its check digit (a mistyped or misread barcode)."""
    if not (gtin.isascii() and gtin.isdigit() and len(gtin) in LENGTHS):
        raise InvalidValue.because("gtin_length", "gtin")
    expected = check_digit(gtin[:-1])
    if int(gtin[-1]) != expected:
        raise InvalidValue.because("gtin_check_digit", "gtin", expected=expected)


SHORTER_FORMS = (13, 12, 8)


def gtin_14(gtin: str) -> str:
    """The GTIN as 14 digits (GS1's padding with zeros on the left); InvalidValue naming
    ``gtin`` for a wrong length or check digit."""
    check_gtin(gtin)
    return gtin.zfill(14)


def held_forms(gtin: str) -> list[str]:
    """Every way a register may hold one barcode: its 14 digits and, where the padding is all
    zeros, its GTIN-13, -12 and -8 forms (the check digit is the same in each)."""
    full = gtin_14(gtin)
    return [full] + [full[-n:] for n in SHORTER_FORMS if set(full[:-n]) == {"0"}]


def barcode_forms(text: str) -> list[str]:
    """The forms a typed or scanned barcode may be recorded in (``held_forms``); text that is
    not a GTIN is only itself (a search by name or a mistyped code finds no other form)."""
    try:
        return held_forms(text)
    except InvalidValue:
        return [text]
