"""Schemas shared by resources: ids, places, texts, error bodies."""

from collections.abc import Callable
from functools import cache
from typing import Any

from flask import current_app, g, request
from marshmallow import Schema, ValidationError, fields, validate

from domain.errors import InvalidValue
from domain.text import checked_text, text_problem
from domain.values import EARLIEST_DAY, LATEST_DAY, check_in_calendar
from marketplace.errors import InvalidRequest
from web.errors import Forbidden
from web.openapi_text import calendar_pattern, text_pattern

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


class InCalendar(fields.Field):
    """A day or a moment inside the domain's calendar (domain/values.py), checked as written:
    "9999-12-31T23:59:59-01:00" is refused before anything turns it into UTC and overflows."""

    def __init__(self, **kwargs: Any) -> None:
        moment = isinstance(self, fields.DateTime)
        pattern = calendar_pattern(EARLIEST_DAY, LATEST_DAY, moment=moment)
        kwargs["metadata"] = {"pattern": pattern, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            check_in_calendar(moment, attr or "")
        except InvalidValue as refused:
            raise ValidationError(refused.message) from None
        return moment


class Day(InCalendar, fields.Date):
    """A yyyy-mm-dd day of the programme."""


class Moment(InCalendar, fields.DateTime):
    """An ISO 8601 date and time; without an offset it is read as Vietnam time later on."""


class AwareMoment(InCalendar, fields.AwareDateTime):
    """An ISO 8601 date and time that must carry its offset."""


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
    """?as_of=YYYY-MM-DD: the state on a past day; ?as_of_version=N: as recorded at version N.
    Rebuilt from the log: see refuse_time_travel_to_non_log_readers for who may ask."""

    as_of = Day(load_default=None)
    as_of_version = fields.Integer(
        load_default=None, validate=validate.Range(min=1, max=MAX_SQL_INTEGER)
    )


def refuse_time_travel_to_non_log_readers(
    query: dict[str, Any], arguments: tuple[str, ...] = ("as_of", "as_of_version")
) -> None:
    """A record as it stood on another day or at a version is read from the event log, so
    only those who read the log ask for it, as on the auditors' "as of" pages."""
    if any(query[name] for name in arguments) and not g.principal.may_read_log:
        raise Forbidden("only auditors and admins read a record as it stood before")


def refuse_control_characters_in_query() -> None:
    """Before every API request: a query argument with a control character (a NUL cannot even
    reach PostgreSQL) is refused naming the argument, whichever schema reads it."""
    for name, value in request.args.items(multi=True):
        if problem := text_problem(value):
            raise InvalidValue.because(problem, name)


def refuse_unknown_query_arguments() -> None:
    """Before every API request: a query argument the address does not take is refused (422)
    naming it, not ignored, with or without a query schema: a misspelt filter
    (``?outlet_ids=``) would otherwise answer as if unfiltered. One that takes a single value
    given twice is refused too: which of the two counts would be the parser's secret."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return
    taken = query_arguments_taken(view)
    for name in request.args:
        if name not in taken:
            if not taken:
                raise InvalidRequest.because("takes_no_query_arguments", name)
            raise InvalidRequest.because("unknown_query_argument", name, takes=sorted(taken))
        if not taken[name] and len(request.args.getlist(name)) > 1:
            raise InvalidRequest.because("given_twice", name)


@cache
def query_arguments_taken(view: Callable[..., Any]) -> dict[str, bool]:
    """The names the view's ``@blp.arguments(..., location="query")`` schemas read, as sent
    (a field's data_key), each with whether it takes a list: flask-smorest keeps the schemas
    beside the view for its document."""
    documented = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    taken: dict[str, bool] = {}
    for parameter in documented:
        if parameter["in"] != "query":
            continue
        schema = parameter["schema"]
        schema = schema() if isinstance(schema, type) else schema
        for name, field in schema.load_fields.items():
            taken[field.data_key or name] = isinstance(field, fields.List)
    return taken
