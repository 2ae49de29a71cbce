"""Schemas of /producers."""

from marshmallow import Schema, fields, validate

from marketplace.reference import PRODUCER_KINDS
from web.api.common import NonEmpty, PlaceFieldsMixin


class ProducerCreateSchema(PlaceFieldsMixin, Schema):
    name = fields.String(required=True, validate=NonEmpty)
    kind = fields.String(required=True, validate=validate.OneOf(PRODUCER_KINDS))
    registration_no = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=50),
        metadata={"description": "mã số đăng ký kinh doanh / mã số hợp tác xã, where known"},
    )
