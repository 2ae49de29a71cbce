"""Schemas of /catalogue."""

from marshmallow import Schema, fields, validate

from marketplace.reference import ALL_GROUPS, CERTIFIED_MIN_STARS
from web.api.common import MAX_SQL_INTEGER, Day, Text
from web.api.downloads import FormatMixin
from web.api.reports.schemas import PlaceFilterMixin, units_argument


class CatalogueQueryArgsSchema(PlaceFilterMixin, Schema):
    group = fields.String(load_default=None, validate=validate.OneOf(ALL_GROUPS))
    stars = fields.Integer(
        load_default=None, validate=validate.Range(min=CERTIFIED_MIN_STARS, max=5)
    )
    q = Text(load_default=None, validate=validate.Length(min=1, max=100))
    as_of = Day(load_default=None)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SQL_INTEGER))
    units = units_argument()


class CatalogueExportQueryArgsSchema(FormatMixin, CatalogueQueryArgsSchema):
    """The catalogue's filters and ?format=; every product found, not a page."""

    class Meta:
        exclude = ("limit", "offset")


class CatalogueItemSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    group = fields.String()
    unit = fields.String()
    price_vnd = fields.Integer()
    gtin = fields.String(allow_none=True)
    producer = fields.Dict()
    place = fields.Dict()
    certificate = fields.Dict(allow_none=True)
    listed_at = fields.List(fields.UUID())
    in_stock_at = fields.List(fields.UUID())


class CatalogueSchema(Schema):
    as_of = fields.String(metadata={"format": "date"})
    total = fields.Integer()
    items = fields.List(fields.Nested(CatalogueItemSchema))
