"""Change my password: for every signed-in user.

The change ends every session and token the user had (the application's rule). The page that
asked for it stays signed in with a fresh session: the person just proved who they are with
the current password, and signing in again at once would only be a chore.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.errors import SignInThrottled
from marketplace.messages import ChangeOwnPassword
from marketplace.users import MIN_PASSWORD_LENGTH
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.nav import nav_link
from web.pages.once import record_once
from web.pages.refusals import Refusal, add_error, show_refusal
from web.pages.routes import throttled_message
from web.pages.session import page, start_session
from web.pages.user_forms import OwnPasswordForm

nav_link(95, _l("Đổi mật khẩu"), "pages.own_password")


@bp.route("/account/password", methods=["GET", "POST"])
@page()
def own_password():
    """Change one's own password: the current one, then the new one twice."""
    form = OwnPasswordForm()
    if form.validate_on_submit():
        refusals: list[Refusal] = []

        def refused(refusal: Refusal) -> None:
            refusals.append(refusal)
            if isinstance(refusal, SignInThrottled):
                add_error(form.current_password, throttled_message(refusal.retry_after))
            else:
                show_refusal(form, refusal, fallback_field="current_password")

        record_once(
            form,
            "change_own_password",
            refused,
            ChangeOwnPassword,
            user_id=g.principal.id,
            current_password=form.current_password.data,
            new_password=form.new_password.data,
            address=request.remote_addr,
        )
        if not refusals:
            start_session(marketplace().principal(g.principal.id))  # the old session has ended
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."), "ok")
            return redirect(url_for("pages.home"))
        if isinstance(refusals[0], SignInThrottled):
            page = render_template("own_password.html", form=form, min_length=MIN_PASSWORD_LENGTH)
            return page, 429, {"Retry-After": str(refusals[0].retry_after)}
    return render_template("own_password.html", form=form, min_length=MIN_PASSWORD_LENGTH)
