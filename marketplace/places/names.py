"""Finding a unit by what a person typed: its code, or its name with or without accents, case
or the type word ("Xã Bát Tràng", "bat trang", "TP Hà Nội"), among the units of one parent."""

import difflib
import re
import unicodedata

from domain.text import fold, vietnamese_order
from marketplace.places.units import Unit

TYPE_WORDS = ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh")
TYPE_WORDS += ("tp", "xa", "tt", "tx", "q", "h", "p")
CODE_WIDTHS = {"province": 2, "district": 3, "commune": 5}
SUGGESTIONS = 5


def plain(text: str) -> str:
    """Folded (no case, no accents), punctuation read as spaces: "TP. Hồ Chí Minh" ->
    "tp ho chi minh"."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def exact(text: str) -> str:
    """Case and spacing ignored, accents kept (tone marks placed either way: Hòa = Hoà)."""
    composed = unicodedata.normalize("NFD", text.casefold())
    return " ".join(unicodedata.normalize("NFC", composed).split())


def without_type_word(typed: str) -> str:
    """The plain name without a leading type word ("xa bat trang" -> "bat trang")."""
    for word in TYPE_WORDS:
        if typed.startswith(word + " "):
            return typed[len(word) + 1 :]
    return typed


def matching(units: list[Unit], typed: str) -> list[Unit]:
    """The units ``typed`` names, most exact reading first: the code; the name with its
    accents; the name without accents; the name without its type word; a former name (a
    commune merged into it before the reform)."""
    typed = typed.strip()
    if typed.isdigit() and units:
        code = typed.zfill(CODE_WIDTHS[units[0].level])
        return [u for u in units if u.code == code]
    alias = without_type_word(plain(typed)).replace(" ", "")
    tiers = (
        lambda u: exact(typed) in (exact(u.name), exact(u.short)),
        lambda u: plain(typed) in (plain(u.name), plain(u.short)),
        lambda u: without_type_word(plain(typed)) == plain(u.short),
        lambda u: alias in u.aliases,
    )
    for tier in tiers:
        if found := [u for u in units if tier(u)]:
            return found
    return []


def nearest(units: list[Unit], typed: str) -> list[Unit]:
    """A few units whose names are nearest to ``typed``: those it begins, then the most
    similar (difflib's ratio on the plain names)."""
    wanted = without_type_word(plain(typed))
    scored = []
    for unit in units:
        short = plain(unit.short)
        ratio = difflib.SequenceMatcher(None, wanted, short).ratio()
        if short.startswith(wanted) and wanted:
            ratio += 1
        if ratio >= 0.5:
            scored.append((-ratio, vietnamese_order(unit.short), unit))
    return [unit for *_, unit in sorted(scored, key=lambda s: s[:2])[:SUGGESTIONS]]
