"""/users: accounts and the outlets staff are bound to (admins only), and /users/me."""

from flask import current_app, g
from flask_smorest import Blueprint

from web.api.users.schemas import BindingCreateSchema, UserCreateSchema, UserSchema
from web.auth import allowed, manages_users, signed_in

blp = Blueprint("users", __name__, url_prefix="/users", description="Users")
ADMINS_ONLY = "only admins manage users"


@blp.route("", methods=["POST"])
@allowed(manages_users, ADMINS_ONLY)
@blp.arguments(UserCreateSchema)
@blp.response(201, UserSchema)
def register_user(user):
    """Register a user with a role (and, for staff, their outlets)."""
    return current_app.extensions["ocop"].register_user(**user)


@blp.route("/<uuid:user_id>/outlets", methods=["POST"])
@allowed(manages_users, ADMINS_ONLY)
@blp.arguments(BindingCreateSchema)
@blp.response(201, UserSchema)
def bind_user(binding, user_id):
    """Bind a staff member to one more outlet."""
    return current_app.extensions["ocop"].bind_user_to_outlet(user_id, **binding)


@blp.route("/me", methods=["GET"])
@allowed(signed_in, "")
@blp.response(200, UserSchema)
def me():
    """The signed-in user."""
    p = g.principal
    return {"id": p.id, "username": p.username, "role": p.role, "outlet_ids": sorted(p.outlet_ids)}
