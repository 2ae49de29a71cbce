"""The counter (quầy bán), for outlet staff on a phone: their outlets, stock on hand, today's
sales and the low-stock and expiring-soon lists. The recording screens live beside it:
counter_lines.py (sale and receipt, lines found by name or barcode) and counter_lots.py
(transfer, stock count, write-off).

Each recording form calls one application method, once per hidden form key: a double tap or a
resubmitted form answers the first result and records nothing twice.
"""

from uuid import UUID

from flask import abort, g, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from marketplace.clock import today
from projections.queries.corrections import corrected_sales
from projections.queries.counter import expiring, running_low
from projections.queries.day_sales import day_sales
from projections.queries.inventory import outlet_inventory
from projections.queries.lists import names_of
from projections.queries.outlets import outlets_named, stocked_products
from projections.queries.receipt import sale_receipt
from projections.queries.sales import sales_report
from projections.queries.transfers import outlet_transfers
from web.pages.blueprint import bp, outlet_or_404
from web.pages.nav import nav_link
from web.pages.session import page
from web.read import ask
from web.tables import INVENTORY, SALES, download, inventory_rows

nav_link(20, _l("Quầy bán"), "pages.counter", lambda p: p.role in ("staff", "manager", "admin"))

EXPIRING_WITHIN_DAYS = 30


def works_here(principal, args: dict) -> bool:
    """The recording screens: the rule the API's writes to an outlet use."""
    return principal.may_write_to_outlet(args["outlet_id"])


def reads_here(principal, args: dict) -> bool:
    """Stock, today's sales and alerts: the rule the API's reads of an outlet use."""
    return principal.may_read_outlet(args["outlet_id"])


def to_stock(outlet_id: UUID):
    """Where a recording screen leads once its form is recorded (post/redirect/get): the
    outlet's stock, with what was recorded, or that nothing new was, said at the top."""
    return redirect(url_for("pages.stock", outlet_id=outlet_id))


# Choosing the outlet, and what it has ------------------------------------------------------


def receipt_or_404(outlet_id: UUID, sale_id: UUID) -> tuple[dict, dict]:
    """The outlet and one of its sales' receipt (404 if either is unknown)."""
    outlet = outlet_or_404(outlet_id)
    receipt = ask(sale_receipt, outlet_id, sale_id)
    if receipt is None:
        abort(404)
    return outlet, receipt


@bp.get("/counter")
@page(lambda p, _: p.role in ("staff", "manager", "admin"))
def counter():
    """The outlets a staff member works at."""
    ids = None if g.principal.role == "admin" else list(g.principal.outlet_ids)
    return render_template("counter.html", outlets=ask(outlets_named, ids))


@bp.get("/counter/<uuid:outlet_id>")
@page(reads_here)
def stock(outlet_id: UUID):
    """What the outlet has on hand, and the way to every counter screen."""
    outlet = outlet_or_404(outlet_id)
    return render_template(
        "stock.html",
        outlet=outlet,
        products=ask(stocked_products, outlet_id),
        inventory=ask(outlet_inventory, outlet_id),
        in_transit=ask(outlet_transfers, outlet_id, "in_transit"),
        records_here=g.principal.may_write_to_outlet(outlet_id),
    )


@bp.get("/counter/<uuid:outlet_id>/today")
@page(reads_here)
def todays_sales(outlet_id: UUID):
    """Today's sales at the outlet (the business day in Vietnam) and their total in VND."""
    outlet = outlet_or_404(outlet_id)
    sales = ask(day_sales, outlet_id, today())
    return render_template(
        "counter_today.html",
        outlet=outlet,
        sales=sales,
        corrected=ask(corrected_sales, [UUID(sale["sale_id"]) for sale in sales["sales"]]),
        records_here=g.principal.may_write_to_outlet(outlet_id),
        manages_here=g.principal.may_manage_outlet(outlet_id),
    )


@bp.get("/counter/<uuid:outlet_id>/stock.<any(csv, xlsx):fmt>")
@page(reads_here)
def stock_download(outlet_id: UUID, fmt: str):
    """What the outlet has on hand, a row a lot, as CSV or Excel in the page's language."""
    outlet_or_404(outlet_id)
    stock = ask(outlet_inventory, outlet_id)
    names = ask(names_of, "product", [item["product_id"] for item in stock["items"]])
    name = f"ocop-inventory-{today().isoformat()}"
    return download(name, fmt, INVENTORY, inventory_rows(stock, names), labelled=True)


@bp.get("/counter/<uuid:outlet_id>/today.<any(csv, xlsx):fmt>")
@page(reads_here)
def todays_sales_download(outlet_id: UUID, fmt: str):
    """Today's sales at the outlet by product (the sales report), as CSV or Excel."""
    outlet_or_404(outlet_id)
    day = today()
    report = ask(sales_report, "product", day, day, {outlet_id})
    name = f"ocop-sales-{day.isoformat()}"
    return download(name, fmt, SALES, report["items"], labelled=True)


@bp.get("/counter/<uuid:outlet_id>/alerts")
@page(reads_here)
def alerts(outlet_id: UUID):
    """Running low (sắp hết hàng) and expired or expiring soon (sắp hết hạn): what to reorder,
    sell first or write off."""
    outlet = outlet_or_404(outlet_id)
    return render_template(
        "counter_alerts.html",
        outlet=outlet,
        low=ask(running_low, outlet_id, today()),
        expiring=ask(expiring, outlet_id, today(), EXPIRING_WITHIN_DAYS),
        days=EXPIRING_WITHIN_DAYS,
        records_here=g.principal.may_write_to_outlet(outlet_id),
    )
