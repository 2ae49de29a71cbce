"""Schemas of /outlets/{id}/till."""

from marshmallow import Schema, fields

from web.api.common import date_out


class TillLotSchema(Schema):
    lot = fields.String(metadata={"description": "'' for stock received without a lot"})
    expires_on = date_out(allow_none=True)
    qty = fields.Integer()
    expired = fields.Boolean(metadata={"description": "expired today: it cannot be sold"})


class TillProductSchema(Schema):
    product_id = fields.UUID()
    name = fields.String()
    producer = fields.String()
    unit = fields.String()
    price_vnd = fields.Integer()
    gtin = fields.String(allow_none=True)
    stars = fields.Integer(allow_none=True, metadata={"description": "while certified"})
    on_hand = fields.Integer()
    sellable = fields.Integer(metadata={"description": "on hand in lots not expired today"})
    lots = fields.List(fields.Nested(TillLotSchema))


class TillSchema(Schema):
    outlet_id = fields.UUID()
    day = date_out()  # the business day (Vietnam) it was read for
    items = fields.List(fields.Nested(TillProductSchema))
