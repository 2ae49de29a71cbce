"""The pages everyone meets: sign-in and sign-out, the language switch, and the public product page."""

import math
from datetime import timedelta
from uuid import UUID

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_timedelta
from flask_babel import gettext as _

from marketplace.clock import today
from marketplace.errors import AuthenticationFailed, SignInBusy, SignInThrottled
from projections.queries.catalogue import catalogue
from projections.queries.outlets import outlets_named
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.evidence import certificate_position, of_position, verifier
from web.pages.forms import SignInForm
from web.pages.i18n import LANGUAGES
from web.pages.labels import lot_on_page
from web.pages.redirects import referring_path, same_site_path
from web.pages.refusals import add_error
from web.pages.session import page, start_session
from web.read import ask


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Sign in with the same users and roles as the API."""
    form = SignInForm()
    if form.validate_on_submit():
        try:
            principal = marketplace().sign_in(
                form.username.data, form.password.data, request.remote_addr
            )
        except AuthenticationFailed:
            add_error(form.password, _("Sai tên đăng nhập hoặc mật khẩu"))
        except SignInThrottled as throttled:
            return _throttled_page(form, throttled.retry_after)
        except SignInBusy:
            add_error(form.password, _("Hệ thống đang bận; hãy thử lại sau giây lát."))
            return render_template("sign_in.html", form=form), 503, {"Retry-After": "1"}
        else:
            start_session(principal)
            return redirect(same_site_path(request.args.get("next")) or url_for("pages.home"))
    return render_template("sign_in.html", form=form)


def _throttled_page(form: SignInForm, seconds: int):
    """429, with the wait in the page's language."""
    add_error(form.password, throttled_message(seconds))
    page = render_template("sign_in.html", form=form)
    return page, 429, {"Retry-After": str(seconds)}


def throttled_message(seconds: int) -> str:
    """Too many wrong passwords, and the wait (whole minutes once it is two or more)."""
    wait = timedelta(seconds=seconds if seconds < 120 else 60 * math.ceil(seconds / 60))
    return _(
        "Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(wait)s.",
        wait=format_timedelta(wait, threshold=2, add_direction=False),
    )


@bp.post("/sign-out")
def sign_out():
    """End this page session: a copy of its cookie no longer opens any page."""
    if isinstance(session.get("sid"), str):
        lifetime = current_app.permanent_session_lifetime.total_seconds()
        marketplace().end_session(session["sid"], int(lifetime))
    lang = session.get("lang")
    session.clear()
    session["lang"] = lang
    return redirect(url_for("pages.sign_in"))


@bp.get("/language/<code>")
def language(code: str):
    """Switch language and go back where the user was."""
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(referring_path() or url_for("pages.home"))


@bp.get("/")
@page()
def home():
    if g.principal.role in ("staff", "manager"):
        return redirect(url_for("pages.counter"))
    return redirect(url_for("pages.dashboard"))


@bp.get("/p/<uuid:product_id>")
def public_product(product_id: UUID):
    """What a QR code on the package opens: the product, its certificate, where to buy it."""
    found = ask(catalogue, today(), product_id=product_id)["items"]
    if not found:
        abort(404)
    product = found[0]
    where = {UUID(o) for o in product["in_stock_at"]}
    shops = [o for o in ask(outlets_named, list(where)) if not o["closed_on"]] if where else []
    lot = lot_on_page(product_id)  # opened from a lot's QR code
    proof = of_position(certificate_position(product))
    key = verifier()
    return render_template(
        "product.html", product=product, shops=shops, lot=lot, proof=proof, key=key
    )
