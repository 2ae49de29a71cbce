"""Schemas of the corrections under /outlets."""

from marshmallow import Schema, fields, validate

from web.api.common import Moment, Text, whole

Lines = validate.Length(min=1, max=200)


class ReturnLineSchema(Schema):
    product_id = fields.UUID(required=True)
    qty = whole(1, required=True)
    restock = fields.Boolean(
        load_default=True,
        truthy={True},
        falsy={False},
        metadata={"description": "false: damaged, not back in stock"},
    )


class ReturnCreateSchema(Schema):
    sale_id = fields.UUID(required=True)
    lines = fields.List(fields.Nested(ReturnLineSchema), required=True, validate=Lines)
    reason = Text(required=True)
    refund_vnd = whole(
        0,
        load_default=None,
        metadata={"description": "default: the sold unit prices times qty; never above it"},
    )
    returned_at = Moment(load_default=None)


class VoidCreateSchema(Schema):
    reason = Text(required=True)


class ReversalCreateSchema(Schema):
    reason = Text(required=True)


class SupplierReturnLineSchema(Schema):
    product_id = fields.UUID(required=True)
    qty = whole(1, required=True)
    lot = Text(
        load_default=None,
        max_length=100,
        metadata={"description": "default: the earliest expiring lots first"},
    )


class SupplierReturnCreateSchema(Schema):
    producer_id = fields.UUID(required=True)
    lines = fields.List(fields.Nested(SupplierReturnLineSchema), required=True, validate=Lines)
    reason = Text(required=True)
    returned_at = Moment(load_default=None)
