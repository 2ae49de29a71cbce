"""The officers' outlet pages: the list of outlets, an outlet's page (open or closed, its open
periods, its corrections), and the forms that correct its name or place, close it and reopen it.

For the roles that keep the registers (officers, admins), as the API allows (PATCH
/outlets/{id}, POST /outlets/{id}/closure and /reopening): each form runs one command once
(its hidden key), a refusal is said beside the field it names, and a recorded form redirects
to the outlet's page (post/redirect/get).
"""

from functools import partial
from uuid import UUID

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.outlet import Outlet
from marketplace import messages as m
from projections.queries.lists import outlets_list
from projections.queries.outlet_periods import outlet_provinces, outlet_with_periods
from web.pages.blueprint import bp
from web.pages.lists import ListFilters, listing, page_url
from web.pages.nav import nav_link
from web.pages.officer_edits import corrections
from web.pages.officer_outlet_forms import (
    OUTLET_KIND_LABELS,
    ClosureForm,
    OutletCorrectionForm,
    ReopeningForm,
    outlet_kind_label,
)
from web.pages.officers import keeps_registers
from web.pages.once import OnceForm, execute_once
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask

nav_link(45, _l("Các điểm bán"), "pages.officer_outlets", lambda p: p.may_keep_registers)
PLACE = ("province", "district", "commune")
PLACE_HINT = _l(
    "Từ 1/7/2025: tỉnh, thành phố và xã, phường mới, để trống quận, huyện; hoặc địa chỉ cũ "
    "có quận, huyện (được đổi sang đơn vị mới). Địa chỉ cũ hay mới của chính nơi đã ghi thì "
    "không có gì để sửa."
)


@bp.get("/officers/outlets")
@page(keeps_registers)
def officer_outlets():
    """The outlets (điểm bán), found by name, province and kind, 50 a page."""
    filters = ListFilters(request.args)
    kinds = dict(OUTLET_KIND_LABELS)
    filters.offer(_l("Tên điểm bán"), _l("Loại điểm bán"), kinds, ask(outlet_provinces))
    return render_template(
        "officer_outlets.html",
        filters=filters,
        found=listing(filters, outlets_list),
        page_url=page_url,
        kind_label=outlet_kind_label,
    )


@bp.get("/officers/outlets/<uuid:outlet_id>")
@page(keeps_registers)
def officer_outlet(outlet_id: UUID):
    """An outlet: its kind and place, open or closed, its open periods and corrections."""
    return _outlet_page(outlet_id)


@bp.route("/officers/outlets/<uuid:outlet_id>/edit", methods=["GET", "POST"])
@page(keeps_registers)
def correct_outlet(outlet_id: UUID):
    """Correct an outlet's name, or record that it moved, from a day."""
    now = ask(outlet_with_periods, outlet_id) or abort(404)
    form = OutletCorrectionForm(data=now)
    if form.validate_on_submit():
        typed = {k: (form[k].data or "").strip() or None for k in PLACE}
        moved = any(typed[k] != now[k] for k in PLACE)
        command = m.CorrectOutlet(
            outlet_id,
            name=form.name.data,
            **(typed if moved else {}),
            changed_on=form.changed_on.data,
            reason=form.reason.data or None,
        )
        if _record(form, "name", "correct_outlet", command):
            flash(_("Đã sửa thông tin điểm bán"), "ok")
            return redirect(url_for("pages.officer_outlet", outlet_id=outlet_id))
    return render_template(
        "officer_edit.html",
        form=form,
        title=_("Sửa thông tin điểm bán: %(name)s", name=now["name"]),
        corrections=corrections(outlet_id, Outlet),
        fields=("name", *PLACE),
        label=None,
        back=(url_for("pages.officer_outlet", outlet_id=outlet_id), _("Trang điểm bán")),
        hint=PLACE_HINT,
    )


@bp.post("/officers/outlets/<uuid:outlet_id>/closure")
@page(keeps_registers)
def close_outlet(outlet_id: UUID):
    """Close an open outlet from a day (refused while it holds stock or awaits a transfer)."""
    form = ClosureForm(prefix="closure")
    if form.validate_on_submit() and _record(
        form, "closed_on", "close_outlet", m.CloseOutlet(outlet_id, form.closed_on.data)
    ):
        flash(_("Đã ghi nhận điểm bán đóng cửa"), "ok")
        return redirect(url_for("pages.officer_outlet", outlet_id=outlet_id))
    return _outlet_page(outlet_id, closure=form)


@bp.post("/officers/outlets/<uuid:outlet_id>/reopening")
@page(keeps_registers)
def reopen_outlet(outlet_id: UUID):
    """Open a closed outlet again from a day, not before it closed."""
    form = ReopeningForm(prefix="reopening")
    if form.validate_on_submit() and _record(
        form, "reopened_on", "reopen_outlet", m.ReopenOutlet(outlet_id, form.reopened_on.data)
    ):
        flash(_("Đã ghi nhận điểm bán mở cửa lại"), "ok")
        return redirect(url_for("pages.officer_outlet", outlet_id=outlet_id))
    return _outlet_page(outlet_id, reopening=form)


def _outlet_page(outlet_id: UUID, **submitted: OnceForm):
    """The outlet's page; the form just submitted keeps what was typed and its errors."""
    outlet = ask(outlet_with_periods, outlet_id) or abort(404)
    submitted.setdefault("closure", ClosureForm(formdata=None, prefix="closure"))
    submitted.setdefault("reopening", ReopeningForm(formdata=None, prefix="reopening"))
    return render_template(
        "officer_outlet.html",
        outlet=outlet,
        corrections=corrections(outlet_id, Outlet),
        kind_label=outlet_kind_label,
        **submitted,
    )


def _record(form: OnceForm, fallback_field: str, kind: str, command: m.Command):
    """Run the command once per form; a refusal goes beside its field."""
    refused = partial(show_refusal, form, fallback_field=fallback_field)
    return execute_once(form, kind, refused, command)
