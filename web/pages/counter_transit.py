"""The counter's transfers in transit (hàng đang chuyển): receiving one, in full or with the
quantities counted (the shortfall recorded as lost), and setting a low-stock threshold
(ngưỡng sắp hết hàng) for a product the outlet stocks or lists."""

from datetime import datetime
from functools import partial
from uuid import UUID

from flask import abort, render_template, request
from flask_babel import gettext as _

from domain.values import local_day
from marketplace.clock import today
from marketplace.messages import ReceiveTransfer, SetThreshold
from projections.queries.outlets import shelf, stocked_products
from projections.queries.transfers import outlet_transfers
from web.pages.blueprint import bp, outlet_or_404
from web.pages.counter import back_to_stock, works_here
from web.pages.counter_forms import ThresholdForm, TransferReceiptForm
from web.pages.once import execute_once
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask


@bp.route("/counter/<uuid:outlet_id>/transfers/<uuid:transfer_id>", methods=["GET", "POST"])
@page(works_here)
def receive_transfer(outlet_id: UUID, transfer_id: UUID):
    """Receive a transfer sent here: all of it, or the quantities counted on arrival."""
    outlet = outlet_or_404(outlet_id)
    found = ask(outlet_transfers, outlet_id, None, "in", 1, transfer_id)
    if not found or (request.method == "GET" and found[0]["state"] != "in_transit"):
        abort(404)  # a form sent again after the receipt gets the first answer below
    transfer, form = found[0], TransferReceiptForm()
    if request.method == "GET":
        for line in transfer["lines"]:
            form.lines.append_entry({"qty_received": line["qty_sent"]})
    counted = request.form.get("action") == "counted"
    if form.validate_on_submit() and (not counted or len(form.lines) == len(transfer["lines"])):
        lines = None
        if counted:
            lines = [
                {
                    "product_id": UUID(line["product_id"]),
                    "lot": line["lot"],
                    "qty_received": entry.qty_received.data,
                }
                for line, entry in zip(transfer["lines"], form.lines, strict=True)
            ]
        refused = partial(show_refusal, form, fallback_field="idempotency_key")
        done = execute_once(
            form, "receive-transfer", refused, ReceiveTransfer(outlet_id, transfer_id, lines)
        )
        if done:
            message = _(
                "Đã nhận %(received)s, ghi mất %(lost)s",
                received=done["received"],
                lost=done["lost"],
            )
            return back_to_stock(outlet_id, message)
    rows = list(zip(transfer["lines"], form.lines, strict=False))
    return render_template(
        "counter_receive_transfer.html",
        outlet=outlet,
        transfer=transfer,
        form=form,
        rows=rows,
        sent_on=local_day(datetime.fromisoformat(transfer["sent_at"])),
    )


@bp.route("/counter/<uuid:outlet_id>/thresholds", methods=["GET", "POST"])
@page(works_here)
def threshold(outlet_id: UUID):
    """Set the low-stock threshold of a product the outlet stocks or lists."""
    outlet = outlet_or_404(outlet_id)
    form = ThresholdForm()
    products = {str(p["id"]): p["name"] for p in ask(stocked_products, outlet_id)}
    products |= {str(p["id"]): p["name"] for p in ask(shelf, outlet_id, today())}
    form.product_id.choices = [("", "—")] + sorted(products.items(), key=lambda item: item[1])
    if request.method == "GET":
        form.product_id.data = request.args.get("product", "")
    if form.validate_on_submit():
        refused = partial(show_refusal, form, fallback_field="low_stock_threshold")
        command = SetThreshold(outlet_id, UUID(form.product_id.data), form.low_stock_threshold.data)
        if execute_once(form, "threshold", refused, command):
            return back_to_stock(outlet_id, _("Đã đặt ngưỡng sắp hết hàng"))
    return render_template("counter_threshold.html", outlet=outlet, form=form)
