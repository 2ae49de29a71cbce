"""Producer (chủ thể OCOP): a cooperative, enterprise, cooperative group or household business."""

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.errors import InvalidValue
from domain.reference import PRODUCER_KINDS
from domain.values import Place


class Producer(OcopAggregate):
    """A producer registered with the programme, with its kind and place."""

    @classmethod
    def register(cls, name: str, kind: str, place: Place) -> "Producer":
        """Register a producer, checking its name and kind."""
        if not name.strip():
            raise InvalidValue("must not be empty", field="name")
        if kind not in PRODUCER_KINDS:
            raise InvalidValue(f"must be one of {', '.join(PRODUCER_KINDS)}", field="kind")
        return cls(name=name.strip(), kind=kind, place=place)

    @event("Registered")
    def __init__(self, name: str, kind: str, place: Place) -> None:
        self.name = name
        self.kind = kind
        self.place = place
