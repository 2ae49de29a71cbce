"""What every list (GET /producers, /products, /outlets, /users) takes and answers: a text
search, a place, a kind, and a page of at most 500 with the total."""

from typing import Any

from marshmallow import Schema, fields, validate

from projections.queries.lists import Filters
from web.api.common import MAX_SQL_INTEGER, Text
from web.api.reports.schemas import PlaceFilterMixin, units_argument

DEFAULT_LIMIT, MAX_LIMIT = 50, 500


class ListQueryArgsSchema(PlaceFilterMixin, Schema):
    """?q=&province=&district=&commune=&kind=&limit=&offset= (a resource adds its ``kind``)."""

    q = Text(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "accents and case ignored: “dong anh” finds “Đông Anh”"},
    )
    limit = fields.Integer(
        load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT)
    )
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SQL_INTEGER))
    units = units_argument()


def kind_field(kinds: tuple[str, ...], what: str) -> fields.String:
    """The ``kind`` filter of one resource."""
    return fields.String(
        load_default=None, validate=validate.OneOf(kinds), metadata={"description": what}
    )


def list_filters(args: dict[str, Any]) -> Filters:
    """The loaded arguments as the list queries take them."""
    return Filters(
        text=args["q"],
        place={level: args[level] for level in ("province", "district", "commune")},
        kind=args["kind"],
        limit=args["limit"],
        offset=args["offset"],
        units=args["units"],
    )


class PlaceOutSchema(Schema):
    province = fields.String()
    district = fields.String(allow_none=True)
    commune = fields.String()


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of a list's answer: ``{total, items}`` with items of ``item``."""
    return Schema.from_dict(
        {
            "total": fields.Integer(required=True, metadata={"description": "found in all"}),
            "items": fields.List(fields.Nested(item), required=True),
        },
        name=name,
    )
