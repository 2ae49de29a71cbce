"""The event log as auditors read it: each stored event as plain JSON, with its chain link."""

import dataclasses
from datetime import date, datetime
from typing import Any
from uuid import UUID

BASE_FIELDS = ("originator_id", "originator_version", "timestamp", "recorded_by")


def plain(value: Any) -> Any:
    """A decoded event value as JSON: ids and dates as strings, value objects as objects."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def event_record(position: int, stored: Any, event: Any, link: str | None = None) -> dict[str, Any]:
    """One event: position, aggregate, version, type, time, user and its data."""
    aggregate_type, _, event_type = stored.topic.rpartition(":")[2].rpartition(".")
    data = {k: plain(v) for k, v in vars(event).items() if k not in BASE_FIELDS}
    record = {
        "position": position,
        "aggregate_id": str(stored.originator_id),
        "aggregate_type": aggregate_type,
        "version": stored.originator_version,
        "type": event_type,
        "timestamp": event.timestamp.isoformat(),
        "user": getattr(event, "recorded_by", None),
        "data": data,
    }
    if link is not None:
        record["link"] = link
    return record
