"""The JSON API under /api/v1: one flask-smorest blueprint per resource."""

from flask_smorest import Api

from web.api.audit.routes import blp as audit_blp
from web.api.auth.routes import blp as auth_blp
from web.api.body import refuse_unsafe_json_body
from web.api.catalogue.routes import blp as catalogue_blp
from web.api.common import refuse_control_characters_in_query, refuse_unknown_query_arguments
from web.api.corrections.routes import blp as corrections_blp
from web.api.outlets.routes import blp as outlets_blp
from web.api.places.routes import blp as places_blp
from web.api.producers.routes import blp as producers_blp
from web.api.products.routes import blp as products_blp
from web.api.reports.routes import blp as reports_blp
from web.api.till.routes import blp as till_blp
from web.api.users.routes import blp as users_blp
from web.auth import guard_request

BLUEPRINTS = (
    auth_blp,
    producers_blp,
    products_blp,
    outlets_blp,
    till_blp,
    corrections_blp,
    catalogue_blp,
    reports_blp,
    places_blp,
    users_blp,
    audit_blp,
)
for _blueprint in BLUEPRINTS:  # once per process: a registered blueprint takes no new hooks
    _blueprint.before_request(guard_request)  # who asks, first: 401 and 403 before any 422
    _blueprint.before_request(refuse_control_characters_in_query)
    _blueprint.before_request(refuse_unknown_query_arguments)
    _blueprint.before_request(refuse_unsafe_json_body)


def register_api(api: Api) -> None:
    """Register every resource under /api/v1."""
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix=f"/api/v1{blueprint.url_prefix or ''}")
