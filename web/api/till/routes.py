"""/outlets/{id}/till: the sellable stock a till on a phone caches, with an ETag so that the
phone asks again cheaply (If-None-Match answers 304 while nothing changed)."""

from uuid import UUID

from flask_smorest import Blueprint

from marketplace.clock import today
from marketplace.errors import NotFound
from projections.queries.outlets import outlets_named
from projections.queries.till import till_catalogue
from web.api.till import schemas as s
from web.auth import allowed, reads_outlet
from web.read import ask

blp = Blueprint("till", __name__, url_prefix="/outlets", description="The till's catalogue")


@blp.route("/<uuid:outlet_id>/till", methods=["GET"])
@allowed(reads_outlet, "staff read only the outlets they are bound to")
@blp.etag
@blp.response(200, s.TillSchema)
def till(outlet_id: UUID):
    """The outlet's stock on hand by product (producer, GTIN, price, stars) and lot (expiry,
    quantity, expired or not), for a till to sell from offline; send the ETag back in
    If-None-Match to get 304 while it is unchanged."""
    if not ask(outlets_named, [outlet_id]):
        raise NotFound.because("no_such_record", kind="outlet", id=str(outlet_id))
    return ask(till_catalogue, outlet_id, today())
