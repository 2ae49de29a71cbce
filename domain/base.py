"""The base aggregate: events that say who recorded them."""

from dataclasses import field

from eventsourcing.domain import Aggregate

from domain.actor import current_actor


class OcopAggregate(Aggregate):
    """An aggregate whose every event records the acting user (``recorded_by``)."""

    class Event(Aggregate.Event):
        recorded_by: str = field(default_factory=current_actor, kw_only=True)

    class Created(Event, Aggregate.Created):
        pass
