"""The base aggregate: events that say who recorded them."""

from collections.abc import Iterable
from dataclasses import field

from eventsourcing.domain import Aggregate

from domain.actor import SYSTEM


class OcopAggregate(Aggregate):
    """An aggregate whose every event records the acting user (``recorded_by``)."""

    class Event(Aggregate.Event):
        recorded_by: str = field(default=SYSTEM, kw_only=True)

    class Created(Event, Aggregate.Created):
        pass


def stamp(aggregates: Iterable[Aggregate], recorded_by: str) -> None:
    """Name who records the aggregates' pending events. The domain triggers an event without
    knowing who asked; whoever saves it says, once, before the save (events are frozen, and
    this is their last moment in memory before they are stored)."""
    for aggregate in aggregates:
        for event in aggregate.pending_events:
            object.__setattr__(event, "recorded_by", recorded_by)
