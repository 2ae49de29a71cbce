"""The fingerprint of a request or a form under an Idempotency-Key: a keyed digest.

Keyed (HMAC-SHA256 under the app's secret key), not a plain SHA-256: what is digested may hold a
password, and the request-key store must not keep a fast, unsalted hash of one beside argon2's
slow one."""

import hmac

from flask import current_app


def keyed_digest(data: bytes) -> str:
    """HMAC-SHA256 of ``data`` under the app's secret key, in hex."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), data, "sha256").hexdigest()
