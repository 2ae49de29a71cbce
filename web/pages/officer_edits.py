"""The officers' pages that correct a producer or a product (đính chính), with the record's
corrections: when each took effect, who recorded it and when, why, and what it changed."""

from types import SimpleNamespace
from uuid import UUID

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from domain.producer import Producer
from domain.product import Product
from marketplace.errors import NotFound
from projections.queries.producers import producer
from web.application import marketplace
from web.pages.auditors import moment
from web.pages.blueprint import bp
from web.pages.officer_edit_forms import ProducerCorrectionForm, ProductCorrectionForm
from web.pages.officer_forms import group_label, kind_label
from web.pages.officers import _record, keeps_registers, product_or_404
from web.pages.session import page
from web.read import ask


def corrections(record_id: UUID, kind: type) -> list[dict]:
    """The record's Corrected events, newest first, as the log keeps them (who, when, why),
    with the recording time in Vietnam time and the username of who recorded it."""
    items = marketplace().history(record_id, kind)["items"]
    return [
        item | {"recorded_at": moment(item["timestamp"]), "recorded_by": _username(item["user"])}
        for item in reversed(items)
        if item["type"] == "Corrected"
    ]


def _username(user: str | None) -> str:
    """Who recorded an event: a user's name, or what the log says (the demo, a script)."""
    try:
        return marketplace().account(UUID(user))["username"]
    except (TypeError, ValueError, NotFound):
        return user or "—"


@bp.route("/officers/producers/<uuid:producer_id>/edit", methods=["GET", "POST"])
@page(keeps_registers)
def correct_producer(producer_id: UUID):
    """Correct a producer's name or kind, or record that it moved."""
    now = ask(producer, producer_id) or abort(404)
    form = ProducerCorrectionForm(data=now)
    if form.validate_on_submit():
        typed = {k: (form[k].data or "").strip() or None for k in ("province", "district")}
        typed["commune"] = form.commune.data.strip()
        moved = any(typed[k] != now[k] for k in typed)
        if _record(
            form,
            "name",
            "correct_producer",
            producer_id=producer_id,
            name=form.name.data,
            kind=form.kind.data,
            **(typed if moved else {}),
            changed_on=form.changed_on.data,
            reason=form.reason.data or None,
        ):
            flash(_("Đã sửa thông tin chủ thể"), "ok")
            return redirect(url_for("pages.correct_producer", producer_id=producer_id))
    title = _("Sửa thông tin chủ thể: %(name)s", name=now["name"])
    fields = ("name", "kind", "province", "district", "commune")
    return _page(form, title, corrections(producer_id, Producer), fields)


@bp.route("/officers/products/<uuid:product_id>/edit", methods=["GET", "POST"])
@page(keeps_registers)
def correct_product(product_id: UUID):
    """Correct a product's name, group, unit, list price or GTIN."""
    now = product_or_404(product_id)
    recorded = marketplace().product(product_id)
    group = f"{recorded['classification']}:{now['group']}"
    form = ProductCorrectionForm(data={**now, "group": group})
    form.offer_groups_of(recorded["classification"])
    if form.validate_on_submit():
        group = form.classification_and_group()[1]
        if _record(
            form,
            "name",
            "correct_product",
            product_id=product_id,
            name=form.name.data,
            group=group,
            unit=form.unit.data,
            price_vnd=form.price_vnd.data,
            gtin=form.gtin.data,
            changed_on=form.changed_on.data,
            reason=form.reason.data or None,
        ):
            flash(_("Đã sửa thông tin sản phẩm"), "ok")
            return redirect(url_for("pages.officer_product", product_id=product_id))
    title = _("Sửa thông tin sản phẩm: %(name)s", name=now["name"])
    fields = ("name", "group", "unit", "price_vnd", "gtin")
    return _page(form, title, corrections(product_id, Product), fields)


def _page(form, title: str, made: list[dict], fields: tuple[str, ...]):
    """A correction form (the fields in this order) above the record's corrections."""
    label = SimpleNamespace(kind=kind_label, group=group_label)
    return render_template(
        "officer_edit.html",
        form=form,
        title=title,
        corrections=made,
        fields=fields,
        label=label,
    )
