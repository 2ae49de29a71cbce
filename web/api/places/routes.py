"""GET /places: Vietnam's administrative units by their GSO codes, old and new."""

from flask_smorest import Blueprint

from marketplace.clock import today
from marketplace.places.search import described, find_units
from web.api.places.schemas import PlacesQueryArgsSchema, PlacesSchema
from web.auth import allowed, signed_in

blp = Blueprint("places", __name__, url_prefix="/places", description="Places")


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(PlacesQueryArgsSchema, location="query")
@blp.response(200, PlacesSchema)
def get_places(args):
    """Find provinces, districts (before July 2025) and communes in force on a day."""
    found = find_units(
        args["q"], args["province"], args["level"], args["as_of"] or today(), args["limit"]
    )
    return {"items": [described(unit) for unit in found]}
