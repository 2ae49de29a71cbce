"""/users: accounts, their lifecycle and the outlets staff are bound to (admins only), and
/users/me. Each change but a binding or an enabling ends the user's earlier sessions."""

from uuid import UUID

from flask import g, request
from flask_smorest import Blueprint

from marketplace import messages as m
from web.api.users.schemas import (
    BindingCreateSchema,
    OwnPasswordChangeSchema,
    PasswordResetSchema,
    UserCreateSchema,
    UserListSchema,
    UserSchema,
    UserUpdateSchema,
)
from web.application import marketplace
from web.auth import allowed, execute, manages_users, sends, signed_in

blp = Blueprint("users", __name__, url_prefix="/users", description="Users")
ADMINS_ONLY = "only admins manage users"


@blp.route("", methods=["POST"])
@sends(m.RegisterUser)
@blp.arguments(UserCreateSchema)
@blp.response(201, UserSchema)
def register_user(user):
    """Register a user with a role (and, for staff, their outlets)."""
    return execute(m.RegisterUser(**user))


@blp.route("", methods=["GET"])
@allowed(manages_users, ADMINS_ONLY)
@blp.response(200, UserListSchema)
def list_users():
    """Every user, by username, with whether they are disabled."""
    return {"items": marketplace().accounts()}


@blp.route("/<uuid:user_id>", methods=["GET"])
@allowed(manages_users, ADMINS_ONLY)
@blp.response(200, UserSchema)
def get_user(user_id: UUID):
    """One user."""
    return marketplace().account(user_id)


@blp.route("/<uuid:user_id>", methods=["PATCH"])
@sends(m.ChangeRole)
@blp.arguments(UserUpdateSchema)
@blp.response(200, UserSchema)
def change_role(change, user_id: UUID):
    """Give a user another role; their earlier tokens and sessions end. An admin cannot
    change their own role (409)."""
    return execute(m.ChangeRole(user_id, change["role"]))


@blp.route("/<uuid:user_id>/password", methods=["POST"])
@sends(m.ResetPassword)
@blp.arguments(PasswordResetSchema)
@blp.response(204)
def reset_password(reset, user_id: UUID):
    """Set a user's password; their earlier tokens and sessions end. An admin changes their
    own with /users/me/password (409 here)."""
    execute(m.ResetPassword(user_id, reset["new_password"]))


@blp.route("/<uuid:user_id>/disable", methods=["POST"])
@sends(m.DisableUser)
@blp.response(204)
def disable_user(user_id: UUID):
    """Stop a user signing in; their tokens and sessions end (409 if already disabled, or
    oneself)."""
    execute(m.DisableUser(user_id))


@blp.route("/<uuid:user_id>/enable", methods=["POST"])
@sends(m.EnableUser)
@blp.response(204)
def enable_user(user_id: UUID):
    """Let a disabled user sign in again; tokens from before the disabling stay ended."""
    execute(m.EnableUser(user_id))


@blp.route("/<uuid:user_id>/outlets", methods=["POST"])
@sends(m.BindUserToOutlet)
@blp.arguments(BindingCreateSchema)
@blp.response(201, UserSchema)
def bind_user(binding, user_id: UUID):
    """Bind a staff member to one more outlet."""
    return execute(m.BindUserToOutlet(user_id, **binding))


@blp.route("/<uuid:user_id>/outlets/<uuid:outlet_id>", methods=["DELETE"])
@sends(m.UnbindUserFromOutlet)
@blp.response(204)
def unbind_user(user_id: UUID, outlet_id: UUID):
    """Unbind a staff member from an outlet; their earlier tokens and sessions end."""
    execute(m.UnbindUserFromOutlet(user_id, outlet_id))


@blp.route("/me", methods=["GET"])
@allowed(signed_in, "")
@blp.response(200, UserSchema)
def me():
    """The signed-in user."""
    p = g.principal
    return {"id": p.id, "username": p.username, "role": p.role, "outlet_ids": sorted(p.outlet_ids)}


@blp.route("/me/password", methods=["POST"])
@sends(m.ChangeOwnPassword)
@blp.arguments(OwnPasswordChangeSchema)
@blp.response(204)
def change_own_password(change):
    """Change one's own password (the current one is required); every earlier token and
    session of the user ends, this one too."""
    execute(m.ChangeOwnPassword(g.session.user_id, **change, address=request.remote_addr))
