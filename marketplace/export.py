"""Exporting the event log with its chain links, as JSON lines or CSV, for offline checking.

An export is a contiguous slice of the hash chain (the whole log unless ``start``/``end`` cut
it), framed so that tools/verify_export.py can recompute every link from the file alone:

JSON lines (``jsonl``), one object a line:
    {"chain_start": {"position": P, "link": L}}   the event just before the slice
                                                   (0 and 64 zeros at the beginning of the log)
    {<event_record fields>, "link": ..., "stored": {"originator_id", "version", "topic",
     "state_b64"}[, "upcast": {"from_version", "to_version", "fields"}]}   one per event
    {"chain_end": {"position": P, "link": L, "events": N}}   the head of the slice

CSV (``csv``): a header line (``CSV_COLUMNS``), then one row per event; the frame lines are
rows whose ``type`` is ``chain_start`` or ``chain_end``, with ``position`` and ``link`` set and,
for ``chain_end``, ``data`` = {"events": N}. ``data`` and ``upcast`` are JSON text. Every cell goes through
marketplace/spreadsheet.py: one that a spreadsheet would run as a formula (none can today: ids,
JSON, base64 of JSON, hex) is written with a leading quote, and the verifier removes it.

``stored`` is the row exactly as the chain hashed it (originator id as 32 hex digits for UUIDs);
``upcast`` lists the fields of ``data`` that today's code derived from an older event version
(they are not in the stored bytes, so the chain does not cover them).

``start``/``end`` filter on the event's recording time, inclusive. A slice stays contiguous so
that it verifies: it begins at the first event recorded at or after ``start`` and ends at the
last one recorded at or before ``end``; writers stamp events before the store orders them, so an
event up to CLOCK_SKEW out of time order inside the slice is kept rather than cut out.
Everything is read in pages and yielded as it goes: memory stays flat however long the log.
"""

import base64
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from marketplace.event_log import BASE_FIELDS, event_record, plain
from marketplace.persistence.chain import GENESIS
from marketplace.spreadsheet import csv_row

FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv"}
PAGE = 1000
CLOCK_SKEW = timedelta(minutes=1)
CSV_COLUMNS = (
    "position",
    "aggregate_type",
    "aggregate_id",
    "version",
    "type",
    "timestamp",
    "user",
    "data",
    "stored_originator_id",
    "stored_topic",
    "state_b64",
    "link",
    "upcast",
)
NOT_IN_DATA = {*BASE_FIELDS, "class_version"}


@dataclass(frozen=True)
class ChainPoint:
    """A position of the chain and its link: the slice's start, or its end with a count."""

    position: int
    link: str | None
    events: int | None = None


def export_lines(app: Any, fmt: str, start: datetime | None, end: datetime | None) -> Iterator[str]:
    """Lines of the export (each ending in a newline): the frame and one line per event."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    for bound in (start, end):
        if bound is not None and bound.tzinfo is None:
            raise ValueError("from/to must carry a time zone")
    if fmt == "jsonl":
        return (_jsonl(item) for item in _slice(app, start, end))
    return _csv_lines(_slice(app, start, end))


def _stored_rows(app: Any) -> Iterator[tuple[Any, str | None]]:
    """(notification, stored link) in position order, up to the head when the export began."""
    after, stop = 0, app.recorder.max_notification_id() or 0
    while after < stop:
        batch = app.recorder.select_notifications(
            start=after, limit=PAGE, stop=stop, inclusive_of_start=False
        )
        if not batch:
            return
        links = dict(app.recorder.select_links(after, batch[-1].id))
        for notification in batch:
            yield notification, links.get(notification.id)
        after = batch[-1].id


def _slice(app: Any, start: datetime | None, end: datetime | None) -> Iterator[Any]:
    """ChainPoint(start), the event records of the slice, ChainPoint(end, with the count)."""
    before, last, count = ChainPoint(0, GENESIS), None, 0
    pending: list[dict[str, Any]] = []  # recorded after ``end``, kept if one inside follows
    for notification, link in _stored_rows(app):
        record, recorded_at = _record(app, notification, link)
        if last is None:
            if start is not None and (recorded_at is None or recorded_at < start):
                before = ChainPoint(notification.id, link)
                continue
            last = before
            yield before
        if end is not None and (recorded_at is None or recorded_at > end):
            if recorded_at is not None and recorded_at > end + CLOCK_SKEW:
                break
            pending.append(record)
            continue
        for kept in (*pending, record):
            yield kept
            count += 1
        last, pending = ChainPoint(record["position"], link), []
    if last is None:
        last = before
        yield before
    yield ChainPoint(last.position, last.link, count)


def _record(app: Any, notification: Any, link: str | None) -> tuple[dict[str, Any], Any]:
    """One event as exported, and its recording time (None if it cannot be decoded)."""
    try:
        event = app.mapper.to_domain_event(notification)
    except Exception as unreadable:  # noqa: BLE001 (exported as it is stored, flagged)
        record = _unreadable_record(notification, link, unreadable)
        recorded_at = None
    else:
        record = event_record(notification.id, notification, event, link)
        recorded_at = event.timestamp
        upcast = _upcast(app, notification, event, record["data"])
        if upcast:
            record["upcast"] = upcast
    originator_id = notification.originator_id
    record["stored"] = {
        "originator_id": originator_id.hex
        if isinstance(originator_id, UUID)
        else str(originator_id),
        "version": notification.originator_version,
        "topic": notification.topic,
        "state_b64": base64.b64encode(bytes(notification.state)).decode("ascii"),
    }
    return record, recorded_at


def _unreadable_record(notification: Any, link: str | None, problem: Exception) -> dict:
    aggregate_type, _, event_type = notification.topic.rpartition(":")[2].rpartition(".")
    return {
        "position": notification.id,
        "aggregate_id": str(notification.originator_id),
        "aggregate_type": aggregate_type,
        "version": notification.originator_version,
        "type": event_type,
        "timestamp": None,
        "user": None,
        "data": None,
        "link": link,
        "decode_error": str(problem),
    }


def _upcast(app: Any, notification: Any, event: Any, data: dict) -> dict[str, Any] | None:
    """Which fields of ``data`` today's code derived from an older stored event version."""
    current = getattr(type(event), "class_version", 1)
    if current == 1:
        return None
    stored = app.mapper.transcoder.decode(bytes(notification.state))
    from_version = stored.get("class_version", 1)
    if from_version >= current:
        return None
    stored = {k: plain(v) for k, v in stored.items() if k not in NOT_IN_DATA}
    fields = sorted(
        k for k in {*stored, *data} if k not in stored or k not in data or stored[k] != data[k]
    )
    return {"from_version": from_version, "to_version": current, "fields": fields}


def _jsonl(item: Any) -> str:
    if isinstance(item, ChainPoint):
        key = "chain_start" if item.events is None else "chain_end"
        point = {"position": item.position, "link": item.link}
        if item.events is not None:
            point["events"] = item.events
        return json.dumps({key: point}, ensure_ascii=False) + "\n"
    return json.dumps(item, ensure_ascii=False) + "\n"


def _csv_lines(items: Iterator[Any]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(row: list[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_row(row))
        return buffer.getvalue()

    yield line(list(CSV_COLUMNS))
    for item in items:
        yield line(_csv_row(item))


def _csv_row(item: Any) -> list[Any]:
    if isinstance(item, ChainPoint):
        row = dict.fromkeys(CSV_COLUMNS, "")
        row.update(position=item.position, link=item.link or "")
        row["type"] = "chain_start" if item.events is None else "chain_end"
        if item.events is not None:
            row["data"] = json.dumps({"events": item.events})
        return list(row.values())
    stored = item["stored"]
    return [
        item["position"],
        item["aggregate_type"],
        item["aggregate_id"],
        item["version"],
        item["type"],
        item["timestamp"] or "",
        "" if item["user"] is None else item["user"],
        "" if item["data"] is None else json.dumps(item["data"], ensure_ascii=False),
        stored["originator_id"],
        stored["topic"],
        stored["state_b64"],
        item["link"] or "",
        json.dumps(item["upcast"]) if "upcast" in item else "",
    ]
