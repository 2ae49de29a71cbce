"""What auditors ask the application: the event log filtered, one aggregate's history."""

import json
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.text import matches
from domain.user import User, user_id_for
from marketplace.clock import start_of_day
from marketplace.errors import InvalidRequest, NotFound
from marketplace.event_log import event_record
from marketplace.reference import AGGREGATE_CLASSES

BATCH = 1000
"""Rows read from the store at a time while a filtered page looks for its events."""
ONE_DAY, TICK = timedelta(days=1), timedelta(microseconds=1)


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
        actor: str | None = None,
        newest_first: bool = False,
        before: int | None = None,
        first_day: date | None = None,
        last_day: date | None = None,
    ) -> dict[str, Any]:
        """A page of the log in order, filtered: it reads on until ``limit`` events match or
        the log ends. ``next_after`` is where to read on, or None when the log has no event
        after this page's last one (so an empty page always ends the reading).

        ``actor`` is one exact username (InvalidRequest naming ``actor`` when no user has it).
        ``newest_first`` reads down from the newest event (or from below position ``before``)
        and says where to read on as ``next_before``: pages read that way stay the same while
        new events are appended above them. ``first_day`` and ``last_day`` keep the events
        recorded on those days (Vietnam time), both included, as well as ``start`` and ``end``."""
        recorders = [r for r in (self._recorders_matching(user), self._actor(actor)) if r]
        if first_day is not None:
            start = max(filter(None, (start, start_of_day(first_day))))
        if last_day is not None:
            end = min(filter(None, (end, start_of_day(last_day + ONE_DAY) - TICK)))
        wanted = _Filter(aggregate_type, type, recorders, start, end)
        if newest_first:
            return self._newest_first(wanted, aggregate_id, after, before, limit)
        if aggregate_id is not None:
            return self._aggregate_page(aggregate_id, after, limit)
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

    def _newest_first(
        self,
        wanted: "_Filter",
        aggregate_id: UUID | None,
        after: int,
        before: int | None,
        limit: int,
    ) -> dict[str, Any]:
        """A page of the log read down from below ``before`` (from the newest event when it is
        None) to above ``after``: windows of BATCH positions, each read in order and walked
        backwards."""
        first = self.recorder.select_notifications(start=after, limit=1, inclusive_of_start=False)
        if not first:
            return {"items": [], "next_after": None, "next_before": None}
        lowest, newest = first[0].id, self.recorder.max_notification_id() or 0
        top = min(before - 1, newest) if before else newest
        items: list[dict[str, Any]] = []
        while top >= lowest:
            low = max(top - BATCH + 1, lowest)
            batch = self.recorder.select_notifications(start=low, limit=BATCH, stop=top)
            links = dict(self.recorder.select_links(low - 1, top))
            for notification in reversed(batch):
                if aggregate_id is not None and notification.originator_id != aggregate_id:
                    continue
                if record := wanted.record(self, notification, links):
                    items.append(record)
                    if len(items) == limit:
                        more = notification.id > lowest
                        return {
                            "items": items,
                            "next_after": None,
                            "next_before": notification.id if more else None,
                        }
            top = low - 1
        return {"items": items, "next_after": None, "next_before": None}

    def _actor(self, username: str | None) -> "_Recorders | None":
        """The one user with this exact username (case ignored, as at sign-in)."""
        if not username:
            return None
        user_id = user_id_for(username)
        if str(user_id) not in self.recorder.select_user_ids():
            raise InvalidRequest.because("no_such_user", "actor", username=username.strip())
        return _Recorders({str(user_id)})

    def usernames(self, recorders: Iterable[str | None]) -> dict[str, str]:
        """The username of each recorder that is a user's id (others, "system", are left out)."""
        known = set(self.recorder.select_user_ids())
        names = {}
        for recorder in set(recorders) & known:
            names[recorder] = self.get(UUID(recorder), User).username
        return names

    def names_as_of(self, ids: Iterable[str], moment: datetime | None = None) -> dict[str, str]:
        """The name of each producer, product or outlet as recorded before ``moment`` (now
        when it is None); an id not yet recorded then, or of no such record, is left out."""
        names = {}
        for text in set(ids):
            aggregate_id = UUID(text)
            try:
                current = self.get(aggregate_id, object)
            except NotFound:
                continue
            version = None if moment is None else self.version_recorded_before(aggregate_id, moment)
            if moment is not None and version is None:
                continue
            at = (
                current
                if version in (None, current.version)
                else self.repository.get(aggregate_id, version=version)
            )
            if isinstance(getattr(at, "name", None), str):
                names[text] = at.name
        return names

    def recorded_at(self, aggregate_id: UUID, version: int) -> datetime | None:
        """When a version of a record was recorded (None for a version it does not have)."""
        stored = self.recorder.select_events(aggregate_id, gt=version - 1, lte=version)
        return self.mapper.to_domain_event(stored[0]).timestamp if stored else None

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
        """The event as the log shows it, if it passes every filter. A type is its name
        ("Sold") or its aggregate's and its name ("Outlet.Sold")."""
        kind = notification.topic.rpartition(":")[2]
        if self.aggregate_type and not kind.startswith(f"{self.aggregate_type}."):
            return None
        if self.type and self.type not in (kind, kind.rpartition(".")[2]):
            return None
        if self.recorders:
            stored = _stored_recorder(app, notification)
            if any(stored not in wanted for wanted in self.recorders):
                return None
        event = app.mapper.to_domain_event(notification)
        recorder = getattr(event, "recorded_by", None)
        if any(recorder not in wanted for wanted in self.recorders):
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


def _event_types() -> tuple[str, ...]:
    """Every kind of event the log can hold, as "Aggregate.Event" (the topic's tail)."""
    kinds = []
    for name, cls in {**AGGREGATE_CLASSES, "User": User}.items():
        for event_name, value in vars(cls).items():
            is_event = isinstance(value, type) and issubclass(value, cls.Event)
            if is_event and event_name not in ("Event", "Created"):
                kinds.append(f"{name}.{event_name}")
    return tuple(sorted(kinds))


EVENT_TYPES = _event_types()
"""The known event types, "Outlet.Sold"…: the auditors' picker lists them."""
