"""Server-rendered pages for people (Jinja2): same application commands and projection queries
as the API, in Vietnamese (default) or English."""

from flask import Flask, flash, redirect, request, url_for
from flask_babel import Babel
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect

from web.pages import (  # noqa: F401  (each module adds its routes to bp)
    auditors,
    catalogue,
    checkpoints,
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
from web.pages.session import signed_in_principal

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
    app.register_error_handler(CSRFError, _form_of_an_ended_session)
    for api_view in [
        name for name in app.view_functions if "." in name and not name.startswith("pages.")
    ]:
        csrf.exempt(app.view_functions[api_view])  # the JSON API uses bearer tokens, not cookies


def _form_of_an_ended_session(error: CSRFError):
    """A form sent after its session ended (signed out elsewhere, expired) leads to signing in
    again, saying nothing was recorded; a signed-in form without its token stays a 400 page,
    and so does the sign-in form itself."""
    if request.endpoint == "pages.sign_in" or signed_in_principal() is not None:
        return error
    flash(
        _("Phiên đăng nhập đã kết thúc nên chưa ghi nhận gì; hãy đăng nhập rồi gửi lại."), "error"
    )
    return redirect(url_for("pages.sign_in", next=request.full_path.rstrip("?")))
