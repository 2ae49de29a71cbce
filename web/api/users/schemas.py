"""Schemas of /users."""

from marshmallow import Schema, fields, validate

from marketplace.reference import ROLES
from web.api.common import Text


class UserCreateSchema(Schema):
    username = Text(required=True, max_length=100)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=8, max=1000)
    )
    outlet_ids = fields.List(fields.UUID(), load_default=list)


class BindingCreateSchema(Schema):
    outlet_id = fields.UUID(required=True)


class UserSchema(Schema):
    id = fields.UUID()
    username = fields.String()
    role = fields.String()
    outlet_ids = fields.List(fields.UUID())
