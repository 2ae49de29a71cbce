"""What the OpenAPI document says of every operation, declared once for all of them.

Each view documents its own success answer (``@blp.response``); this module adds what every
operation shares, from the facts the document already holds: the error envelope as
web/errors.py sends it for each status the operation can answer, the ``Idempotency-Key``
header on writes made by a signed-in user (web/auth.py keys them), and ``security: []`` on
operations that need no token. ``secured`` marks the views web/auth.py guards.
"""

from collections.abc import Callable
from copy import deepcopy
from http import HTTPStatus
from typing import Any

from apispec import BasePlugin
from flask_smorest import Api
from flask_smorest.utils import deepupdate, prepare_response
from marshmallow import Schema, fields

BEARER = [{"bearerAuth": []}]
KEYED = "x-ocop-keyed"  # a mark from secured() to the plugin, removed from the document
ERROR_SCHEMA_REF = "#/components/schemas/Error"
WRITES = ("post", "put", "patch", "delete")
SIGN_IN_PASSWORD, OWN_PASSWORD = "password", "current_password"
"""Body fields checked against a stored password (signing in, changing one's own), so
guessing there is throttled (429). A signed-in admin's ``password`` sets one: not checked."""
OPERATION_METHODS = ("get", "head", "options", *WRITES)
RETRY_AFTER = {
    "Retry-After": {
        "description": "seconds to wait before trying again",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    }
}
# when each error status is answered; components are named as flask-smorest names them
ERROR_RESPONSES: dict[HTTPStatus, tuple[str, dict[str, Any]]] = {
    HTTPStatus.BAD_REQUEST: ("the body is not valid JSON", {}),
    HTTPStatus.UNAUTHORIZED: ("no valid bearer token, or a wrong username or password", {}),
    HTTPStatus.FORBIDDEN: ("the user's role or outlets do not allow this", {}),
    HTTPStatus.NOT_FOUND: ("no record has this id", {}),
    HTTPStatus.CONFLICT: ("a domain rule refused the change; nothing was recorded", {}),
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: (
        "the request body is over the size limit; nothing was recorded",
        {},
    ),
    HTTPStatus.UNPROCESSABLE_ENTITY: (
        (
            "a field, query argument or header is not valid (`fields` names each one); "
            "nothing was recorded"
        ),
        {},
    ),
    HTTPStatus.TOO_MANY_REQUESTS: ("too many failed attempts; wait and try again", RETRY_AFTER),
    HTTPStatus.SERVICE_UNAVAILABLE: (
        "the database cannot be reached or a view is being rebuilt; nothing was recorded",
        RETRY_AFTER,
    ),
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "send the same key again to repeat a write: the first answer is returned "
    "and nothing is recorded twice; the same key with another request is 422",
}


class ErrorDetailSchema(Schema):
    """What went wrong: a stable code, a message for people, the fields at fault, and for a
    refusal its reason and the values it names."""

    code = fields.String(
        required=True, metadata={"description": "stable code, e.g. insufficient_stock"}
    )
    message = fields.String(required=True, metadata={"description": "for people; may change"})
    field_messages = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        data_key="fields",
        metadata={"description": 'each field at fault, e.g. {"lines.0.qty": ["..."]}'},
    )
    reason = fields.String(
        metadata={
            "description": "a refusal's finer stable code (domain/refusals.py), e.g. "
            "lot_held_with_other_expiry; sent with params"
        }
    )
    params = fields.Dict(
        keys=fields.String(),
        metadata={"description": "the values the refusal names (dates ISO, ids as strings)"},
    )


class ErrorSchema(Schema):
    """The error envelope every 4xx and 5xx answer carries."""

    error = fields.Nested(ErrorDetailSchema, required=True)


def secured(view: Callable[..., Any]) -> None:
    """Document a view web/auth.py's ``allowed`` guards: it needs a bearer token, it may
    answer 403 (its rule, or a rule on what it reads, can refuse the user) and its writes
    honour an Idempotency-Key."""
    _add_doc(view, {"security": BEARER, "responses": {"403": HTTPStatus.FORBIDDEN.name}})
    _add_doc(view, {KEYED: True})


def needs_token(view: Callable[..., Any]) -> Callable[..., Any]:
    """Document a view that reads the bearer token itself (signing out)."""
    _add_doc(view, {"security": BEARER})
    return view


def _add_doc(view: Callable[..., Any], doc: dict[str, Any]) -> None:
    apidoc = deepcopy(getattr(view, "_apidoc", {}))
    apidoc["manual_doc"] = deepupdate(apidoc.get("manual_doc", {}), doc)
    view._apidoc = apidoc  # type: ignore[attr-defined]


def error_statuses(
    path: str, method: str, operation: dict[str, Any], body_fields: set[str]
) -> list[HTTPStatus]:
    """The error statuses ``operation`` can answer, by the facts of its document and the
    names of its body's fields."""
    is_secured = bool(operation.get("security"))
    is_keyed = bool(operation.get(KEYED))
    # a bad query argument and an unreachable store can happen anywhere
    statuses = [
        HTTPStatus.UNAUTHORIZED,
        HTTPStatus.UNPROCESSABLE_ENTITY,
        HTTPStatus.SERVICE_UNAVAILABLE,
    ]
    if "requestBody" in operation:
        statuses += [HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_ENTITY_TOO_LARGE]
    if "{" in path or any(_names_a_record(p) for p in operation.get("parameters", [])):
        statuses.append(HTTPStatus.NOT_FOUND)
    if method in WRITES and is_keyed:
        statuses.append(HTTPStatus.CONFLICT)
    if OWN_PASSWORD in body_fields or (SIGN_IN_PASSWORD in body_fields and not is_secured):
        statuses.append(HTTPStatus.TOO_MANY_REQUESTS)
    return statuses


def _names_a_record(parameter: Any) -> bool:
    """A query argument that is an id (``?aggregate_id=``) must name a record that exists."""
    schema = parameter.get("schema", {}) if isinstance(parameter, dict) else {}
    return schema.get("format") == "uuid"


class ContractPlugin(BasePlugin):
    """Adds to each operation what every operation of the API shares."""

    def init_spec(self, spec) -> None:
        self.spec = spec

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            if method in OPERATION_METHODS:
                _complete(path or "", method, operation, self._body_fields(operation))

    def _body_fields(self, operation: dict[str, Any]) -> set[str]:
        content = operation.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        name = schema.get("$ref", "").rsplit("/", 1)[-1]
        return set(self.spec.components.schemas.get(name, {}).get("properties", {}))


def _complete(path: str, method: str, operation: dict[str, Any], body_fields: set[str]) -> None:
    responses = operation.setdefault("responses", {})
    for status in error_statuses(path, method, operation, body_fields):
        if status.value not in responses and str(status.value) not in responses:
            responses[status.value] = status.name  # a component, registered when first named
    for status, response in responses.items():
        # an alt_response with only a description still carries the envelope
        if not isinstance(response, dict) or str(status)[0] not in "45":
            continue
        if "$ref" not in response and "content" not in response:
            response["content"] = {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}
    if operation.pop(KEYED, False) and method in WRITES:
        operation.setdefault("parameters", []).append("IdempotencyKey")
    if not operation.get("security"):
        operation["security"] = []  # needs no token


class ContractApi(Api):
    """flask-smorest's Api documenting the errors as web/errors.py sends them."""

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # each operation lists the statuses it can answer

    def _init_spec(self, **options: Any) -> None:
        extra = [*options.pop("extra_plugins", ()), ContractPlugin()]
        super()._init_spec(extra_plugins=extra, **options)
        self.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
        from web.auth import MAX_KEY_LENGTH  # web.auth marks its views with secured()

        key = {**IDEMPOTENCY_KEY, "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH}}
        self.spec.components.parameter("IdempotencyKey", "header", key)

    def _register_responses(self) -> None:
        self.spec.components.schema("Error", schema=ErrorSchema)
        # flask-smorest's @blp.etag names it (the till's catalogue): no body
        self.spec.components.response(
            HTTPStatus.NOT_MODIFIED.name, {"description": "Not Modified"}, lazy=True
        )
        for status in HTTPStatus:
            if status < 400:
                continue
            description, headers = ERROR_RESPONSES.get(status, (status.phrase, {}))
            response: dict[str, Any] = {"description": description, "schema": ErrorSchema}
            if headers:
                response["headers"] = headers
            prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
