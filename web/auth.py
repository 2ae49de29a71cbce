"""Bearer tokens and the access decorator every API view goes through."""

import hashlib
from collections.abc import Callable
from contextlib import ExitStack
from functools import wraps
from typing import Any
from uuid import UUID

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from domain.actor import acting_as
from marketplace.access import Principal
from marketplace.commands import request_key
from marketplace.errors import AuthenticationFailed, InvalidRequest
from marketplace.persistence import RequestKey
from web.errors import Forbidden

TOKEN_SALT = "ocop-api-token"
MAX_KEY_LENGTH = 200
Rule = Callable[[Principal, dict[str, Any]], bool]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def issue_token(principal: Principal) -> str:
    """A signed token naming the user; it expires after the configured lifetime."""
    return _serializer().dumps({"uid": str(principal.id)})


def _principal_from_header() -> Principal:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed(
            "send 'Authorization: Bearer <token>' from POST /api/v1/auth/token"
        )
    try:
        payload = _serializer().loads(
            token.strip(), max_age=current_app.config["TOKEN_TTL_SECONDS"]
        )
    except SignatureExpired:
        raise AuthenticationFailed("the token has expired; sign in again") from None
    except BadSignature:
        raise AuthenticationFailed("the token is not valid") from None
    return current_app.extensions["ocop"].principal(UUID(payload["uid"]))


def _request_key(principal: Principal) -> RequestKey | None:
    key = request.headers.get("Idempotency-Key")
    if not key or request.method not in ("POST", "DELETE", "PUT", "PATCH"):
        return None
    digest = hashlib.sha256(
        f"{request.method} {request.full_path}\n".encode() + request.get_data(cache=True)
    ).hexdigest()
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidRequest(f"must be at most {MAX_KEY_LENGTH} characters", "Idempotency-Key")
    return RequestKey(user_id=str(principal.id), key=key, fingerprint=digest)


def allowed(rule: Rule, why: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run the view only for a signed-in user the rule allows, on their behalf.

    Events the view records carry the user's id; a POST with an Idempotency-Key is
    recorded once under that key.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = _principal_from_header()
            if not rule(principal, kwargs):
                raise Forbidden(why)
            g.principal = principal
            with ExitStack() as stack:
                stack.enter_context(acting_as(str(principal.id)))
                stack.enter_context(request_key(_request_key(principal)))
                return view(*args, **kwargs)

        return guarded

    return decorate


def signed_in(principal: Principal, _: dict[str, Any]) -> bool:
    return True


def keeps_registers(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_keep_registers


def manages_users(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_manage_users


def works_at_outlet(principal: Principal, view_args: dict[str, Any]) -> bool:
    return principal.may_write_to_outlet(view_args["outlet_id"])


def reads_log(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_read_log
