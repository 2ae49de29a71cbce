"""Schemas of /places."""

from marshmallow import Schema, fields, validate

from marketplace.places.units import LEVELS, UNIT_SETS
from web.api.common import Day, Text, date_out


class PlacesQueryArgsSchema(Schema):
    q = Text(load_default=None, validate=validate.Length(min=1, max=100))
    province = Text(load_default=None, validate=validate.Length(min=1, max=100))
    level = fields.String(load_default=None, validate=validate.OneOf(LEVELS))
    as_of = Day(load_default=None)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class PlaceUnitSchema(Schema):
    code = fields.String(metadata={"description": "the General Statistics Office's code"})
    name = fields.String(metadata={"description": "with its type word: Xã Bát Tràng"})
    short_name = fields.String()
    level = fields.String(validate=validate.OneOf(LEVELS))
    parent_code = fields.String(allow_none=True)
    units = fields.String(validate=validate.OneOf(UNIT_SETS))
    valid_from = date_out(allow_none=True)
    valid_to = date_out(allow_none=True)


class PlacesSchema(Schema):
    items = fields.List(fields.Nested(PlaceUnitSchema))
