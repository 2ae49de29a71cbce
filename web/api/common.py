"""Schemas shared by resources: ids, places, texts, error bodies."""

from typing import Any

from flask import request
from marshmallow import Schema, ValidationError, fields, validate

from domain.errors import InvalidValue
from domain.text import checked_text, text_problem
from web.openapi_text import text_pattern

NonEmpty = validate.Length(min=1, max=200)
MAX_SQL_INTEGER = 2**63 - 1
"""The largest whole number a query may hand to SQL (a BIGINT; SQLite cannot bind more)."""


class Text(fields.String):
    """A text a person typed, under the domain's text rule (domain/text.py): no control
    characters, and a required text must show something (not only spaces or invisible marks).

    The value is passed on as sent; the domain strips it when it records it.
    """

    def __init__(self, *, max_length: int = 200, **kwargs: Any) -> None:
        kwargs.setdefault("validate", validate.Length(max=max_length))
        pattern = text_pattern(required=kwargs.get("required", False))
        kwargs["metadata"] = {"pattern": pattern, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            checked_text(text, attr or "", required=self.required)
        except InvalidValue as refused:
            raise ValidationError(refused.message) from None
        return text


class IdSchema(Schema):
    """A created record's id."""

    id = fields.UUID(required=True)


class PlaceFieldsMixin:
    """Province and commune, with the district kept where known (huyện, before July 2025)."""

    province = Text(required=True)
    district = Text(load_default=None, allow_none=True)
    commune = Text(required=True)


def date_out(**kwargs) -> fields.String:
    """A date in a response, already written as YYYY-MM-DD."""
    return fields.String(metadata={"format": "date"}, **kwargs)


def whole(minimum: int, **kwargs) -> fields.Integer:
    """A strict whole number (no "3" strings, no 3.5) of at least ``minimum``."""
    return fields.Integer(strict=True, validate=validate.Range(min=minimum), **kwargs)


class AsOfQuerySchema(Schema):
    """?as_of=YYYY-MM-DD: the state on a past day; ?as_of_version=N: as recorded at version N."""

    as_of = fields.Date(load_default=None)
    as_of_version = fields.Integer(
        load_default=None, validate=validate.Range(min=1, max=MAX_SQL_INTEGER)
    )


def refuse_control_characters_in_query() -> None:
    """Before every API request: a query argument with a control character (a NUL cannot even
    reach PostgreSQL) is refused naming the argument, whichever schema reads it."""
    for name, value in request.args.items(multi=True):
        if problem := text_problem(value):
            raise InvalidValue(problem, field=name)
