"""Producer (chủ thể OCOP): a cooperative, enterprise, cooperative group or household business."""

from datetime import date
from typing import Any

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.edits import (
    Correctable,
    changed_only,
    check_changed_on,
    checked_reason,
)
from domain.errors import InvalidValue
from domain.reference import PRODUCER_KINDS
from domain.text import checked_text
from domain.values import Place

REGISTRATION_NO_MAX = 50


class Producer(Correctable, OcopAggregate):
    """A producer registered with the programme, with its kind, place and registration number."""

    CORRECTABLE = ("name", "kind", "place")
    """What an officer may correct: the name, the kind, and the place (the producer moved)."""

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

    def correct(
        self,
        changed_on: date,
        reason: str | None = None,
        name: str | None = None,
        kind: str | None = None,
        place: Place | None = None,
    ) -> dict[str, Any]:
        """Correct the name or kind, or record a move (sửa thông tin, chuyển địa điểm), from
        ``changed_on``; return the fields changed."""
        if name is not None:
            name = checked_text(name, "name")
        if kind is not None and kind not in PRODUCER_KINDS:
            raise InvalidValue.because("not_one_of", "kind", options=list(PRODUCER_KINDS))
        check_changed_on(changed_on, self.created_on, self.corrections)
        changes = changed_only(self.details, {"name": name, "kind": kind, "place": place})
        self._corrected(changes, changed_on, checked_reason(reason))
        return changes

    @event("Corrected")
    def _corrected(self, changes: dict[str, Any], changed_on: date, reason: str | None) -> None:
        self._take_correction(changes, changed_on, reason)
