"""/producers: register a producer; list them."""

from flask_smorest import Blueprint

from marketplace.messages import RegisterProducer
from projections.queries.lists import producers_list
from web.api.common import IdSchema
from web.api.lists import list_filters
from web.api.producers.schemas import (
    ProducerCreateSchema,
    ProducerListSchema,
    ProducerQueryArgsSchema,
)
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
