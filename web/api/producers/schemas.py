"""Schemas of /producers."""

from marshmallow import Schema, fields, validate

from marketplace.reference import PRODUCER_KINDS
from web.api.common import PlaceFieldsMixin, Text


class ProducerCreateSchema(PlaceFieldsMixin, Schema):
    name = Text(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PRODUCER_KINDS))
    registration_no = Text(
        load_default=None,
        allow_none=True,
        max_length=50,
        metadata={"description": "mã số đăng ký kinh doanh / mã số hợp tác xã, where known"},
    )
