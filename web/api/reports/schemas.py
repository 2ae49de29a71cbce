"""Schemas of /coverage, /targets and /reports/sales."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from marketplace.reference import NOT_SELLING_REASONS
from projections.places import PlaceNotIdentified, checked_place
from projections.queries.coverage import GROUPINGS as PLACE_LEVELS
from projections.queries.sales import GROUPINGS as SALES_GROUPINGS
from web.api.common import Day, Text


class PlaceFilterMixin:
    """?province=&district=&commune=: a district is given with its province, a commune with
    its province and (where the place records one) its district."""

    province = Text(load_default=None)  # the text rule: no control characters, 200 at most
    district = Text(load_default=None, metadata={"description": "needs province (422 without)"})
    commune = Text(load_default=None, metadata={"description": "needs province (422 without)"})

    @validates_schema
    def identified(self, data: dict, **kwargs) -> None:
        """Refuse a district or commune without its province: the name alone is ambiguous."""
        try:
            checked_place(data)
        except PlaceNotIdentified as refusal:
            raise ValidationError(str(refusal), field_name=refusal.field) from refusal


class CoverageQueryArgsSchema(PlaceFilterMixin, Schema):
    as_of = Day(load_default=None)
    by = fields.String(load_default=None, validate=validate.OneOf(PLACE_LEVELS))


class CoverageGroupSchema(Schema):
    key = fields.String(metadata={"description": 'e.g. "Hải Phòng / An Lão" for by=district'})
    province = fields.String(allow_none=True)
    district = fields.String(allow_none=True, metadata={"description": "by=district, commune"})
    commune = fields.String(allow_none=True, metadata={"description": "by=commune"})
    total = fields.Integer()
    selling = fields.Integer()
    ratio = fields.Float(allow_none=True)


class NotSellingSchema(Schema):
    outlet_id = fields.UUID()
    name = fields.String()
    kind = fields.String()
    reason = fields.String(metadata={"enum": list(NOT_SELLING_REASONS)})
    province = fields.String()
    district = fields.String(allow_none=True)
    commune = fields.String()


class CoverageSchema(Schema):
    as_of = fields.String(metadata={"format": "date"})
    total = fields.Integer()
    selling = fields.Integer()
    ratio = fields.Float(allow_none=True, metadata={"description": "null when no outlet is open"})
    groups = fields.List(fields.Nested(CoverageGroupSchema))
    not_selling = fields.List(fields.Nested(NotSellingSchema))


class TargetsQueryArgsSchema(Schema):
    province = Text(required=True)
    year = fields.Integer(required=True, validate=validate.Range(min=2019, max=2100))


class TargetSchema(Schema):
    id = fields.String()
    title = fields.String()
    value = fields.Raw(allow_none=True)
    target = fields.Raw(allow_none=True)
    status = fields.String(metadata={"enum": ["met", "behind", "no_data"]})
    detail = fields.Dict()


class TargetsSchema(Schema):
    province = fields.String()
    year = fields.Integer()
    as_of = fields.String(metadata={"format": "date"})
    plan = fields.String(allow_none=True)
    targets = fields.List(fields.Nested(TargetSchema))


class SalesQueryArgsSchema(Schema):
    by = fields.String(load_default="day", validate=validate.OneOf(SALES_GROUPINGS))
    start = Day(data_key="from", load_default=None)
    end = Day(data_key="to", load_default=None)
    outlet_id = fields.UUID(
        load_default=None,
        metadata={"description": "one outlet's sales; staff may name only their own outlets"},
    )


class SalesRowSchema(Schema):
    key = fields.String(allow_none=True)
    province = fields.String(allow_none=True, metadata={"description": "by a place"})
    district = fields.String(allow_none=True, metadata={"description": "by=district, commune"})
    commune = fields.String(allow_none=True, metadata={"description": "by=commune"})
    qty = fields.Integer(metadata={"description": "net: gross less returned and voided"})
    amount_vnd = fields.Integer(metadata={"description": "net: gross less refunds and voids"})
    sales = fields.Integer()
    gross_qty = fields.Integer()
    gross_vnd = fields.Integer()
    returned_qty = fields.Integer()
    returned_vnd = fields.Integer(metadata={"description": "refunded"})
    voided_qty = fields.Integer()
    voided_vnd = fields.Integer()


class SaleCorrectionSchema(Schema):
    kind = fields.String(metadata={"description": "return or void"})
    id = fields.UUID(metadata={"description": "the return's id, or the voided sale's"})
    sale_id = fields.UUID()
    outlet_id = fields.UUID()
    product_id = fields.UUID()
    day = fields.String(metadata={"format": "date"})
    qty = fields.Integer()
    restocked = fields.Integer()
    amount_vnd = fields.Integer(metadata={"description": "refunded, or the voided amount"})
    reason = fields.String()


class SalesReportSchema(Schema):
    by = fields.String()
    start = fields.String(data_key="from", allow_none=True, attribute="from")
    end = fields.String(data_key="to", allow_none=True, attribute="to")
    total_qty = fields.Integer()
    total_vnd = fields.Integer()
    total_gross_qty = fields.Integer()
    total_gross_vnd = fields.Integer()
    total_returned_qty = fields.Integer()
    total_returned_vnd = fields.Integer()
    total_voided_qty = fields.Integer()
    total_voided_vnd = fields.Integer()
    items = fields.List(fields.Nested(SalesRowSchema))
    returns = fields.List(
        fields.Nested(SaleCorrectionSchema),
        metadata={"description": "the returns and voids of the days asked, newest first (500)"},
    )
