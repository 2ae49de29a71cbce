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
