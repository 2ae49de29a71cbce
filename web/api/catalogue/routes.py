"""GET /catalogue: products with their certificate, where listed and where in stock; and
GET /catalogue/export: the same as CSV or Excel."""

from flask_smorest import Blueprint

from marketplace.clock import today
from projections.queries.catalogue import catalogue
from web.api.catalogue.schemas import (
    CatalogueExportQueryArgsSchema,
    CatalogueQueryArgsSchema,
    CatalogueSchema,
)
from web.api.downloads import DOWNLOAD_DOC
from web.auth import allowed, signed_in
from web.read import ask
from web.tables import CATALOGUE, download

EXPORT_LIMIT = 1_000_000
"""An export holds every product found."""

blp = Blueprint("catalogue", __name__, url_prefix="/catalogue", description="Catalogue")


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(CatalogueQueryArgsSchema, location="query")
@blp.response(200, CatalogueSchema)
def get_catalogue(args):
    """Search the catalogue by group, stars, the producer's place or text (name, producer, GTIN)."""
    return ask(catalogue, args["as_of"] or today(), **_filters(args))


@blp.route("/export", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(CatalogueExportQueryArgsSchema, location="query")
@blp.doc(responses=DOWNLOAD_DOC)
def export_catalogue(args):
    """Download the products found (the same filters, every page) as CSV or Excel."""
    day = args["as_of"] or today()
    found = ask(catalogue, day, **_filters(args), limit=EXPORT_LIMIT)
    name = f"ocop-catalogue-{day.isoformat()}"
    return download(name, args["format"], CATALOGUE, found["items"], labelled=False)


def _filters(args: dict) -> dict:
    """The catalogue's filters as the query takes them (a page's limit and offset if asked)."""
    paging = {key: args[key] for key in ("limit", "offset") if key in args}
    return {
        "group": args["group"],
        "stars": args["stars"],
        "place": {level: args[level] for level in ("province", "district", "commune")},
        "text": args["q"],
        "units": args["units"],
        **paging,
    }
