"""Schemas of /coverage, /targets and /reports/sales."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from marketplace.places.units import UNIT_SETS
from marketplace.reference import NOT_SELLING_REASONS
from projections.places import PlaceNotIdentified, checked_place
from projections.queries.coverage import GROUPINGS as PLACE_LEVELS
from projections.queries.sales import GROUPINGS as SALES_GROUPINGS
from web.api.common import Day, Text
from web.api.downloads import FormatMixin


class PlaceFilterMixin:
    """?province=&district=&commune=: names (accents and type words optional) or GSO codes;
    a district is given with its province. The place is read as one unit in the units asked
    (units=, default those in force on the day asked; an old name without units= is the old
    unit; a district is always an old one), and a record is in it when its place, grouped in
    those units, is that unit. An unknown place is 422 with suggestions."""

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


def units_argument() -> fields.String:
    """?units=legacy|2025: the set of administrative units places are grouped in."""
    return fields.String(
        load_default=None,
        validate=validate.OneOf(UNIT_SETS),
        metadata={
            "description": "group places in the units before the July 2025 reform (legacy) or "
            "after it (2025); default: those in force on the day asked. by=district is always "
            "the old districts"
        },
    )


class PlaceFilterSchema(Schema):
    """The unit a place filter was read as."""

    level = fields.String(metadata={"enum": list(PLACE_LEVELS)})
    code = fields.String(metadata={"description": "GSO code, in its set of units"})
    name = fields.String()
    units = fields.String(metadata={"enum": list(UNIT_SETS)})


class GroupingSchema(Schema):
    by = fields.String(validate=validate.OneOf(PLACE_LEVELS))
    units = fields.String(validate=validate.OneOf(UNIT_SETS))


class PlaceGroupMixin:
    """The names and GSO codes a place group stands for."""

    province = fields.String(allow_none=True)
    province_code = fields.String(allow_none=True)
    district = fields.String(allow_none=True, metadata={"description": "legacy units"})
    district_code = fields.String(allow_none=True)
    commune = fields.String(allow_none=True, metadata={"description": "by=commune"})
    commune_code = fields.String(allow_none=True)


class CoverageQueryArgsSchema(PlaceFilterMixin, Schema):
    as_of = Day(load_default=None)
    by = fields.String(load_default=None, validate=validate.OneOf(PLACE_LEVELS))
    units = units_argument()


class CoverageGroupSchema(PlaceGroupMixin, Schema):
    key = fields.String(metadata={"description": 'e.g. "Hải Phòng / An Lão" for by=district'})
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
    grouping = fields.Nested(GroupingSchema, metadata={"description": "with by="})
    place = fields.Nested(PlaceFilterSchema, metadata={"description": "with a place filter"})
    groups = fields.List(fields.Nested(CoverageGroupSchema))
    not_selling = fields.List(fields.Nested(NotSellingSchema))


class TargetsQueryArgsSchema(Schema):
    province = Text(
        required=True,
        metadata={"description": "a name (accents optional) or GSO code, in the units asked"},
    )
    year = fields.Integer(required=True, validate=validate.Range(min=2019, max=2100))
    units = units_argument()


class TargetSchema(Schema):
    id = fields.String()
    title = fields.String()
    value = fields.Raw(allow_none=True)
    target = fields.Raw(allow_none=True)
    status = fields.String(metadata={"enum": ["met", "behind", "no_data"]})
    detail = fields.Dict()


class TargetsSchema(Schema):
    province = fields.String()
    province_code = fields.String()
    grouping = fields.Nested(GroupingSchema, metadata={"description": "by=province, the units"})
    year = fields.Integer()
    as_of = fields.String(metadata={"format": "date"})
    plan = fields.String(allow_none=True)
    targets = fields.List(fields.Nested(TargetSchema))


class SalesQueryArgsSchema(PlaceFilterMixin, Schema):
    """The report's grouping and filters; province, district, commune: the outlet's place."""

    by = fields.String(load_default="day", validate=validate.OneOf(SALES_GROUPINGS))
    start = Day(data_key="from", load_default=None)
    end = Day(data_key="to", load_default=None)
    outlet_id = fields.UUID(
        load_default=None,
        metadata={"description": "one outlet's sales; staff may name only their own outlets"},
    )
    product_id = fields.UUID(load_default=None, metadata={"description": "one product's sales"})
    producer_id = fields.UUID(
        load_default=None, metadata={"description": "the sales of one producer's products"}
    )
    units = units_argument()


class SalesExportQueryArgsSchema(FormatMixin, SalesQueryArgsSchema):
    """The report's grouping, filters and ?format=."""


class SalesRowSchema(PlaceGroupMixin, Schema):
    key = fields.String(allow_none=True)
    name = fields.String(
        allow_none=True,
        metadata={"description": "the outlet's, product's or producer's name; else the key"},
    )
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
    grouping = fields.Nested(GroupingSchema, metadata={"description": "by a place"})
    place = fields.Nested(PlaceFilterSchema, metadata={"description": "with a place filter"})
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
