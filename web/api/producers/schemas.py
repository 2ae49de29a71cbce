"""Schemas of /producers."""

from marshmallow import Schema, fields, validate

from marketplace.reference import PRODUCER_KINDS
from web.api.common import Day, PlaceFieldsMixin, Text, date_out
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


class CorrectionFieldsMixin:
    """When a correction takes effect (default today) and why (optional, recorded)."""

    changed_on = Day(metadata={"description": "from this day (default today); not in the future"})
    reason = Text(max_length=1000, metadata={"description": "why (lý do đính chính)"})


class PlaceCorrectionMixin(CorrectionFieldsMixin):
    """A correction that may record a move: a place is given whole (province and commune)."""

    province = Text()
    district = Text()
    commune = Text()


class ProducerUpdateSchema(PlaceCorrectionMixin, Schema):
    """Only the fields given change; a place is given whole (province and commune)."""

    name = Text()
    kind = fields.String(validate=validate.OneOf(PRODUCER_KINDS))


class CorrectionSchema(Schema):
    changed_on = date_out()
    reason = fields.String(allow_none=True)
    before = fields.Dict()
    after = fields.Dict()


class ProducerSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    kind = fields.String()
    province = fields.String()
    district = fields.String(allow_none=True)
    commune = fields.String()
    registration_no = fields.String(allow_none=True)
    as_of = date_out()
    corrections = fields.List(fields.Nested(CorrectionSchema))
