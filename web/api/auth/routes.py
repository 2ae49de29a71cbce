"""POST /auth/token: exchange a username and password for a bearer token; DELETE signs it out."""

from flask import current_app
from flask_smorest import Blueprint

from web.api.auth.schemas import TokenCreateSchema, TokenSchema
from web.auth import issue_token, presented_session

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign in")


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenCreateSchema)
@blp.response(200, TokenSchema)
def create_token(credentials):
    """Sign in and get a bearer token."""
    principal = current_app.extensions["ocop"].authenticate(**credentials)
    return {
        "token": issue_token(principal),
        "token_type": "Bearer",
        "expires_in": current_app.config["TOKEN_TTL_SECONDS"],
        "user_id": principal.id,
        "role": principal.role,
    }


@blp.route("/token", methods=["DELETE"])
@blp.response(204)
def revoke_token():
    """Sign out: the presented token stops working at once, in every worker (the user's
    other tokens keep working)."""
    session = presented_session()
    market = current_app.extensions["ocop"]
    market.session_principal(session)  # 401 if it has already ended
    market.end_session(session["sid"], current_app.config["TOKEN_TTL_SECONDS"])
