"""POST /producers: register a producer."""

from flask import current_app
from flask_smorest import Blueprint

from web.api.common import IdSchema
from web.api.producers.schemas import ProducerCreateSchema
from web.auth import allowed, keeps_registers

blp = Blueprint("producers", __name__, url_prefix="/producers", description="Producers")


@blp.route("", methods=["POST"])
@allowed(keeps_registers, "only programme officers and admins register producers")
@blp.arguments(ProducerCreateSchema)
@blp.response(201, IdSchema)
def register_producer(producer):
    """Register a producer (cooperative, enterprise, cooperative group or household)."""
    return current_app.extensions["ocop"].register_producer(**producer)
