"""GET /catalogue: products with their certificate, where listed and where in stock."""

from flask_smorest import Blueprint

from marketplace.clock import today
from projections.queries.catalogue import catalogue
from web.api.catalogue.schemas import CatalogueQueryArgsSchema, CatalogueSchema
from web.auth import allowed, signed_in
from web.read import ask

blp = Blueprint("catalogue", __name__, url_prefix="/catalogue", description="Catalogue")


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(CatalogueQueryArgsSchema, location="query")
@blp.response(200, CatalogueSchema)
def get_catalogue(args):
    """Search the catalogue by group, stars, the producer's place or text (name, producer, GTIN)."""
    places = {level: args[level] for level in ("province", "district", "commune")}
    return ask(
        catalogue,
        args["as_of"] or today(),
        group=args["group"],
        stars=args["stars"],
        place=places,
        text=args["q"],
        limit=args["limit"],
        offset=args["offset"],
    )
