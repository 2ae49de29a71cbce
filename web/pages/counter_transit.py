"""The counter's transfers (chuyến hàng): every transfer out and in, newest first, a page at a
time; receiving one in transit (hàng đang chuyển), in full or with the quantities counted (the
shortfall recorded as lost); and setting a low-stock threshold (ngưỡng sắp hết hàng) for a
product the outlet stocks or lists."""

from datetime import datetime
from functools import partial
from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from domain.values import local_day
from marketplace.clock import today
from marketplace.messages import ReceiveTransfer, SetThreshold
from projections.queries.outlets import shelf, stocked_products
from projections.queries.transfers import STATES, outlet_transfers, transfers_page
from web.pages.blueprint import bp, outlet_or_404
from web.pages.counter import reads_here, to_stock, works_here
from web.pages.counter_forms import ThresholdForm, TransferReceiptForm
from web.pages.lists import MAX_PAGE, PAGE_SIZE
from web.pages.once import record_and_say
from web.pages.refusals import show_refusal
from web.pages.session import page
from web.read import ask


@bp.get("/counter/<uuid:outlet_id>/transfers")
@page(reads_here)
def transfers(outlet_id: UUID):
    """Every transfer out of and into the outlet, newest sent first, 50 a page; ?state=
    in_transit or received narrows it (another value, like a page out of range, is ignored)."""
    outlet = outlet_or_404(outlet_id)
    state = request.args.get("state") if request.args.get("state") in STATES else None
    number = request.args.get("page", 1, type=int)
    number = number if 1 <= number <= MAX_PAGE else 1
    found = ask(transfers_page, outlet_id, state, None, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    first = (number - 1) * PAGE_SIZE + 1
    return render_template(
        "counter_transfers.html",
        outlet=outlet,
        state=state,
        found={
            **found,
            "number": number,
            "pages": max(1, -(-found["total"] // PAGE_SIZE)),
            "first": first,
            "last": first + len(found["items"]) - 1,
        },
        page_url=partial(_page_url, outlet_id, state),
        sent_on=lambda transfer: local_day(datetime.fromisoformat(transfer["sent_at"])),
        records_here=g.principal.may_write_to_outlet(outlet_id),
    )


def _page_url(outlet_id: UUID, state: str | None, number: int) -> str:
    return url_for("pages.transfers", outlet_id=outlet_id, state=state, page=number)


@bp.route("/counter/<uuid:outlet_id>/transfers/<uuid:transfer_id>", methods=["GET", "POST"])
@page(works_here)
def receive_transfer(outlet_id: UUID, transfer_id: UUID):
    """Receive a transfer sent here: all of it, or the quantities counted on arrival."""
    outlet = outlet_or_404(outlet_id)
    found = ask(outlet_transfers, outlet_id, None, "in", 1, transfer_id)
    if not found:
        abort(404)
    if request.method == "GET" and found[0]["state"] != "in_transit":
        # The back button after receiving it: the list says it was received; a form sent
        # again gets the first answer below.
        flash(_("Chuyến hàng này đã được nhận rồi; không ghi thêm gì."), "ok")
        return redirect(url_for("pages.transfers", outlet_id=outlet_id))
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
        command = ReceiveTransfer(outlet_id, transfer_id, lines)
        if record_and_say(form, "receive-transfer", refused, command, _received):
            return to_stock(outlet_id)
    rows = list(zip(transfer["lines"], form.lines, strict=False))
    return render_template(
        "counter_receive_transfer.html",
        outlet=outlet,
        transfer=transfer,
        form=form,
        rows=rows,
        sent_on=local_day(datetime.fromisoformat(transfer["sent_at"])),
    )


def _received(done: dict) -> str:
    return _("Đã nhận %(received)s, ghi mất %(lost)s", received=done["received"], lost=done["lost"])


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
        if record_and_say(form, "threshold", refused, command, _("Đã đặt ngưỡng sắp hết hàng")):
            return to_stock(outlet_id)
    return render_template("counter_threshold.html", outlet=outlet, form=form)
