"""GET /coverage, /targets and /reports/sales."""

from flask import g
from flask_smorest import Blueprint

from marketplace.clock import today
from projections.queries.coverage import coverage
from projections.queries.sales import sales_report
from projections.queries.targets import targets
from web.api.reports import schemas as s
from web.auth import allowed, signed_in
from web.errors import Forbidden
from web.read import ask

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
    return ask(targets, args["province"], args["year"], today())


@blp.route("/reports/sales", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.SalesQueryArgsSchema, location="query")
@blp.response(200, s.SalesReportSchema)
def get_sales_report(args):
    """Quantities and VND sold, grouped by outlet, product, producer, place, day or month; of
    one outlet (`outlet_id`) or of every outlet the user reads (staff: the outlets they are
    bound to, 403 for another outlet)."""
    outlet_ids = g.principal.readable_outlets
    if args["outlet_id"] is not None:
        if not g.principal.may_read_outlet(args["outlet_id"]):
            raise Forbidden("staff read only the sales of the outlets they are bound to")
        outlet_ids = {args["outlet_id"]}
    return ask(sales_report, args["by"], args["start"], args["end"], outlet_ids, args["units"])
