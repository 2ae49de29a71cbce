"""Schemas of /products."""

from marshmallow import Schema, fields, validate

from marketplace.reference import ALL_GROUPS, PRODUCT_GROUPS
from web.api.common import Day, Text, date_out, whole
from web.api.lists import ListQueryArgsSchema, PlaceOutSchema, kind_field, page_of
from web.api.producers.schemas import CorrectionFieldsMixin, CorrectionSchema


class ProductCreateSchema(Schema):
    producer_id = fields.UUID(required=True)
    name = Text(required=True)
    group = fields.String(required=True, validate=validate.OneOf(ALL_GROUPS))
    classification = fields.String(load_default=None, validate=validate.OneOf(list(PRODUCT_GROUPS)))
    unit = Text(required=True, max_length=50)
    price_vnd = whole(0, required=True)
    gtin = fields.String(load_default=None, validate=validate.Regexp(r"^(\d{8}|\d{12,14})$"))


class ProductUpdateSchema(CorrectionFieldsMixin, Schema):
    """Only the fields given change; the group stays within the product's classification."""

    name = Text()
    unit = Text(max_length=50)
    gtin = fields.String(validate=validate.Regexp(r"^(\d{8}|\d{12,14})$"))
    price_vnd = whole(0)
    group = fields.String(validate=validate.OneOf(ALL_GROUPS))


class CertificationCreateSchema(Schema):
    score = fields.Integer(strict=True, required=True, validate=validate.Range(min=0, max=100))
    stars = fields.Integer(strict=True, load_default=None, validate=validate.Range(min=1, max=5))
    certified_on = Day(required=True)
    certificate_no = Text(required=True)


class RevocationCreateSchema(Schema):
    reason = Text(required=True, max_length=1000)
    revoked_on = Day(required=True)


class NominationCreateSchema(Schema):
    nominated_on = Day(required=True)


class CertificateSchema(Schema):
    stars = fields.Integer()
    score = fields.Integer()
    certificate_no = fields.String()
    certified_on = date_out()
    valid_until = date_out()
    status = fields.String(metadata={"enum": ["valid", "expired", "revoked"]})


class RatingSchema(Schema):
    stars = fields.Integer()
    score = fields.Integer()
    certified = fields.Boolean()


class ProductSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    group = fields.String()
    classification = fields.String()
    producer_id = fields.UUID()
    unit = fields.String()
    price_vnd = fields.Integer()
    gtin = fields.String(allow_none=True)
    as_of = date_out()
    certificate = fields.Nested(CertificateSchema, allow_none=True)
    rating = fields.Nested(RatingSchema, allow_none=True)
    nominations = fields.List(date_out())
    corrections = fields.List(fields.Nested(CorrectionSchema))


class NominationSchema(Schema):
    id = fields.UUID()
    nominated_on = date_out()


class ProductQueryArgsSchema(ListQueryArgsSchema):
    kind = kind_field(ALL_GROUPS, "the product group; province, district, commune: the producer's")


class ProducerRefSchema(Schema):
    id = fields.UUID()
    name = fields.String()


class ProductItemSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    group = fields.String()
    classification = fields.String()
    unit = fields.String()
    price_vnd = fields.Integer()
    gtin = fields.String(allow_none=True)
    producer = fields.Nested(ProducerRefSchema)
    place = fields.Nested(PlaceOutSchema, metadata={"description": "the producer's place"})


ProductListSchema = page_of(ProductItemSchema, "ProductListSchema")
