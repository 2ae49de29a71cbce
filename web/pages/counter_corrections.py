"""The counter's corrections: a sale's return (trả hàng) and void (hủy hóa đơn, managers), a
receipt's reversal (hủy phiếu nhập) and a return to the supplier (trả hàng nhà sản xuất)."""

from functools import partial
from uuid import UUID

from flask import abort, render_template
from flask_babel import gettext as _

from marketplace.messages import ReturnSale, ReturnToSupplier, ReverseReceipt, VoidSale
from projections.queries.corrections import producer_of, recent_receipts, sale_lines
from web.pages.blueprint import bp, outlet_or_404
from web.pages.correction_forms import ReasonForm, ReturnForm, SupplierReturnForm
from web.pages.counter import reads_here, to_stock, works_here
from web.pages.counter_lots import lot_choices, product_and_lot
from web.pages.once import record_and_say
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask


def manages_here(principal, args: dict) -> bool:
    """Voids: the rule the API's void uses (a manager bound to the outlet, or an admin)."""
    return principal.may_manage_outlet(args["outlet_id"])


def _screen(outlet: dict, form, title: str, submit: str, fields: list, **extra):
    return render_template(
        "counter_correction.html",
        outlet=outlet,
        form=form,
        title=title,
        submit=submit,
        fields=[form[name] for name in fields],
        **extra,
    )


@bp.route("/counter/<uuid:outlet_id>/sales/<uuid:sale_id>/return", methods=["GET", "POST"])
@page(works_here)
def return_sale(outlet_id: UUID, sale_id: UUID):
    """Take back units of one product of a sale; restocked unless marked damaged."""
    outlet = outlet_or_404(outlet_id)
    lines = ask(sale_lines, outlet_id, sale_id)
    if not lines:
        abort(404)
    form = ReturnForm()
    form.product_id.choices = [("", "—")] + [
        (line["product_id"], f"{line['name']} × {line['qty']}") for line in lines
    ]
    if form.validate_on_submit():
        line = {
            "product_id": UUID(form.product_id.data),
            "qty": form.qty.data,
            "restock": not form.damaged.data,
        }
        reason = form.reason.data.strip()
        command = ReturnSale(outlet_id, sale_id, [line], reason, form.refund_vnd.data)
        refused = partial(show_refusal, form, fallback_field="qty")
        if record_and_say(form, "return", refused, command, _("Đã nhận hàng trả lại")):
            return to_stock(outlet_id)
    fields = ["product_id", "qty", "damaged", "refund_vnd", "reason"]
    return _screen(outlet, form, _("Trả hàng"), _("Ghi nhận trả hàng"), fields)


@bp.route("/counter/<uuid:outlet_id>/sales/<uuid:sale_id>/void", methods=["GET", "POST"])
@page(manages_here)
def void_sale(outlet_id: UUID, sale_id: UUID):
    """Void a sale of today: every unit goes back to its lot (managers and admins)."""
    if not ask(sale_lines, outlet_id, sale_id):
        abort(404)
    made = partial(VoidSale, outlet_id, sale_id)
    return _with_reason(outlet_id, "void", made, _("Hủy hóa đơn"), _("Đã hủy hóa đơn"))


@bp.get("/counter/<uuid:outlet_id>/receipts")
@page(reads_here)
def receipts(outlet_id: UUID):
    """The outlet's latest receipts, each with a way to reverse it."""
    outlet = outlet_or_404(outlet_id)
    return render_template(
        "counter_receipts.html", outlet=outlet, receipts=ask(recent_receipts, outlet_id)
    )


@bp.route("/counter/<uuid:outlet_id>/receipts/<uuid:receipt_id>/reversal", methods=["GET", "POST"])
@page(works_here)
def reverse_receipt(outlet_id: UUID, receipt_id: UUID):
    """Reverse a wrong receipt while all of its units are still here."""
    made = partial(ReverseReceipt, outlet_id, receipt_id)
    return _with_reason(outlet_id, "reversal", made, _("Hủy phiếu nhập"), _("Đã hủy phiếu nhập"))


def _with_reason(outlet_id: UUID, kind: str, command_for, title: str, done: str):
    """A correction whose form is only its reason: the command made from the reason."""
    outlet = outlet_or_404(outlet_id)
    form = ReasonForm()
    if form.validate_on_submit():
        refused = partial(show_refusal, form, fallback_field="reason")
        if record_and_say(form, kind, refused, command_for(form.reason.data.strip()), done):
            return to_stock(outlet_id)
    return _screen(outlet, form, title, title, ["reason"])


@bp.route("/counter/<uuid:outlet_id>/supplier-return", methods=["GET", "POST"])
@page(works_here)
def supplier_return(outlet_id: UUID):
    """Send units of one lot back to the product's producer."""
    outlet = outlet_or_404(outlet_id)
    form = SupplierReturnForm()
    form.lot.choices = lot_choices(outlet_id)
    if form.validate_on_submit():
        product_id, lot = product_and_lot(form.lot.data)
        producer_id = ask(producer_of, product_id)
        line = {"product_id": product_id, "qty": form.qty.data, "lot": lot}
        command = ReturnToSupplier(outlet_id, producer_id, [line], form.reason.data.strip())
        refused = partial(show_refusal, form, fallback_field="qty")
        done = _("Đã trả hàng cho nhà sản xuất")
        if producer_id is not None and record_and_say(
            form, "supplier-return", refused, command, done
        ):
            return to_stock(outlet_id)
    title = _("Trả hàng nhà sản xuất")
    return _screen(outlet, form, title, _("Ghi nhận trả hàng"), ["lot", "qty", "reason"])
