"""GET /coverage, /targets, /reports/sales and its download /reports/sales/export."""

from flask import g
from flask_smorest import Blueprint

from marketplace.clock import today
from projections.queries.coverage import coverage
from projections.queries.sales import sales_report
from projections.queries.targets import targets
from web.api.downloads import DOWNLOAD_DOC
from web.api.reports import schemas as s
from web.auth import allowed, signed_in
from web.errors import Forbidden
from web.read import ask
from web.tables import SALES, download

blp = Blueprint("reports", __name__, url_prefix="", description="Coverage, targets and reports")


@blp.route("/coverage", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.CoverageQueryArgsSchema, location="query")
@blp.response(200, s.CoverageSchema)
def get_coverage(args):
    """Share of open supermarkets and commercial centres selling OCOP products (T1)."""
    places = {level: args[level] for level in ("province", "district", "commune")}
    day = args["as_of"] or today()
    return ask(coverage, day, by=args["by"], places=places, units=args["units"])


@blp.route("/targets", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.TargetsQueryArgsSchema, location="query")
@blp.response(200, s.TargetsSchema)
def get_targets(args):
    """Plan targets T1–T9 of a province for a year, with met / behind / no_data."""
    return ask(targets, args["province"], args["year"], today(), units=args["units"])


@blp.route("/reports/sales", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.SalesQueryArgsSchema, location="query")
@blp.response(200, s.SalesReportSchema)
def get_sales_report(args):
    """Quantities and VND sold, grouped by outlet, product, producer, place, day or month;
    filtered by outlet, product, producer and the outlet's place; of every outlet the user
    reads (staff: the outlets they are bound to, 403 for another `outlet_id`)."""
    return _sales(args)


@blp.route("/reports/sales/export", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.SalesExportQueryArgsSchema, location="query")
@blp.doc(responses=DOWNLOAD_DOC)
def export_sales_report(args):
    """Download the sales report (the same grouping and filters) as CSV or Excel."""
    report = _sales(args)
    name = f"ocop-sales-by-{args['by']}"
    return download(name, args["format"], SALES, report["items"], labelled=False)


def _sales(args: dict) -> dict:
    """The report for the signed-in user: staff read only their outlets' sales."""
    outlet_ids = g.principal.readable_outlets
    if args["outlet_id"] is not None:
        if not g.principal.may_read_outlet(args["outlet_id"]):
            raise Forbidden("staff read only the sales of the outlets they are bound to")
        outlet_ids = {args["outlet_id"]}
    return ask(
        sales_report,
        args["by"],
        args["start"],
        args["end"],
        outlet_ids,
        args["units"],
        **_filters(args),
    )


def _filters(args: dict) -> dict:
    """The sales report's filters beside its outlets: a product, a producer, a place."""
    place = {level: args[level] for level in ("province", "district", "commune")}
    return {"product_id": args["product_id"], "producer_id": args["producer_id"], "place": place}
