"""One user's page for the admin: change the role, set a new password, bind and unbind
outlets, disable and enable.

Each form calls one application command under its once-only key. A refusal about a field is
said beside it; one about the user (their own account, the last admin, already disabled) above
the forms. Either way nothing changes.
"""

import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from marketplace import messages as m
from marketplace.errors import NotFound
from marketplace.messages import Command
from projections.queries.outlets import outlets_named
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.once import OnceForm, record_once
from web.pages.refusals import Refusal, refusal_text, show_refusal
from web.pages.session import page
from web.pages.user_forms import (
    BindForm,
    ResetPasswordForm,
    RoleForm,
    StatusForm,
    UnbindForm,
    outlet_choice,
    role_label,
)
from web.pages.users import manages_users
from web.read import ask

NO_CHOICE = SelectChoice("", "—")


@bp.get("/users/<uuid:user_id>")
@page(manages_users)
def user(user_id: UUID):
    """One user, and the forms that change their role, password, outlets and status."""
    return user_page(account_or_404(user_id))


@bp.post("/users/<uuid:user_id>/role")
@page(manages_users)
def change_role(user_id: UUID):
    """Give the user another role (their sessions end)."""
    return act(
        user_id,
        "role",
        RoleForm(prefix="role"),
        m.ChangeRole,
        lambda form: {"role": form.role.data},
        lambda form: _("Đã đổi vai trò thành %(role)s", role=role_label(form.role.data)),
    )


@bp.post("/users/<uuid:user_id>/password")
@page(manages_users)
def reset_password(user_id: UUID):
    """Set a new password for the user (their sessions end)."""
    return act(
        user_id,
        "password",
        ResetPasswordForm(prefix="password"),
        m.ResetPassword,
        lambda form: {"new_password": form.new_password.data},
        lambda form: _("Đã đặt mật khẩu mới"),
    )


@bp.post("/users/<uuid:user_id>/outlets")
@page(manages_users)
def bind_outlet(user_id: UUID):
    """Let the user write to one more outlet."""
    form = BindForm(prefix="bind")
    form.outlet_id.choices = [NO_CHOICE] + [outlet_choice(o) for o in ask(outlets_named)]
    return act(
        user_id,
        "bind",
        form,
        m.BindUserToOutlet,
        lambda form: {"outlet_id": UUID(form.outlet_id.data)},
        lambda form: _("Đã gán điểm bán"),
    )


@bp.post("/users/<uuid:user_id>/outlets/<uuid:outlet_id>/unbind")
@page(manages_users)
def unbind_outlet(user_id: UUID, outlet_id: UUID):
    """Take the outlet from the user (their sessions end)."""
    return act(
        user_id,
        "unbind",
        UnbindForm(prefix="unbind"),
        m.UnbindUserFromOutlet,
        lambda form: {"outlet_id": outlet_id},
        lambda form: _("Đã bỏ gán điểm bán"),
    )


@bp.post("/users/<uuid:user_id>/disable")
@page(manages_users)
def disable(user_id: UUID):
    """Stop the user signing in (their sessions end)."""
    return act(
        user_id,
        "status",
        StatusForm(prefix="status"),
        m.DisableUser,
        lambda form: {},
        lambda form: _("Đã khóa tài khoản"),
    )


@bp.post("/users/<uuid:user_id>/enable")
@page(manages_users)
def enable(user_id: UUID):
    """Let a disabled user sign in again (the sessions the disabling ended stay ended)."""
    return act(
        user_id,
        "status",
        StatusForm(prefix="status"),
        m.EnableUser,
        lambda form: {},
        lambda form: _("Đã mở khóa tài khoản"),
    )


Arguments = Callable[[Any], dict[str, Any]]


def act(
    user_id: UUID,
    name: str,
    form: OnceForm,
    command: type[Command],
    arguments: Arguments,
    ok: Callable,
):
    """Run the form's command once on the user: done, back on their page with ``ok``; else
    their page again, this form as typed with the refusal."""
    account = account_or_404(user_id)
    refusals: list[Refusal] = []
    if form.validate_on_submit():
        kind = re.sub(
            r"(?<!^)(?=[A-Z])", "_", command.__name__
        ).lower()  # ResetPassword: reset_password
        record_once(form, kind, refusals.append, command, user_id=user_id, **arguments(form))
        if not refusals:
            flash(ok(form), "ok")
            return redirect(url_for("pages.user", user_id=user_id))
    above = [refusal_text(r) for r in refusals if r.field not in form._fields]
    for refused in refusals:
        if refused.field in form._fields:
            show_refusal(form, refused, fallback_field=refused.field)
    return user_page(account, refusal=above[0] if above else None, **{name: form})


def account_or_404(user_id: UUID) -> dict:
    try:
        return marketplace().account(user_id)
    except NotFound:
        abort(404)


def user_page(account: dict, refusal: str | None = None, **submitted: OnceForm):
    """One user's page; the form just submitted keeps what was typed and its errors, the
    others start afresh."""
    outlets = ask(outlets_named)
    bound = set(account["outlet_ids"])
    forms = {"role": RoleForm, "password": ResetPasswordForm, "bind": BindForm}
    for name, form_class in forms.items():
        if name not in submitted:
            submitted[name] = form_class(formdata=None, prefix=name)
    submitted["role"].role.data = submitted["role"].role.data or account["role"]
    submitted["bind"].outlet_id.choices = [NO_CHOICE] + [
        outlet_choice(o) for o in outlets if not o["closed_on"] and str(o["id"]) not in bound
    ]
    return render_template(
        "user.html",
        account=account,
        bound=[o for o in outlets if str(o["id"]) in bound],
        refusal=refusal,
        unbind={outlet_id: UnbindForm(formdata=None, prefix="unbind") for outlet_id in bound},
        status=StatusForm(formdata=None, prefix="status"),
        role_label=role_label,
        **{name: form for name, form in submitted.items() if name in forms},
    )
