"""The counter, for outlet staff on a phone: their outlets, stock on hand, and the sale screen."""

import hashlib
from uuid import UUID, uuid4

from flask import (
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.errors import DomainError
from marketplace.commands import request_key
from marketplace.errors import ApplicationError
from marketplace.persistence import RequestKey
from projections.queries.inventory import outlet_inventory
from projections.queries.outlets import outlets_named, stocked_products
from web.pages.blueprint import bp, market, outlet_or_404
from web.pages.forms import SaleForm
from web.pages.nav import nav_link
from web.pages.session import page
from web.read import ask

nav_link(20, _l("Quầy bán"), "pages.counter", lambda p: p.role in ("staff", "admin"))


@bp.get("/counter")
@page(lambda p, _: p.role in ("staff", "admin"))
def counter():
    """The outlets a staff member works at."""
    ids = None if g.principal.role == "admin" else list(g.principal.outlet_ids)
    return render_template("counter.html", outlets=ask(outlets_named, ids))


@bp.get("/counter/<uuid:outlet_id>")
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def stock(outlet_id: UUID):
    """What the outlet has on hand."""
    outlet = outlet_or_404(outlet_id)
    return render_template(
        "stock.html",
        outlet=outlet,
        products=ask(stocked_products, outlet_id),
        inventory=ask(outlet_inventory, outlet_id),
    )


@bp.route("/counter/<uuid:outlet_id>/sale", methods=["GET", "POST"])
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def sale(outlet_id: UUID):
    """Record a sale: lines, the total in VND, one submit."""
    outlet = outlet_or_404(outlet_id)
    products = ask(stocked_products, outlet_id)
    form = SaleForm()
    if not form.idempotency_key.data:
        form.idempotency_key.data = uuid4().hex
    choices = [("", "—")] + [(str(p["id"]), f"{p['name']} ({p['on_hand']})") for p in products]
    for line in form.lines:
        line.product_id.choices = choices
    if form.validate_on_submit():
        lines = _sale_lines(form, products)
        if not lines:
            form.lines[0].product_id.errors.append(_("Hãy chọn ít nhất một sản phẩm"))
        elif _record_sale(form, outlet_id, lines):
            flash(_("Đã ghi nhận bán hàng"), "ok")
            return redirect(url_for("pages.stock", outlet_id=outlet_id))
    prices = {str(p["id"]): p["price_vnd"] for p in products}
    return render_template("sale.html", outlet=outlet, form=form, prices=prices)


def _sale_lines(form: SaleForm, products: list[dict]) -> list[dict]:
    prices = {str(p["id"]): p["price_vnd"] for p in products}
    return [
        {
            "product_id": UUID(line.product_id.data),
            "qty": line.qty.data or 1,
            "unit_price_vnd": prices[line.product_id.data],
        }
        for line in form.lines
        if line.product_id.data in prices
    ]


def _record_sale(form: SaleForm, outlet_id: UUID, lines: list[dict]) -> bool:
    """Record once per form: a double tap or a resubmission answers the first sale."""
    body = repr(sorted((str(l["product_id"]), l["qty"]) for l in lines)).encode()
    key = RequestKey(
        str(g.principal.id),
        f"page-sale:{form.idempotency_key.data}",
        hashlib.sha256(body).hexdigest(),
    )
    try:
        with request_key(key):
            market().sell(outlet_id, lines)
    except (DomainError, ApplicationError) as refused:
        form.lines[0].qty.errors.append(_("Không ghi được: %(reason)s", reason=refused.message))
        return False
    return True
