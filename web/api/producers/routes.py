"""POST /producers: register a producer."""

from flask_smorest import Blueprint

from marketplace.messages import RegisterProducer
from web.api.common import IdSchema
from web.api.producers.schemas import ProducerCreateSchema
from web.auth import execute, sends

blp = Blueprint("producers", __name__, url_prefix="/producers", description="Producers")


@blp.route("", methods=["POST"])
@sends(RegisterProducer)
@blp.arguments(ProducerCreateSchema)
@blp.response(201, IdSchema)
def register_producer(producer):
    """Register a producer (cooperative, enterprise, cooperative group or household)."""
    return execute(RegisterProducer(**producer))
