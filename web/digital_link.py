"""GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax) for the QR codes on packages.

A product with a GTIN is ``{base}/01/{GTIN-14}``; a lot of it adds the batch/lot key qualifier
and, when the lot has an expiry, the expiration date data attribute:
``{base}/01/{GTIN-14}/10/{lot}?17=YYMMDD``. The GTIN is written with 14 digits (GTIN-8, -12 and
-13 padded with zeros on the left, as the standard asks) and the lot is percent-encoded.
Pure functions: no Flask, no store.
"""

import calendar
from datetime import date
from urllib.parse import parse_qs, quote, unquote, urlsplit

from domain.gtin import gtin_14

GTIN_AI, LOT_AI, EXPIRY_AI = "01", "10", "17"


def yymmdd(day: date) -> str:
    """A date as GS1 writes it in AI (17)."""
    return day.strftime("%y%m%d")


def from_yymmdd(text: str, today: date) -> date:
    """A GS1 YYMMDD date: the century is the one that puts the year within 49 years back and
    50 ahead of ``today`` (GS1 General Specifications, 7.12), and day 00 is the month's last day.
    ValueError when it is not such a date."""
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise ValueError("not six digits YYMMDD")
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    century = today.year - today.year % 100
    difference = yy - today.year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    year = century + yy
    if day == 0 and 1 <= month <= 12:
        day = calendar.monthrange(year, month)[1]
    return date(year, month, day)


def digital_link(
    base: str, gtin: str, lot: str | None = None, expires_on: date | None = None
) -> str:
    """The GS1 Digital Link URI of a GTIN, or of a lot of it (with its expiry if known)."""
    uri = f"{base.rstrip('/')}/{GTIN_AI}/{gtin_14(gtin)}"
    if lot:
        uri += f"/{LOT_AI}/{quote(lot, safe='')}"
        if expires_on is not None:
            uri += f"?{EXPIRY_AI}={yymmdd(expires_on)}"
    return uri


def read_link(text: str, today: date) -> tuple[str, str | None, date | None] | None:
    """What a scanned GS1 Digital Link URI says: its GTIN as written, its lot and its expiry
    (None when absent or not a YYMMDD day), or None when the text is no such URI. The inverse
    of ``digital_link``, for any host (a label printed by another server reads the same)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https"):
        return None
    path = [unquote(part) for part in parts.path.split("/")]
    if GTIN_AI not in path:
        return None
    at = path.index(GTIN_AI)
    gtin = path[at + 1] if at + 1 < len(path) else ""
    if not (gtin.isascii() and gtin.isdigit()):
        return None
    lot = path[at + 3] if path[at + 2 : at + 3] == [LOT_AI] and at + 3 < len(path) else None
    printed = parse_qs(parts.query).get(EXPIRY_AI, [None])[0]
    try:
        expires = from_yymmdd(printed, today) if printed else None
    except ValueError:
        expires = None
    return gtin, lot or None, expires
