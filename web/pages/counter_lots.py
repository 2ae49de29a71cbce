"""The counter's screens about one product or lot: transfer (chuyển hàng), stock count
(kiểm kê) and write-off (xuất hủy)."""

from functools import partial
from uuid import UUID

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.messages import CountStock, TransferStock, WriteOff
from marketplace.reference import WRITE_OFF_REASONS
from projections.queries.counter import (
    lots_on_hand,
    transfer_destinations,
)
from projections.queries.outlets import stocked_products
from web.pages.blueprint import bp, outlet_or_404
from web.pages.counter import to_stock, works_here
from web.pages.counter_forms import (
    StockCountForm,
    TransferForm,
    WriteOffForm,
)
from web.pages.i18n import day
from web.pages.once import record_and_say
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask

WRITE_OFF_REASON_TEXT = {
    "expired": _l("Hết hạn sử dụng"),
    "damaged": _l("Hư hỏng"),
    "lost_or_stolen": _l("Mất hoặc bị trộm"),
    "sample": _l("Hàng mẫu, dùng thử"),
    "recall": _l("Thu hồi sản phẩm"),
    "other": _l("Lý do khác (ghi rõ)"),
}

# Transfer, stock count, write-off -----------------------------------------------------------


@bp.route("/counter/<uuid:outlet_id>/transfer", methods=["GET", "POST"])
@page(works_here)
def transfer(outlet_id: UUID):
    """Send stock to another open outlet of the province (chuyển hàng)."""
    outlet = outlet_or_404(outlet_id)
    form = TransferForm()
    form.product_id.choices = [("", "—")] + [
        (str(p["id"]), f"{p['name']} ({p['on_hand']} {p['unit']})")
        for p in ask(stocked_products, outlet_id)
    ]
    form.to_outlet_id.choices = [("", "—")] + [
        (str(o["id"]), o["name"]) for o in ask(transfer_destinations, outlet_id)
    ]
    if form.validate_on_submit():
        lines = [{"product_id": UUID(form.product_id.data), "qty": form.qty.data}]
        refused = partial(show_refusal, form, fallback_field="qty")
        to_outlet = UUID(form.to_outlet_id.data)
        command = TransferStock(outlet_id, to_outlet, lines)
        if record_and_say(form, "transfer", refused, command, _("Đã chuyển hàng")):
            return to_stock(outlet_id)
    return render_template("counter_transfer.html", outlet=outlet, form=form)


def lot_choices(outlet_id: UUID) -> list[tuple[str, str]]:
    """Each lot on hand as "product id|lot code", labelled for a phone."""
    return [("", "—")] + [
        (
            f"{lot['product_id']}|{lot['lot']}",
            _(
                "%(name)s · lô %(lot)s · HSD %(expires)s · còn %(left)s",
                name=lot["name"],
                lot=lot["lot"] or "—",
                expires=day(lot["expires_on"]) or "—",
                left=lot["on_hand"],
            ),
        )
        for lot in ask(lots_on_hand, outlet_id)
    ]


def product_and_lot(choice: str) -> tuple[UUID, str]:
    product_id, _bar, lot = choice.partition("|")
    return UUID(product_id), lot


@bp.route("/counter/<uuid:outlet_id>/count", methods=["GET", "POST"])
@page(works_here)
def count(outlet_id: UUID):
    """Record a stock count (kiểm kê) of one lot; the stock becomes what was counted."""
    outlet = outlet_or_404(outlet_id)
    form = StockCountForm()
    form.lot.choices = lot_choices(outlet_id)
    if request.method == "GET":
        form.lot.data = request.args.get("lot", "")
        form.reason.data = _("Kiểm kê định kỳ")
    if form.validate_on_submit():
        product_id, lot = product_and_lot(form.lot.data)
        refused = partial(show_refusal, form, fallback_field="counted")
        reason = form.reason.data.strip()
        command = CountStock(outlet_id, product_id, form.counted.data, reason, lot)
        if record_and_say(form, "count", refused, command, _counted):
            return to_stock(outlet_id)
    return render_template("counter_count.html", outlet=outlet, form=form)


def _counted(done: dict) -> str:
    return _("Đã ghi kiểm kê (chênh lệch %(delta)+d)", delta=done["adjustment"])


@bp.route("/counter/<uuid:outlet_id>/write-off", methods=["GET", "POST"])
@page(works_here)
def write_off(outlet_id: UUID):
    """Write off stock (xuất hủy) from one lot, with the reason (``other`` with a note)."""
    outlet = outlet_or_404(outlet_id)
    form = WriteOffForm()
    form.lot.choices = lot_choices(outlet_id)
    form.reason.choices = [("", "—")] + [
        (reason, str(WRITE_OFF_REASON_TEXT.get(reason, reason))) for reason in WRITE_OFF_REASONS
    ]
    if request.method == "GET":
        form.lot.data = request.args.get("lot", "")
        form.reason.data = request.args.get("reason", "")
    if form.validate_on_submit():
        product_id, lot = product_and_lot(form.lot.data)
        refused = partial(show_refusal, form, fallback_field="qty")
        note = (form.note.data or "").strip()
        command = WriteOff(outlet_id, product_id, form.qty.data, form.reason.data, lot, note=note)
        if record_and_say(form, "write-off", refused, command, _("Đã xuất hủy")):
            return to_stock(outlet_id)
    return render_template("counter_write_off.html", outlet=outlet, form=form)
