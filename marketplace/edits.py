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
from marketplace.places.grouping import Grouping, group_of
from marketplace.places.units import LEGACY


def moved_to(c: CorrectProducer | CorrectOutlet, day: date, recorded: Place) -> Place | None:
    """The place a correction names, given whole (province and commune); None if it names
    none, or names the place already recorded (``same_place``): nothing to change there."""
    if c.province is None and c.district is None and c.commune is None:
        return None
    for name in ("province", "commune"):
        if getattr(c, name) is None:
            raise InvalidValue.because("empty", name)
    named = place_of(c.province, c.district, c.commune, on=day)
    return None if same_place(recorded, named) else named


def same_place(recorded: Place, named: Place) -> bool:
    """Whether a place a correction names is the one recorded: the same province and commune
    (by code) in the units ``named`` is in, the recorded place read through the reform's
    mapping where it is in the old ones, and the same district where ``named`` has one.

    So the old names of a pre-reform record, or the 2025 names of the unit it became, name
    the place recorded; a district added where none was known, or another one, is a change.
    """
    if named == recorded or named.units is None:
        return named == recorded
    seen = group_of(recorded, Grouping("commune", named.units))
    if seen["province_code"] is None or seen["commune_code"] is None:
        return False  # a recorded place the units cannot read is compared as written
    district = None
    if recorded.district is not None:
        district = group_of(recorded, Grouping("district", LEGACY))["district_code"]
    return (seen["province_code"], seen["commune_code"]) == (
        named.province_code,
        named.commune_code,
    ) and named.district_code in (None, district)


def producer_view(producer: Producer, day: date) -> dict[str, Any]:
    """A producer with its details in force on ``day`` (its name, kind and place as corrected
    by then) and all its corrections (when, why, what changed)."""
    details = producer.details_on(day)
    place = details["place"]
    return {
        "id": str(producer.id),
        "version": producer.version,
        "name": details["name"],
        "kind": details["kind"],
        "province": place.province,
        "district": place.district,
        "commune": place.commune,
        "registration_no": producer.registration_no,
        "as_of": day.isoformat(),
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
