"""Bearer tokens and the access decorator every API view goes through."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from marketplace.access import Principal, Session
from marketplace.door import RequestKey
from marketplace.errors import AuthenticationFailed, InvalidRequest, NotAllowed
from marketplace.messages import Command
from web.application import marketplace
from web.digest import keyed_digest
from web.errors import Forbidden
from web.openapi import needs_token, secured

TOKEN_SALT = "ocop-api-token"
MAX_KEY_LENGTH = 200
MAX_VERIFIED_TOKENS = 10_000
Rule = Callable[[Principal, dict[str, Any]], bool]


def _serializer() -> URLSafeTimedSerializer:
    key = current_app.config["SECRET_KEY"]
    cached = current_app.extensions.get("ocop_token_serializer")
    if cached is None or cached[0] != key:
        cached = (key, URLSafeTimedSerializer(key, salt=TOKEN_SALT))
        current_app.extensions["ocop_token_serializer"] = cached
    return cached[1]


def _verified_tokens() -> dict[str, tuple[dict, float]]:
    """Tokens whose signature this worker has checked: token → (session, signed at).
    The same token string always checks the same way, so only its age is checked again
    (whether its session has ended is asked of the store, see ``allowed``)."""
    return current_app.extensions.setdefault("ocop_verified_tokens", {})


def issue_token(principal: Principal) -> str:
    """A signed token naming the user and a new session; it expires after the configured
    lifetime, or earlier when signed out or ended by a change to the user."""
    return _serializer().dumps(marketplace().new_session(principal))


def token_of_page_session(claims: dict) -> str:
    """A bearer token for a signed-in page session itself (its user, session id and
    generation): signing out of the pages, or a revoking change, ends the token too."""
    return _serializer().dumps(
        {"uid": str(claims["uid"]), "sid": claims["sid"], "gen": claims["gen"]}
    )


def presented_session() -> dict:
    """The session (user, session id, generation) of the bearer token the request presents."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed.because("no_token")
    token = token.strip()
    max_age = current_app.config["TOKEN_TTL_SECONDS"]
    verified = _verified_tokens()
    known = verified.get(token)
    if known is not None and time.time() - known[1] <= max_age:
        return known[0]
    try:
        payload, signed_at = _serializer().loads(token, max_age=max_age, return_timestamp=True)
    except SignatureExpired:
        raise AuthenticationFailed.because("token_expired") from None
    except BadSignature:
        raise AuthenticationFailed.because("token_invalid") from None
    if not {"uid", "sid", "gen"} <= set(payload):
        raise AuthenticationFailed.because("token_outdated")
    session = {"uid": UUID(payload["uid"]), "sid": payload["sid"], "gen": payload["gen"]}
    if len(verified) >= MAX_VERIFIED_TOKENS:
        verified.clear()
    verified[token] = (session, signed_at.timestamp())
    return session


def _request_key(user_id: UUID) -> RequestKey | None:
    key = request.headers.get("Idempotency-Key")
    if not key or request.method not in ("POST", "DELETE", "PUT", "PATCH"):
        return None
    said = f"{request.method} {request.full_path}\n".encode() + request.get_data(cache=True)
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidRequest.because("too_long", "Idempotency-Key", n=MAX_KEY_LENGTH)
    return RequestKey(user_id=str(user_id), key=key, fingerprint=keyed_digest(said))


def sends(kind: type[Command]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Views that hand a command of this kind to the application's door (``execute``): the
    token must be signed and unexpired (401), and the kind's rule let its user on the path's
    values (403), both before the body or the query is read (``guard_request``); the door
    authorises the command itself again and checks the session is live (see
    ``Marketplace.execute``)."""

    def check(view_args: dict[str, Any]) -> None:
        claims = presented_session()
        g.session = Session(claims["uid"], claims["sid"], claims["gen"])
        if not marketplace().may_send(kind, g.session, view_args):
            raise NotAllowed.because(kind.refusal)

    return lambda view: _guarded(view, check, secured)


def execute(command: Command) -> dict[str, Any]:
    """Run a command through the application's one door, as the request's session, under its
    Idempotency-Key if it sent one."""
    session = g.session
    executed = marketplace().execute_with_position(command, session, _request_key(session.user_id))
    g.written_position = executed.position  # answered as X-OCOP-Position (web/read.py)
    return executed.result


def allowed(rule: Rule, why: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A read for a signed-in user the rule allows (403 else): the token's session must be
    live (of the user's current sessions generation and not signed out) and the user is read
    afresh from the store, so a change takes effect on the very next request, in every worker.
    A write does not come here: it hands its command to the door (``sends``, ``execute``)."""

    def check(view_args: dict[str, Any]) -> None:
        principal, _ = marketplace().session_principal(presented_session())
        if not rule(principal, view_args):
            raise Forbidden(why)
        g.principal = principal

    return lambda view: _guarded(view, check, secured)


def token_holder(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view for whoever holds a live token (signing out): 401 else, before anything else."""

    def check(_: dict[str, Any]) -> None:
        marketplace().session_principal(presented_session())

    return _guarded(view, check, needs_token)


def guard_request() -> None:
    """Before every API request, first: the guard of the view asked (``allowed``, ``sends``,
    ``token_holder``), so that a stranger gets 401 and a user the rule refuses 403 before
    anything judges the query or the body (a 422 would describe the schema to them)."""
    view = current_app.view_functions.get(request.endpoint or "")
    check = getattr(view, "ocop_guard", None)
    if check is not None:
        check(request.view_args or {})
        g.ocop_guarded = check


def _guarded(
    view: Callable[..., Any],
    check: Callable[[dict[str, Any]], None],
    document: Callable[[Callable[..., Any]], Any],
) -> Callable[..., Any]:
    """The view behind ``check``: run by ``guard_request`` before the API's other hooks, or
    here when the view is called without it (e.g. /metrics calls a guarded function)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if g.get("ocop_guarded") is not check:  # another guarded function still checks
            check(kwargs)
        return view(*args, **kwargs)

    guarded.ocop_guard = check  # type: ignore[attr-defined]
    document(guarded)
    return guarded


def signed_in(principal: Principal, _: dict[str, Any]) -> bool:
    return True


def keeps_registers(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_keep_registers


def manages_users(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_manage_users


def reads_outlet(principal: Principal, view_args: dict[str, Any]) -> bool:
    return principal.may_read_outlet(view_args["outlet_id"])


def reads_log(principal: Principal, _: dict[str, Any]) -> bool:
    return principal.may_read_log
