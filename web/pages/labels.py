"""QR codes and printable labels (nhãn QR) of a product or of one lot of it.

Each product's QR code holds its GS1 Digital Link URI on this server (web/digital_link.py),
which the resolver (web/pages/resolver.py) opens as the public product page; a product without
a GTIN holds its public page's address. Both need no sign-in: they show what the public page
shows. The host is ``OCOP_PUBLIC_URL`` when set, else the one the request came to.
"""

import math
from datetime import date
from typing import Any
from uuid import UUID

from flask import Response, abort, current_app, make_response, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.clock import today
from projections.queries.labels import product_lot, product_lots
from web.digital_link import digital_link
from web.pages.blueprint import bp, date_arg
from web.pages.officers import product_or_404
from web.qr import MEDIA_TYPES, qr_image
from web.read import ask

LABELS_PER_SHEET = 12
"""Three across and four down on A4 (labels.css)."""
MAX_LABELS = 240
IMAGE_MAX_AGE = 3600
"""An hour: a corrected GTIN reaches the codes soon, and a sheet of labels loads its code once."""


def public_base() -> str:
    """Where the QR codes point: the configured public address, else this request's host."""
    base = current_app.config.get("OCOP_PUBLIC_URL") or request.host_url
    return base.rstrip("/")


def qr_content(product: dict[str, Any], lot: dict[str, Any] | None) -> str:
    """What the product's (or the lot's) QR code holds."""
    code = lot["lot"] if lot else None
    if product["gtin"]:
        expires = lot["expires_on"] if lot else None
        return digital_link(public_base() + request.script_root, product["gtin"], code, expires)
    return public_base() + url_for("pages.public_product", product_id=product["id"], lot=code)


def chosen_lot(product_id: UUID) -> dict[str, Any] | None:
    """The lot named by ``?lot=``, with its expiry; 404 when no outlet has received it."""
    code = request.args.get("lot")
    if not code:
        return None
    found = ask(product_lot, product_id, code)
    if found is None:
        abort(404)
    return found


@bp.get("/p/<uuid:product_id>/qr.<any(svg, png):fmt>")
def qr_code(product_id: UUID, fmt: str):
    """The QR code of the product, or with ``?lot=`` of that lot, as SVG or PNG."""
    product = product_or_404(product_id)
    content = qr_content(product, chosen_lot(product_id))
    response = make_response(qr_image(content, fmt))
    response.mimetype = MEDIA_TYPES[fmt]
    response.cache_control.public = True
    response.cache_control.max_age = IMAGE_MAX_AGE
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/p/<uuid:product_id>/labels")
def labels(product_id: UUID):
    """A printable A4 sheet of ``n`` labels of the product, or of one lot with ``?lot=``."""
    product = product_or_404(product_id)
    lot = chosen_lot(product_id)
    count = request.args.get("n", str(LABELS_PER_SHEET))
    if not (count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_LABELS):
        return bad_request(_("Số nhãn phải là số nguyên từ 1 đến %(max)s.", max=MAX_LABELS))
    sheets = math.ceil(int(count) / LABELS_PER_SHEET)
    per_sheet = [min(LABELS_PER_SHEET, int(count) - i * LABELS_PER_SHEET) for i in range(sheets)]
    return render_template(
        "labels.html",
        product=product,
        lot=lot and with_state(lot),
        link=qr_content(product, lot),
        per_sheet=per_sheet,
        count=int(count),
        lots=ask(product_lots, product_id),
    )


def with_state(lot: dict[str, Any]) -> dict[str, Any]:
    """The lot and whether it has expired (it may be sold up to its expiry day)."""
    expires: date | None = lot["expires_on"]
    return {**lot, "expired": expires is not None and expires < today()}


def lot_on_page(product_id: UUID) -> dict[str, Any] | None:
    """The lot the public page was opened for (a scanned lot label): its expiry as recorded, or
    when no outlet has recorded the lot, as printed on the label (``exp``, from the code)."""
    code = request.args.get("lot")
    if not code:
        return None
    try:
        printed = date_arg("exp")
    except ValueError:
        abort(bad_request(_("Hạn sử dụng in trên nhãn (exp) phải là một ngày yyyy-mm-dd.")))
    found = ask(product_lot, product_id, code)
    if found is not None:
        return {**with_state(found), "known": True}
    return {**with_state({"lot": code, "expires_on": printed}), "known": False}


def bad_request(message: str) -> Response:
    """A 400 page that says what was wrong with the address."""
    title = _("Địa chỉ không hợp lệ")
    return make_response(render_template("error.html", code=400, title=title, message=message), 400)
