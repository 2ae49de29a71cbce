"""The fingerprint kept with an Idempotency-Key (API request or page form) is a digest keyed by
the app's secret: the request-key store never holds a plain, fast hash of a password."""

import hashlib

from flask import Flask

from web.digest import keyed_digest

SAID = b'POST /api/v1/users/me/password\n{"new_password": "mat-khau-moi"}'


def digest_under(secret: str) -> str:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secret
    with app.app_context():
        return keyed_digest(SAID)


def test_a_fingerprint_is_keyed_by_the_secret_not_a_plain_hash():
    assert digest_under("one") == digest_under("one")
    assert digest_under("one") != digest_under("two")
    assert hashlib.sha256(SAID).hexdigest() not in {digest_under("one"), digest_under("two")}
