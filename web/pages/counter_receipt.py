"""After a sale: recording it once and leading to its receipt (hóa đơn), which shows the outlet,
the lines with the stars of each product's certificate, the total, what the customer paid and
the change, the time and the sale's number of the day; it prints on a 58 or 80 mm till roll.

A sale's form sent again leads to the same receipt saying it was recorded before; sent again
with other lines, it records nothing and shows what was recorded (post/redirect/get: the back
button after a sale never resends it)."""

from collections.abc import Callable
from functools import partial
from uuid import UUID

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.messages import Sell
from marketplace.proofs.evidence import Evidence
from web.pages.blueprint import bp
from web.pages.counter import reads_here, receipt_or_404
from web.pages.counter_forms import SaleForm
from web.pages.evidence import of_position, verifier
from web.pages.i18n import day, money
from web.pages.once import send_once
from web.pages.refusals import Refusal, add_error, show_refusal
from web.pages.session import page
from web.receipt_files import WIDTHS_MM, Row, receipt_pdf, receipt_png


@bp.get("/counter/<uuid:outlet_id>/sales/<uuid:sale_id>")
@page(reads_here)
def sale_receipt_page(outlet_id: UUID, sale_id: UUID):
    """A sale's receipt: what the customer paid and the change come from the sale's record."""
    outlet, receipt = receipt_or_404(outlet_id, sale_id)
    proof = of_position(receipt["position"])
    key = verifier()
    return render_template(
        "counter_sale_receipt.html", outlet=outlet, receipt=receipt, proof=proof, key=key
    )


@bp.get("/counter/<uuid:outlet_id>/sales/<uuid:sale_id>/receipt.<any(pdf, png):fmt>")
@page(reads_here)
def sale_receipt_file(outlet_id: UUID, sale_id: UUID, fmt: str):
    """The receipt as a PDF or PNG file, 80 mm wide or ``?width=58``, to share or keep."""
    outlet, receipt = receipt_or_404(outlet_id, sale_id)
    width = request.args.get("width", "80")
    if width not in {str(w) for w in WIDTHS_MM}:
        abort(404)  # a roll of another width has no receipt file
    width = int(width)
    rows = _rows(outlet, receipt, of_position(receipt["position"]))
    name = f"hoa-don-{receipt['sold_at']:%Y%m%d}-{receipt['number']}-{str(sale_id)[:8]}.{fmt}"
    if fmt == "pdf":
        title = f"{outlet['name']} · {_('Hóa đơn bán hàng')} · {_('Số %(n)s', n=receipt['number'])}"
        body, mimetype = receipt_pdf(rows, width, title), "application/pdf"
    else:
        body, mimetype = receipt_png(rows, width), "image/png"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rows(outlet: dict, receipt: dict, proof: Evidence | None) -> list[Row]:
    """The receipt's rows in the page's language, as the screen shows them."""
    sold_at = receipt["sold_at"]
    rows = [
        Row(outlet["name"], center=True, bold=True),
        Row(f"{_('Hóa đơn bán hàng')} · {_('Số %(n)s', n=receipt['number'])}", center=True),
        Row(f"{sold_at:%H:%M} {day(sold_at.date())}", center=True),
        Row(rule=True),
    ]
    for line in receipt["lines"]:
        stars = f" {'★' * line['stars']}" if line["stars"] else ""
        rows.append(Row(f"{line['name']}{stars}"))
        rows.append(
            Row(f"  {line['qty']} × {money(line['unit_price_vnd'])}", money(line["amount_vnd"]))
        )
    rows += [Row(rule=True), Row(_("Tổng cộng"), money(receipt["total_vnd"]), bold=True)]
    if receipt["paid_vnd"] is not None:
        rows.append(Row(_("Khách đưa"), money(receipt["paid_vnd"])))
        rows.append(Row(_("Tiền thừa"), money(receipt["change_vnd"])))
    rows += [Row(rule=True), Row(f"{_('Mã hóa đơn')}: {receipt['sale_id']}", small=True)]
    if proof is not None and proof.leaf_index is not None:
        said = _("lá số %(n)s của cây Merkle của nhật ký", n=proof.leaf_index)
        if proof.signed:
            checkpoint = proof.checkpoint
            said += "; " + _(
                "có trong điểm kiểm tra đã ký %(origin)s, kích thước %(size)s",
                origin=checkpoint.origin,
                size=checkpoint.size,
            )
        else:
            said += "; " + _("chưa có trong điểm kiểm tra đã ký nào")
        rows.append(Row(f"{_('Bằng chứng trong nhật ký')}: {said}", small=True))
    return rows


def record_sale(
    form: SaleForm,
    outlet_id: UUID,
    products: dict,
    on_refused: Callable[[Refusal], None],
):
    """Record the form's sale once: a redirect to its receipt, or None and what the form
    recorded before if it was sent then with other lines (errors are put beside fields)."""
    command = _checked_sale(form, outlet_id, products)
    if command is None:
        return None, None
    result, again = send_once(form, "sale", partial(_beside_paid, form, on_refused), command)
    if result is None:
        return None, form.sent_other  # the lines differ from what was recorded: check, send again
    flash(_("Bán hàng này đã được ghi nhận trước đó") if again else _("Đã ghi nhận bán hàng"), "ok")
    return redirect(_receipt_url(outlet_id, result["id"])), None


def _beside_paid(form: SaleForm, on_refused: Callable[[Refusal], None], refused: Refusal) -> None:
    """The domain's refusal of what the customer paid goes beside "Khách đưa"."""
    if refused.field == "paid_vnd":
        show_refusal(form, refused, "paid")
    else:
        on_refused(refused)


def _receipt_url(outlet_id: UUID, sale_id: str) -> str:
    return url_for("pages.sale_receipt_page", outlet_id=outlet_id, sale_id=sale_id)


def _checked_sale(form: SaleForm, outlet_id: UUID, products: dict) -> Sell | None:
    """The sale the form asks for, or None with errors beside the fields."""
    if not form.validate_on_submit():
        return None
    if not form.lines.entries:
        add_error(form.find, _("Hãy thêm ít nhất một sản phẩm"))
        return None
    gone = [line for line in form.lines.entries if line.product_id.data not in products]
    for line in gone:
        add_error(line.qty, _("Sản phẩm này không còn hàng ở điểm bán"))
    if gone:
        return None
    lines = [
        {
            "product_id": UUID(line.product_id.data),
            "qty": line.qty.data,
            "unit_price_vnd": products[line.product_id.data]["price_vnd"],
        }
        for line in form.lines.entries
    ]
    return Sell(outlet_id, lines, paid_vnd=form.paid.data)
