"""POST /producers: register a producer; PATCH /producers/{id}: correct it."""

from flask_smorest import Blueprint

from marketplace.messages import CorrectProducer, RegisterProducer
from web.api.common import IdSchema
from web.api.producers.schemas import ProducerCreateSchema, ProducerSchema, ProducerUpdateSchema
from web.auth import execute, sends

blp = Blueprint("producers", __name__, url_prefix="/producers", description="Producers")


@blp.route("", methods=["POST"])
@sends(RegisterProducer)
@blp.arguments(ProducerCreateSchema)
@blp.response(201, IdSchema)
def register_producer(producer):
    """Register a producer (cooperative, enterprise, cooperative group or household)."""
    return execute(RegisterProducer(**producer))


@blp.route("/<uuid:producer_id>", methods=["PATCH"])
@sends(CorrectProducer)
@blp.arguments(ProducerUpdateSchema)
@blp.response(200, ProducerSchema)
def correct_producer(correction, producer_id):
    """Correct a producer's name or kind, or record its move, from a day, with why; 422
    ``nothing_to_change`` if every value given is the one recorded."""
    return execute(CorrectProducer(producer_id, **correction))
