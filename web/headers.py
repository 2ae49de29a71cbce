"""Security headers on every response, pages and API alike (OWASP secure headers).

The policy allows scripts and styles only from the app's own files (web/static and Swagger UI's
installed assets): an injected ``<script>`` or ``style=`` does nothing, and no other site may
frame a page (the one-tap sale form cannot be clicked through an invisible frame).
"""

from flask import Flask, Response, request

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Swagger UI draws its icons from data: URLs
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(DIRECTIVES)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # page addresses name outlets and products
}
HSTS = "max-age=31536000"
"""A year. Subdomains are not included: they may be other services of the operator."""
CACHEABLE_ENDPOINTS = frozenset({"static", "swagger_assets", "pages.qr_code"})
"""Files that are the same for everybody (a product's QR code too: it says what its public page
says); every other answer may be private or change."""


def register_security_headers(app: Flask, *, https_only: bool) -> None:
    """Add the headers to every response; HSTS only when the app is served over HTTPS (secure
    cookies), since a browser that has seen it refuses plain HTTP to this host for a year."""

    @app.after_request
    def harden(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if https_only:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint not in CACHEABLE_ENDPOINTS or response.status_code >= 400:
            # A signed-in page, a token, a stock level or a refusal: none may be kept by a
            # browser's history or a shared cache, where the next person on a phone finds it.
            response.headers["Cache-Control"] = "no-store"
        return response
