"""Schemas shared by resources: ids, places, error bodies."""

from marshmallow import Schema, fields, validate

NonEmpty = validate.Length(min=1, max=200)


class IdSchema(Schema):
    """A created record's id."""

    id = fields.UUID(required=True)


class PlaceFieldsMixin:
    """Province and commune, with the district kept where known (huyện, before July 2025)."""

    province = fields.String(required=True, validate=NonEmpty)
    district = fields.String(load_default=None, validate=validate.Length(max=200))
    commune = fields.String(required=True, validate=NonEmpty)


def date_out(**kwargs) -> fields.String:
    """A date in a response, already written as YYYY-MM-DD."""
    return fields.String(metadata={"format": "date"}, **kwargs)


def whole(minimum: int, **kwargs) -> fields.Integer:
    """A strict whole number (no "3" strings, no 3.5) of at least ``minimum``."""
    return fields.Integer(strict=True, validate=validate.Range(min=minimum), **kwargs)


class AsOfQuerySchema(Schema):
    """?as_of=YYYY-MM-DD: the state on a past day; ?as_of_version=N: as recorded at version N."""

    as_of = fields.Date(load_default=None)
    as_of_version = fields.Integer(load_default=None, validate=validate.Range(min=1))
