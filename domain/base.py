"""The base aggregate: events that say who recorded them."""

from collections.abc import Iterable
from dataclasses import field, replace
from typing import Any

from eventsourcing.domain import Aggregate

from domain.actor import SYSTEM


class OcopAggregate(Aggregate):
    """An aggregate whose every event records the acting user (``recorded_by``)."""

    class Event(Aggregate.Event):
        recorded_by: str = field(default=SYSTEM, kw_only=True)

    class Created(Event, Aggregate.Created):
        pass


def stamped(aggregates: Iterable[Aggregate], recorded_by: str) -> list[Any]:
    """What to hand to ``Application.save`` so the aggregates' pending events name who records
    them: each event collected and copied with ``recorded_by`` set, then the aggregates
    themselves (now with nothing pending; the application caches and snapshots them).

    The domain triggers an event without knowing who asked; whoever saves it says, once.
    """
    aggregates = list(aggregates)
    events = [replace(e, recorded_by=recorded_by) for a in aggregates for e in a.collect_events()]
    return [*events, *aggregates]
