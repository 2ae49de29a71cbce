"""Schemas of POST /auth/token."""

from marshmallow import Schema, fields, validate


class TokenCreateSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=1000), load_only=True
    )


class TokenSchema(Schema):
    token = fields.String(required=True)
    token_type = fields.String(required=True)
    expires_in = fields.Integer(required=True)
    user_id = fields.UUID(required=True)
    role = fields.String(required=True)
