"""The GS1 Digital Link resolver: what a phone opens when it scans a package's QR code.

``/01/{GTIN}`` (8, 12, 13 or 14 digits, check digit checked) redirects to the product's public
page; ``/01/{GTIN}/10/{lot}`` to the page of that lot, which shows its expiry and whether it has
passed; ``?17=YYMMDD``, the expiry printed in the code, is shown when the lot is not recorded.
A redirect (302, not 301) because a correction may give the GTIN to another product.
"""

from flask import make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from domain.errors import InvalidValue
from marketplace.clock import today
from projections.queries.labels import product_holding_gtin
from web.digital_link import EXPIRY_AI, from_yymmdd, held_forms
from web.pages.blueprint import bp
from web.pages.labels import bad_request
from web.pages.refusals import refusal_text
from web.read import ask


@bp.get("/01/<gtin>")
@bp.get("/01/<gtin>/10/<path:lot>")
def resolve_gtin(gtin: str, lot: str | None = None):
    """Open the public page of the product with this GTIN (and of this lot of it)."""
    try:
        forms = held_forms(gtin)
    except InvalidValue as refused:
        reason = refusal_text(refused)
        return bad_request(_("Mã GTIN %(gtin)s không hợp lệ: %(reason)s", gtin=gtin, reason=reason))
    printed = request.args.get(EXPIRY_AI)
    try:
        expires = from_yymmdd(printed, today()) if printed is not None else None
    except ValueError:
        return bad_request(_("Hạn sử dụng (17) phải là một ngày dạng YYMMDD, ví dụ 271231."))
    product_id = ask(product_holding_gtin, forms)
    if product_id is None:
        return not_found(gtin)
    where = {"lot": lot} if lot else {}
    if lot and expires:
        where["exp"] = expires.isoformat()
    return redirect(url_for("pages.public_product", product_id=product_id, **where))


def not_found(gtin: str):
    """404, in the page's language, naming the GTIN that no product has."""
    page = render_template(
        "error.html",
        code=404,
        title=_("Không tìm thấy sản phẩm"),
        message=_("Không có sản phẩm nào mang mã GTIN %(gtin)s.", gtin=gtin),
    )
    return make_response(page, 404)
