"""What auditors ask the application: the event log filtered, one aggregate's history."""

import json
import re
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.text import matches
from domain.user import User
from marketplace.event_log import event_record

BATCH = 1000
"""Rows read from the store at a time while a filtered page looks for its events."""


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
        aggregate_id: UUID | None = None,
    ) -> dict[str, Any]:
        """A page of the log in order, filtered: it reads on until ``limit`` events match or
        the log ends. ``next_after`` is where to read on, or None when the log has no event
        after this page's last one (so an empty page always ends the reading)."""
        if aggregate_id is not None:
            return self._aggregate_page(aggregate_id, after, limit)
        wanted = _Filter(aggregate_type, type, self._recorders_matching(user), start, end)
        items, position = [], after
        while batch := self.recorder.select_notifications(
            start=position, limit=BATCH, inclusive_of_start=False
        ):
            links = dict(self.recorder.select_links(position, batch[-1].id))
            for notification in batch:
                position = notification.id
                if record := wanted.record(self, notification, links):
                    items.append(record)
                    if len(items) == limit:
                        return {"items": items, "next_after": self._unless_last(position)}
            if len(batch) < BATCH:
                break
        return {"items": items, "next_after": None}

    def _unless_last(self, position: int) -> int | None:
        return None if position >= (self.recorder.max_notification_id() or 0) else position

    def _aggregate_page(self, aggregate_id: UUID, after: int, limit: int) -> dict[str, Any]:
        """One record's events after a position (its history is in position order too)."""
        later = [e for e in self.history(aggregate_id, object)["items"] if e["position"] > after]
        more = len(later) > limit
        return {
            "items": later[:limit],
            "next_after": later[limit - 1]["position"] if more else None,
        }

    def _recorders_matching(self, typed: str | None) -> "_Recorders | None":
        """Who a user filter names: a user id as given, or by the search rule (case and
        accents ignored) every user whose name holds it and any recorder id that does."""
        if not typed:
            return None
        try:
            return _Recorders({str(UUID(typed.strip()))})
        except ValueError:
            pass
        found = _Recorders(set(), typed)
        topic, position = get_topic(User.Registered), 0
        while batch := self.recorder.select_notifications(
            position, BATCH, topics=[topic], inclusive_of_start=False
        ):
            for notification in batch:
                registered = self.mapper.to_domain_event(notification)
                if matches(typed, registered.username):
                    found.ids.add(str(registered.originator_id))
            position = batch[-1].id
        return found

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


class _Filter:
    """The log filters an auditor chose; the topic is tested before an event is decoded."""

    def __init__(self, aggregate_type, type_, recorders, start, end) -> None:
        self.aggregate_type, self.type, self.recorders = aggregate_type, type_, recorders
        self.start, self.end = start, end

    def record(self, app: Any, notification: Any, links: dict) -> dict[str, Any] | None:
        """The event as the log shows it, if it passes every filter."""
        kind = notification.topic.rpartition(":")[2]
        if self.aggregate_type and not kind.startswith(f"{self.aggregate_type}."):
            return None
        if self.type and kind.rpartition(".")[2] != self.type:
            return None
        if self.recorders is not None and _stored_recorder(app, notification) not in self.recorders:
            return None
        event = app.mapper.to_domain_event(notification)
        recorder = getattr(event, "recorded_by", None)
        if self.recorders is not None and recorder not in self.recorders:
            return None
        if (self.start and event.timestamp < self.start) or (
            self.end and event.timestamp > self.end
        ):
            return None
        return event_record(notification.id, notification, event, links.get(notification.id))


_RECORDED_BY = re.compile(rb'"recorded_by":"((?:[^"\\]|\\.)*)"')


def _stored_recorder(app: Any, notification: Any) -> Any:
    """Who recorded a stored event, read from its JSON without decoding the whole event (a
    user filter tests every event of the log); ``_UNREAD`` where the state is compressed or
    enciphered, or the field is not found, so the event is decoded."""
    if app.mapper.compressor is not None or app.mapper.cipher is not None:
        return _UNREAD
    found = _RECORDED_BY.search(notification.state)
    return json.loads(b'"' + found.group(1) + b'"') if found else _UNREAD


class _Unread:
    """Stands for a recorder not read from the stored bytes: every filter lets it through."""


_UNREAD = _Unread()


class _Recorders:
    """The recorders a user filter names: user ids, and the typed text itself, which also finds
    a recorder that is not a user (``system``, the command line's actor)."""

    def __init__(self, ids: set[str], typed: str | None = None) -> None:
        self.ids, self.typed = ids, typed

    def __contains__(self, recorder: object) -> bool:
        if recorder is _UNREAD or recorder in self.ids:
            return True
        return bool(self.typed and isinstance(recorder, str) and matches(self.typed, recorder))
