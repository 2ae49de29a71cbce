"""Looking units up for people choosing a place: GET /places and the pages' place lists."""

from datetime import date

from domain.text import vietnamese_order
from marketplace.clock import today
from marketplace.places import COUNTRY, unit_named
from marketplace.places.names import plain
from marketplace.places.units import LEGACY, LEVELS, Unit, gazetteer, units_on


def units_in(units: str, level: str, province: Unit | None) -> list[Unit]:
    """The units of ``level`` in a set, within one province if given."""
    places = gazetteer()
    if level == "province":
        return [province] if province else places.all(units, level)
    if province is None:
        return places.all(units, level)
    if level == "district" or units != LEGACY:
        return places.children(units, level, province.code)
    districts = places.children(units, "district", province.code)
    return [c for d in districts for c in places.children(units, "commune", d.code)]


def find_units(
    q: str | None, province: str | None, level: str | None, as_of: date, limit: int
) -> list[Unit]:
    """Units in force on ``as_of`` (districts: always the old ones, as the plans speak of them)
    whose name holds ``q`` (accents and case ignored), names beginning with it first, then in
    Vietnamese order; ``province`` (a code or a name) narrows to one province."""
    found: list[Unit] = []
    for each in (level,) if level else LEVELS:
        units = LEGACY if each == "district" else units_on(as_of)
        within = None
        if province:
            within = unit_named(
                gazetteer().all(units, "province"), province, "province", COUNTRY, as_of
            )
        found += units_in(units, each, within)
    wanted = plain(q or "")
    if wanted:
        found = [u for u in found if wanted in plain(u.name)]
    found.sort(key=lambda u: (not plain(u.short).startswith(wanted), vietnamese_order(u.short)))
    return found[:limit]


def described(unit: Unit) -> dict:
    """A unit as the API answers it."""
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short,
        "level": unit.level,
        "parent_code": unit.parent_code,
        "units": unit.units,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def province_names(on: date | None = None) -> list[str]:
    """The provinces in force on ``on`` (today if not given), short names in Vietnamese order,
    for a page's place input to offer."""
    units = gazetteer().all(units_on(on or today()), "province")
    return sorted((u.short for u in units), key=vietnamese_order)
