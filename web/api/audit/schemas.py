"""Schemas of /events and /audit."""

from marshmallow import Schema, fields, validate

from web.api.common import MAX_SQL_INTEGER, AwareMoment, Day, Text

AGGREGATE_TYPES = ("Producer", "Product", "Outlet", "User")


class EventsQueryArgsSchema(Schema):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SQL_INTEGER))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))
    aggregate_id = fields.UUID(load_default=None)
    aggregate_type = fields.String(load_default=None, validate=validate.OneOf(AGGREGATE_TYPES))
    type = Text(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "an event's name (Sold) or its kind (Outlet.Sold)"},
    )
    user = Text(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "a user id, or part of a username (case and accents ignored)"},
    )
    start = AwareMoment(data_key="from", load_default=None)
    end = AwareMoment(data_key="to", load_default=None)
    first_day = Day(
        data_key="from_day",
        load_default=None,
        metadata={"description": "events recorded on this day (Vietnam time) or later"},
    )
    last_day = Day(
        data_key="to_day",
        load_default=None,
        metadata={"description": "events recorded on this day (Vietnam time) or earlier"},
    )
    actor = Text(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "one exact username (case ignored); an unknown one is a 422"},
    )
    order = fields.String(
        load_default="asc",
        validate=validate.OneOf(["asc", "desc"]),
        metadata={"description": "desc: newest first, read on with ?before=next_before"},
    )
    before = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=MAX_SQL_INTEGER),
        metadata={
            "description": "with order=desc: only events below this position (and, as ever, above ?after=)"
        },
    )


class EventSchema(Schema):
    position = fields.Integer()
    aggregate_id = fields.UUID()
    aggregate_type = fields.String()
    version = fields.Integer()
    type = fields.String()
    timestamp = fields.String(metadata={"format": "date-time"})
    user = fields.String(allow_none=True)
    username = fields.String(
        allow_none=True, metadata={"description": "the recorder's username when it is a user"}
    )
    data = fields.Dict()
    link = fields.String(metadata={"description": "this event's hash-chain value"})
    leaf_index = fields.Integer(
        allow_none=True,
        metadata={"description": "its leaf in the log's Merkle tree (/audit/proof/inclusion)"},
    )


class EventPageSchema(Schema):
    items = fields.List(fields.Nested(EventSchema))
    next_after = fields.Integer(
        allow_none=True,
        metadata={"description": "pass as ?after= to read on; null at the end of the log"},
    )
    next_before = fields.Integer(
        allow_none=True,
        metadata={
            "description": "order=desc: pass as ?before= to read on; null at the log's start"
        },
    )


class HistorySchema(Schema):
    items = fields.List(fields.Nested(EventSchema))


class VerifyQueryArgsSchema(Schema):
    since_head = fields.String(load_default=None, metadata={"description": "POSITION:LINK"})


class VerificationSchema(Schema):
    ok = fields.Boolean()
    events_checked = fields.Integer()
    head = fields.String(allow_none=True, metadata={"description": "POSITION:LINK; publish it"})
    first_bad = fields.Dict(allow_none=True)


class ExportQueryArgsSchema(Schema):
    format = fields.String(load_default="jsonl", validate=validate.OneOf(["jsonl", "csv"]))
    start = AwareMoment(data_key="from", load_default=None)
    end = AwareMoment(data_key="to", load_default=None)
