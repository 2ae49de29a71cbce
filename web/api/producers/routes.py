"""/producers: register a producer, list them; GET /producers/{id} now or on a past day;
PATCH /producers/{id}: correct it."""

from flask_smorest import Blueprint

from marketplace.messages import CorrectProducer, RegisterProducer
from projections.queries.lists import producers_list
from web.api.common import AsOfQuerySchema, IdSchema, refuse_time_travel_to_non_log_readers
from web.api.lists import list_filters
from web.api.producers.schemas import (
    ProducerCreateSchema,
    ProducerListSchema,
    ProducerQueryArgsSchema,
    ProducerSchema,
    ProducerUpdateSchema,
)
from web.application import marketplace
from web.auth import allowed, execute, sends, signed_in
from web.read import ask

blp = Blueprint("producers", __name__, url_prefix="/producers", description="Producers")


@blp.route("", methods=["POST"])
@sends(RegisterProducer)
@blp.arguments(ProducerCreateSchema)
@blp.response(201, IdSchema)
def register_producer(producer):
    """Register a producer (cooperative, enterprise, cooperative group or household)."""
    return execute(RegisterProducer(**producer))


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(ProducerQueryArgsSchema, location="query")
@blp.response(200, ProducerListSchema)
def list_producers(args):
    """Find producers by name or registration number, place and kind, in Vietnamese order."""
    return ask(producers_list, list_filters(args))


@blp.route("/<uuid:producer_id>", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(AsOfQuerySchema, location="query")
@blp.response(200, ProducerSchema)
def get_producer(query, producer_id):
    """Read a producer with the name, kind and place in force today or on a past day
    (``?as_of=``, as GET /products/{id} does), and its corrections; as recorded at a version
    only for auditors and admins."""
    refuse_time_travel_to_non_log_readers(query, arguments=("as_of_version",))
    return marketplace().producer(producer_id, query["as_of"], query["as_of_version"])


@blp.route("/<uuid:producer_id>", methods=["PATCH"])
@sends(CorrectProducer)
@blp.arguments(ProducerUpdateSchema)
@blp.response(200, ProducerSchema)
def correct_producer(correction, producer_id):
    """Correct a producer's name or kind, or record its move, from a day, with why; 422
    ``nothing_to_change`` if every value given is the one recorded."""
    return execute(CorrectProducer(producer_id, **correction))
