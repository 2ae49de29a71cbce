"""The admin's list of users: who may sign in, with which role and outlets, disabled or not;
and the form that registers one more (one user's own page is in user_pages.py)."""

from uuid import UUID

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.text import vietnamese_order
from marketplace.messages import RegisterUser
from projections.queries.lists import accounts_list
from projections.queries.outlets import outlets_named
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.lists import ListFilters, listing, page_url
from web.pages.nav import nav_link
from web.pages.once import record_once
from web.pages.refusals import Refusal, show_refusal
from web.pages.session import page
from web.pages.user_forms import ROLE_LABELS, RegisterUserForm, outlet_choice, role_label
from web.read import ask


def manages_users(principal, _args) -> bool:
    return principal.may_manage_users


nav_link(80, _l("Người dùng"), "pages.users", lambda p: p.may_manage_users)


@bp.get("/users")
@page(manages_users)
def users():
    """Every user: role, outlets, disabled or not; and the form to register one more."""
    return users_page(RegisterUserForm(formdata=None))


@bp.post("/users")
@page(manages_users)
def register_user():
    """Register a user, then open their page."""
    form = RegisterUserForm()
    form.outlet_ids.choices = [outlet_choice(o) for o in ask(outlets_named)]
    if form.validate_on_submit():
        recorded = record_once(
            form,
            "register_user",
            lambda refused: _beside_its_field(form, refused),
            RegisterUser,
            username=form.username.data,
            role=form.role.data,
            password=form.password.data,
            outlet_ids=[UUID(o) for o in form.outlet_ids.data],
        )
        if recorded:
            flash(_("Đã đăng ký người dùng %(name)s", name=recorded["username"]), "ok")
            return redirect(url_for("pages.user", user_id=recorded["id"]))
    return users_page(form)


def _beside_its_field(form: RegisterUserForm, refused: Refusal) -> None:
    field = (refused.field or "").split(".")[0]  # outlet_ids.0 is the outlets list
    show_refusal(form, refused, fallback_field=field if field in form._fields else "username")


def users_page(form: RegisterUserForm):
    """The users found by name, role and their outlets' province, outlets by name, a page at
    a time, with the register form (as typed, if refused)."""
    outlets = ask(outlets_named)
    form.outlet_ids.choices = [outlet_choice(o) for o in outlets if not o["closed_on"]]
    filters = ListFilters(request.args)
    provinces = sorted({o["province"] for o in outlets}, key=vietnamese_order)
    filters.offer(_l("Tên đăng nhập"), _l("Vai trò"), ROLE_LABELS, provinces)
    return render_template(
        "users.html",
        found=listing(filters, accounts_list, marketplace().accounts()),
        filters=filters,
        page_url=page_url,
        form=form,
        role_label=role_label,
    )
