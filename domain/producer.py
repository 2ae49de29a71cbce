"""Producer (chủ thể OCOP): a cooperative, enterprise, cooperative group or household business."""

from typing import Any

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.errors import InvalidValue
from domain.reference import PRODUCER_KINDS
from domain.text import checked_text
from domain.values import Place

REGISTRATION_NO_MAX = 50


class Producer(OcopAggregate):
    """A producer registered with the programme, with its kind, place and registration number."""

    class Registered(OcopAggregate.Created):
        """A producer was registered.

        Version 2 added ``registration_no`` (mã số đăng ký kinh doanh / mã số hợp tác xã).
        Events stored before it have no such field: ``upcast_v1_v2`` gives them None.
        Stored events are never rewritten; see docs/SCHEMA_EVOLUTION.md.
        """

        class_version = 2

        name: str
        kind: str
        place: Place
        registration_no: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["registration_no"] = None

    @classmethod
    def register(
        cls, name: str, kind: str, place: Place, registration_no: str | None = None
    ) -> "Producer":
        """Register a producer, checking its name, kind and registration number."""
        name = checked_text(name, "name")
        if kind not in PRODUCER_KINDS:
            raise InvalidValue.because("not_one_of", "kind", options=list(PRODUCER_KINDS))
        registration_no = checked_text(registration_no, "registration_no", required=False)
        if registration_no and len(registration_no) > REGISTRATION_NO_MAX:
            raise InvalidValue.because("too_long", "registration_no", n=REGISTRATION_NO_MAX)
        return cls(name=name, kind=kind, place=place, registration_no=registration_no)

    @event(Registered)
    def __init__(self, name: str, kind: str, place: Place, registration_no: str | None) -> None:
        self.name = name
        self.kind = kind
        self.place = place
        self.registration_no = registration_no
