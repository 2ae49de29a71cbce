"""What auditors ask the application: the event log filtered, one aggregate's history."""

from datetime import datetime
from typing import Any
from uuid import UUID

from marketplace.event_log import event_record

SCAN_LIMIT = 20_000
"""Rows a filtered page may scan before it answers with what it found and where to go on."""


class AuditQueries:
    """Mixed into the application: reads of the raw log (the one place reads skip projections)."""

    def event_log(
        self,
        after: int = 0,
        limit: int = 100,
        aggregate_type: str | None = None,
        type: str | None = None,
        user: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> dict[str, Any]:
        """A page of the log in order, filtered; ``next_after`` says where to read on."""
        items, position, scanned = [], after, 0
        while len(items) < limit and scanned < SCAN_LIMIT:
            batch = self.recorder.select_notifications(
                start=position, limit=min(1000, SCAN_LIMIT), inclusive_of_start=False
            )
            if not batch:
                break
            links = dict(self.recorder.select_links(position, batch[-1].id))
            for notification in batch:
                position, scanned = notification.id, scanned + 1
                record = self._matching(notification, links, aggregate_type, type, user, start, end)
                if record and len(items) < limit:
                    items.append(record)
                if len(items) == limit:
                    break
        return {"items": items, "next_after": position}

    def _matching(self, notification, links, aggregate_type, type_, user, start, end):
        kind = notification.topic.rpartition(":")[2]
        if aggregate_type and not kind.startswith(f"{aggregate_type}."):
            return None
        if type_ and kind.rpartition(".")[2] != type_:
            return None
        event = self.mapper.to_domain_event(notification)
        if user and getattr(event, "recorded_by", None) != user:
            return None
        if (start and event.timestamp < start) or (end and event.timestamp > end):
            return None
        return event_record(notification.id, notification, event, links.get(notification.id))

    def history(
        self, aggregate_id: UUID, kind: type, after_version: int = 0, limit: int | None = None
    ) -> dict[str, Any]:
        """The events of one aggregate in version order, with positions and links: all of them,
        or a page of ``limit`` after ``after_version``; with the latest version and the kind."""
        latest = self.get(aggregate_id, kind)  # NotFound for an unknown id or the wrong kind
        rows = self.recorder.select_history(aggregate_id, after_version, limit)
        return {
            "items": [
                event_record(position, stored, self.mapper.to_domain_event(stored), link)
                for position, stored, link in rows
            ],
            "version": latest.version,
            "aggregate_type": type(latest).__qualname__,
        }
