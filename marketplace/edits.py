"""Corrections of the registers as the API and the pages show them (đính chính chủ thể, sản
phẩm, điểm bán)."""

from datetime import date
from typing import Any

from domain.edits import Correctable
from domain.errors import InvalidValue
from domain.producer import Producer
from domain.values import Place
from marketplace.event_log import plain
from marketplace.messages import CorrectOutlet, CorrectProducer
from marketplace.places import place_of


def moved_to(c: CorrectProducer | CorrectOutlet, day: date) -> Place | None:
    """The place a correction names, given whole (province and commune), or None."""
    if c.province is None and c.district is None and c.commune is None:
        return None
    for name in ("province", "commune"):
        if getattr(c, name) is None:
            raise InvalidValue.because("empty", name)
    return place_of(c.province, c.district, c.commune, on=day)


def producer_view(producer: Producer) -> dict[str, Any]:
    """A producer as it is now, with its corrections (when, why, what changed)."""
    place = producer.place
    return {
        "id": str(producer.id),
        "version": producer.version,
        "name": producer.name,
        "kind": producer.kind,
        "province": place.province,
        "district": place.district,
        "commune": place.commune,
        "registration_no": producer.registration_no,
        "corrections": corrections_view(producer),
    }


def corrections_view(record: Correctable) -> list[dict[str, Any]]:
    """A record's corrections, oldest first: the day, the reason, the fields changed."""
    return [
        {
            "changed_on": c.changed_on.isoformat(),
            "reason": c.reason,
            "before": plain(c.before),
            "after": plain(c.after),
        }
        for c in record.corrections
    ]
