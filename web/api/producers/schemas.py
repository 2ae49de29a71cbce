"""Schemas of /producers."""

from marshmallow import Schema, fields, validate

from marketplace.reference import PRODUCER_KINDS
from web.api.common import NonEmpty, PlaceFieldsMixin


class ProducerCreateSchema(PlaceFieldsMixin, Schema):
    name = fields.String(required=True, validate=NonEmpty)
    kind = fields.String(required=True, validate=validate.OneOf(PRODUCER_KINDS))
