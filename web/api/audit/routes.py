"""GET /events, /{products|outlets|producers}/{id}/history, /audit/verify, /events/export."""

from flask import Response, stream_with_context
from flask_smorest import Blueprint

from marketplace.audit import Head, verify
from marketplace.errors import InvalidRequest
from marketplace.export import FORMATS, export_lines
from web.api.audit import schemas as s
from web.api.audit.kept_tree import tree
from web.application import marketplace
from web.auth import allowed, reads_log

blp = Blueprint("audit", __name__, url_prefix="", description="Auditors: the event log")
AUDITORS_ONLY = "only auditors and admins read the event log"
KINDS = {"products": "Product", "outlets": "Outlet", "producers": "Producer"}


@blp.route("/events", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(s.EventsQueryArgsSchema, location="query")
@blp.response(200, s.EventPageSchema)
def list_events(args):
    """The event log in global order, filtered; read on with ?after=next_after until it is
    null (the end of the log). With order=desc, newest first: read on with
    ?before=next_before (pages stay the same while new events arrive)."""
    newest_first = args.pop("order") == "desc"
    page = marketplace().event_log(**args, newest_first=newest_first)
    indexes = tree().indexes_of([item["position"] for item in page["items"]])
    names = marketplace().usernames(item["user"] for item in page["items"])
    for item in page["items"]:
        item["leaf_index"] = indexes.get(item["position"])
        item["username"] = names.get(item["user"])
    return page


@blp.route("/<any(products, outlets, producers):kind>/<uuid:aggregate_id>/history", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.response(200, s.HistorySchema)
def history(kind, aggregate_id):
    """Every event of one product, outlet or producer, in version order."""
    from marketplace.reference import AGGREGATE_CLASSES

    return marketplace().history(aggregate_id, AGGREGATE_CLASSES[KINDS[kind]])


@blp.route("/audit/verify", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(s.VerifyQueryArgsSchema, location="query")
@blp.response(200, s.VerificationSchema)
def verify_log(args):
    """Recompute the hash chain over the whole log; optionally prove it grew from a head."""
    try:
        since = Head.parse(args["since_head"]) if args["since_head"] else None
    except ValueError:
        raise InvalidRequest.because("not_a_head", "since_head") from None
    return verify(marketplace().recorder, since=since).as_dict()


EXPORT_DOC = {
    "200": {
        "description": "the events in order, one per line (?format= chooses), as an attachment",
        "headers": {"Content-Disposition": {"schema": {"type": "string"}, "required": True}},
        "content": {mimetype: {"schema": {"type": "string"}} for mimetype in FORMATS.values()},
    }
}


@blp.route("/events/export", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(s.ExportQueryArgsSchema, location="query")
@blp.doc(responses=EXPORT_DOC)
def export_events(args):
    """Download the log (JSON lines or CSV) with its chain links, streamed."""
    fmt = args["format"]
    lines = export_lines(marketplace(), fmt, args["start"], args["end"])
    filename = f"ocop-events.{'jsonl' if fmt == 'jsonl' else 'csv'}"
    return Response(
        stream_with_context(lines),
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


from web.api.audit import proofs as _proofs  # noqa: F401  (its routes join this blueprint)
