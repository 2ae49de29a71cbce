"""The Flask application factory: the JSON API, its OpenAPI page and error handling."""

import os
from collections.abc import Mapping
from typing import Any

import swagger_ui_bundle
from flask import Flask, send_from_directory
from werkzeug.middleware.proxy_fix import ProxyFix

from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.errors import StoreNotInitialised
from marketplace.read_store import build_read_models
from web.api import register_api
from web.application import install
from web.errors import register_error_handlers
from web.headers import register_security_headers
from web.observability import register_observability
from web.openapi import ContractApi
from web.pages import register_pages
from web.read import register_lag_header

SWAGGER_ASSETS = "/api/docs/assets/"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; ``test_config`` overrides ``OCOP_*`` environment settings."""
    settings = Settings.from_env({**os.environ, **(test_config or {})})
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        TOKEN_TTL_SECONDS=settings.token_ttl_seconds,
        API_TITLE="OCOP marketplace",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_ASSETS,
        API_SPEC_OPTIONS={"security": [{"bearerAuth": []}]},
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,  # a bigger body answers 413
        OCOP_PUBLIC_URL=settings.public_url,  # the host of the QR codes (web/pages/labels.py)
    )
    app.json.ensure_ascii = False  # Vietnamese names as UTF-8, not \u escapes
    marketplace = Marketplace.from_settings(settings)
    if not settings.create_tables:
        try:
            marketplace.check_store()
        except StoreNotInitialised:
            marketplace.close()
            raise
    install(app, marketplace, build_read_models(marketplace, settings))
    register_api(ContractApi(app))
    register_error_handlers(app)  # after Api(), which installs its own HTTP error handler
    register_lag_header(app)
    register_observability(app, metrics_token=settings.metrics_token)
    register_pages(app, secure_cookies=settings.secure_cookies)
    register_security_headers(app, https_only=settings.secure_cookies)
    _register_pages(app)
    if settings.trusted_proxies:
        # Only then is X-Forwarded-For believed (the last N hops): the client address that
        # sign-in throttling counts must not be chosen by the client.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    return app


def _register_pages(app: Flask) -> None:
    @app.get("/favicon.ico")
    def favicon():
        """Browsers ask every site for this path: the same icon the pages name."""
        return send_from_directory(app.static_folder or "static", "favicon.svg")

    @app.get(f"{SWAGGER_ASSETS}<path:filename>")
    def swagger_assets(filename: str):
        """Serve Swagger UI from the installed package: no page loads from the internet."""
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)
