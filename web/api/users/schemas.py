"""Schemas of /users."""

from marshmallow import Schema, fields, validate

from marketplace.reference import ROLES
from web.api.common import Text
from web.api.lists import ListQueryArgsSchema, kind_field, page_of

Password = validate.Length(min=1, max=1000)
"""The length the API accepts at all; the application checks the password rules (at least
MIN_PASSWORD_LENGTH, not the username) and names the field it refuses."""


class UserCreateSchema(Schema):
    username = Text(required=True, max_length=100)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=8, max=1000)
    )
    outlet_ids = fields.List(fields.UUID(), load_default=list)


class BindingCreateSchema(Schema):
    outlet_id = fields.UUID(required=True)


class OwnPasswordChangeSchema(Schema):
    current_password = fields.String(required=True, load_only=True, validate=Password)
    new_password = fields.String(required=True, load_only=True, validate=Password)


class PasswordResetSchema(Schema):
    new_password = fields.String(required=True, load_only=True, validate=Password)


class UserUpdateSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class UserSchema(Schema):
    id = fields.UUID()
    username = fields.String()
    role = fields.String()
    outlet_ids = fields.List(fields.UUID())
    disabled = fields.Boolean()


class UserQueryArgsSchema(ListQueryArgsSchema):
    kind = kind_field(
        ROLES, "the user's role; province, district, commune: of an outlet they are bound to"
    )


class OutletRefSchema(Schema):
    id = fields.UUID()
    name = fields.String(allow_none=True)


class UserItemSchema(UserSchema):
    outlets = fields.List(fields.Nested(OutletRefSchema), metadata={"description": "named"})


UserListSchema = page_of(UserItemSchema, "UserListSchema")
