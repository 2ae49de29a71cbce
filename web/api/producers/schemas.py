"""Schemas of /producers."""

from marshmallow import Schema, fields, validate

from marketplace.reference import PRODUCER_KINDS
from web.api.common import PlaceFieldsMixin, Text
from web.api.lists import ListQueryArgsSchema, PlaceOutSchema, kind_field, page_of


class ProducerCreateSchema(PlaceFieldsMixin, Schema):
    name = Text(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PRODUCER_KINDS))
    registration_no = Text(
        load_default=None,
        allow_none=True,
        max_length=50,
        metadata={"description": "mã số đăng ký kinh doanh / mã số hợp tác xã, where known"},
    )


class ProducerQueryArgsSchema(ListQueryArgsSchema):
    kind = kind_field(PRODUCER_KINDS, "the producer's kind")


class ProducerItemSchema(PlaceOutSchema):
    id = fields.UUID()
    name = fields.String()
    kind = fields.String()
    registration_no = fields.String(allow_none=True)
    products = fields.Integer(metadata={"description": "how many products it has registered"})


ProducerListSchema = page_of(ProducerItemSchema, "ProducerListSchema")
