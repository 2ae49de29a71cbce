"""Where a page may send someone next: only a path on this site (no open redirect)."""

import unicodedata
from urllib.parse import urlsplit

from flask import request


def same_site_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None.

    A browser reads ``//host``, ``/\\host`` and ``\\\\host`` as another site, and drops tabs
    and newlines before reading (``/<tab>/host`` becomes ``//host``), so anything with a
    backslash, a control character or white space is refused rather than cleaned."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(_invisible(c) for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def referring_path() -> str | None:
    """The path of the page that linked here, if that page is on this site."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("http", "https") or parts.netloc != request.host:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return same_site_path(path)


def _invisible(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")
