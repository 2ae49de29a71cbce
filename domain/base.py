"""The base aggregate: events that say who recorded them, and aggregates made of parts."""

from collections.abc import Iterable
from dataclasses import field, replace
from typing import Any

from eventsourcing.domain import Aggregate, CommandMethodDecorator

from domain.actor import SYSTEM

_adopted: dict[object, type] = {}  # a part's event or event method → the aggregate made of it


class OcopAggregate(Aggregate):
    """An aggregate whose every event records the acting user (``recorded_by``).

    An aggregate may be made of parts: plain classes among its bases that group its commands,
    events and ``@event`` methods by concern. The library defines event classes only from what
    an aggregate class itself holds, so each part's events and event methods are first copied
    onto the aggregate: ``Outlet.Sold`` is then the Outlet's own event, with the topic
    ``domain.outlet:Outlet.Sold``, whichever module its part is written in.
    """

    class Event(Aggregate.Event):
        recorded_by: str = field(default=SYSTEM, kw_only=True)

    class Created(Event, Aggregate.Created):
        pass

    def __init_subclass__(cls, **kwargs: Any) -> None:
        _adopt_parts(cls)
        super().__init_subclass__(**kwargs)


def _adopt_parts(cls: type) -> None:
    """Copy the events and event methods of the class's parts (bases that are not aggregates)
    onto it, the first part in the bases' order winning; a part makes one aggregate only
    (its event methods trigger that aggregate's events)."""
    for base in cls.__bases__:
        if issubclass(base, Aggregate):
            continue
        for part in base.__mro__:
            for name, value in vars(part).items():
                is_event = isinstance(value, type) and issubclass(value, Aggregate.Event)
                if name in vars(cls) or not (is_event or isinstance(value, CommandMethodDecorator)):
                    continue
                if _adopted.setdefault(value, cls) is not cls:
                    raise TypeError(f"{part.__name__}.{name} already makes {_adopted[value]}")
                setattr(cls, name, value)


def stamped(aggregates: Iterable[Aggregate], recorded_by: str) -> list[Any]:
    """What to hand to ``Application.save`` so the aggregates' pending events name who records
    them: each event collected and copied with ``recorded_by`` set, then the aggregates
    themselves (now with nothing pending; the application caches and snapshots them).

    The domain triggers an event without knowing who asked; whoever saves it says, once.
    """
    aggregates = list(aggregates)
    events = [replace(e, recorded_by=recorded_by) for a in aggregates for e in a.collect_events()]
    return [*events, *aggregates]
