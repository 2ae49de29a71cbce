"""POST /auth/token: exchange a username and password for a bearer token; DELETE signs it out."""

from flask import current_app, request
from flask_smorest import Blueprint

from web.api.auth.schemas import TokenCreateSchema, TokenSchema
from web.application import marketplace
from web.auth import issue_token, presented_session, token_holder

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign in")


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenCreateSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(
    429,
    description="Too many failed sign-ins for this account or client address; "
    "the Retry-After header says how many seconds to wait",
)
@blp.alt_response(
    503,
    description="This server is already checking a password; try again after Retry-After "
    "seconds (1)",
)
def create_token(credentials):
    """Sign in and get a bearer token (429 with Retry-After after too many failures)."""
    principal = marketplace().sign_in(
        credentials["username"], credentials["password"], request.remote_addr
    )
    return {
        "token": issue_token(principal),
        "token_type": "Bearer",
        "expires_in": current_app.config["TOKEN_TTL_SECONDS"],
        "user_id": principal.id,
        "role": principal.role,
    }


@blp.route("/token", methods=["DELETE"])
@token_holder
@blp.response(204)
def revoke_token():
    """Sign out: the presented token stops working at once, in every worker (the user's
    other tokens keep working)."""
    session = presented_session()  # live: token_holder has asked the store
    marketplace().end_session(session["sid"], current_app.config["TOKEN_TTL_SECONDS"])
