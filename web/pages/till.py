"""The till (máy bán hàng) on a phone: a sale screen that runs in the browser from a cached
catalogue of the outlet's stock, and keeps recording while the signal is gone.

The page sells through the JSON API (POST /api/v1/outlets/{id}/sales with an Idempotency-Key
made on the phone), so the rules stay on the server. It gets its bearer token from
``till_token``: a POST of the signed-in page session carrying the page's CSRF token, answered
with a token of that same session (signing out ends it). A bearer token is never sent by the
browser on its own, so another site cannot use it the way it could use a cookie.

The service worker and the manifest are served from the root so that the worker's scope covers
the till; static/till-sw.js says what it keeps.
"""

from pathlib import Path
from uuid import UUID

from flask import current_app, g, jsonify, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import generate_csrf

from web.auth import token_of_page_session
from web.headers import CONTENT_SECURITY_POLICY
from web.pages.blueprint import bp, outlet_or_404
from web.pages.counter import works_here
from web.pages.refusals import TEXTS as REFUSALS
from web.pages.session import page
from web.pages.till_texts import ADVICE, TEXTS

# zxing-wasm compiles its WebAssembly in the page (the till, and the receive screen's camera);
# nothing else is loosened.
TILL_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)
_ANY_SALE = UUID(int=0)
"""Stands for a recorded sale's id in the receipt address handed to the script."""


@bp.get("/counter/<uuid:outlet_id>/till")
@page(works_here)
def till(outlet_id: UUID):
    """The till: search, scan, lines, total, paid and change, and the sales waiting to send."""
    outlet = outlet_or_404(outlet_id)
    page_html = render_template("till.html", outlet=outlet, config=_script_config(outlet_id))
    return page_html, {"Content-Security-Policy": TILL_POLICY}


def _script_config(outlet_id: UUID) -> dict:
    """What the till's script needs: addresses, the CSRF token of its token request, the
    language, and the words (labels, refusals, advice) in that language."""
    return {
        "outlet": str(outlet_id),
        "clerk": session["user_id"],  # a queued sale is sent only under its clerk's session
        "clerk_name": g.principal.username,
        "locale": "vi-VN" if str(get_locale()) == "vi" else "en-US",
        "catalogue": url_for("till.till", outlet_id=outlet_id),
        "sales": url_for("outlets.sell", outlet_id=outlet_id),
        "token": url_for("pages.till_token", outlet_id=outlet_id),
        "receipt": url_for("pages.sale_receipt_page", outlet_id=outlet_id, sale_id=_ANY_SALE),
        "receipt_placeholder": str(_ANY_SALE),
        "csrf": generate_csrf(),
        "worker": url_for("pages.till_service_worker"),
        "vendor": url_for("static", filename="vendor/barcode-detector/"),
        "texts": {key: str(text) for key, text in TEXTS.items()},
        "refusals": {key: str(text) for key, text in REFUSALS.items()},
        "advice": {key: str(text) for key, text in ADVICE.items()},
    }


@bp.post("/counter/<uuid:outlet_id>/till/token")
@page(works_here)
def till_token(outlet_id: UUID):
    """A bearer token of this page session for the till's API calls (CSRF-checked POST)."""
    claims = {"uid": session["user_id"], "sid": session["sid"], "gen": session["gen"]}
    return jsonify(
        user_id=session["user_id"],
        token=token_of_page_session(claims),
        expires_in=current_app.config["TOKEN_TTL_SECONDS"],
    )


@bp.get("/till-sw.js")
def till_service_worker():
    """The service worker, from the root so that its scope covers the till page."""
    # Read whole (a few kB), not streamed: an unread answer then leaves no file open.
    script = (Path(current_app.static_folder) / "till-sw.js").read_bytes()
    return script, {"Content-Type": "text/javascript; charset=utf-8"}


@bp.get("/manifest.webmanifest")
def manifest():
    """The installable app: it opens on the counter (the outlets of the signed-in clerk)."""
    body = {
        "name": str(_l("OCOP · Quầy bán")),
        "short_name": "OCOP",
        "start_url": url_for("pages.counter"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1b5e20",
        "icons": [
            {
                "src": url_for("static", filename="favicon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            }
        ],
    }
    response = jsonify(body)
    response.headers["Content-Type"] = "application/manifest+json"
    return response
