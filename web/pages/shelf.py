"""The supermarket shelf: listed OCOP products with stock and certificate warnings; list and delist."""

from uuid import UUID

from flask import (
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from domain.errors import DomainError
from marketplace.clock import today
from marketplace.errors import ApplicationError
from marketplace.messages import DelistProduct, ListProduct
from projections.queries.catalogue import catalogue
from projections.queries.outlets import shelf
from web.application import marketplace
from web.pages.blueprint import bp, outlet_or_404
from web.pages.forms import ShelfForm
from web.pages.refusals import refusal_text
from web.pages.session import page
from web.read import ask


@bp.route("/shelf/<uuid:outlet_id>", methods=["GET", "POST"])
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def shelf_page(outlet_id: UUID):
    """A supermarket's shelf: listed OCOP products, their stock and certificate warnings;
    list more from the catalogue, or delist."""
    outlet = outlet_or_404(outlet_id)
    form = ShelfForm()
    if form.validate_on_submit():
        product_id = UUID(form.product_id.data)
        try:
            if form.action.data == "list":
                marketplace().execute(ListProduct(outlet_id, product_id), g.principal)
                flash(_("Đã niêm yết sản phẩm"), "ok")
            else:
                marketplace().execute(DelistProduct(outlet_id, product_id), g.principal)
                flash(_("Đã thôi niêm yết sản phẩm"), "ok")
        except (DomainError, ApplicationError) as refused:
            flash(_("Không ghi được: %(reason)s", reason=refusal_text(refused)), "error")
        return redirect(
            url_for("pages.shelf_page", outlet_id=outlet_id, q=request.args.get("q", ""))
        )
    text = request.args.get("q", "").strip()
    found = ask(catalogue, today(), text=text, limit=20)["items"] if text else []
    return render_template(
        "shelf.html",
        outlet=outlet,
        rows=ask(shelf, outlet_id, today()),
        found=found,
        text=text,
        form=form,
    )
