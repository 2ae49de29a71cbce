"""Server-rendered pages for people (Jinja2): same application commands and projection queries
as the API, in Vietnamese (default) or English."""

from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from web.pages import (  # noqa: F401  (each module adds its routes to bp)
    auditors,
    catalogue,
    counter,
    counter_corrections,
    counter_lines,
    counter_lots,
    counter_receipt,
    counter_transit,
    dashboard,
    evidence,
    imports,
    labels,
    officer_edits,
    officer_outlets,
    officers,
    own_password,
    resolver,
    routes,
    shelf,
    till,
    user_pages,
    users,
)
from web.pages.blueprint import bp
from web.pages.i18n import compile_translations, select_locale, template_helpers
from web.pages.nav import nav_links

csrf = CSRFProtect()


def register_pages(app: Flask, secure_cookies: bool) -> None:
    """Mount the pages, with sessions, CSRF protection on every form, and two languages."""
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_TRANSLATION_DIRECTORIES=str(compile_translations()),
        WTF_CSRF_TIME_LIMIT=None,  # tied to the session instead
    )
    Babel(app, locale_selector=select_locale)
    csrf.init_app(app)
    app.jinja_env.globals.update(template_helpers(), nav_links=nav_links)
    app.register_blueprint(bp)
    for api_view in [
        name for name in app.view_functions if "." in name and not name.startswith("pages.")
    ]:
        csrf.exempt(app.view_functions[api_view])  # the JSON API uses bearer tokens, not cookies
