"""Places as the commands give them, made into the domain's Place.

The one seam where a typed province, district and commune become a recorded place, for every
command that records one (a producer registered or edited, an outlet opened or edited). Each
level may be a GSO code or a name (accents, case and the type word optional), found within its
parent among the units in force on the day the place is recorded for:

- before 1 July 2025: province, district (optional if the commune's name is unique in the
  province) and commune of the old units;
- from 1 July 2025: province and commune of the new units. An old-style address (an old
  province, a district, an old commune) is converted with the reform's mapping to the new
  province and commune, and its district kept as "the district where known".

An unknown or ambiguous name is refused (422) naming the field, with the nearest units.
"""

from datetime import date

from domain.errors import InvalidValue
from domain.values import Place
from marketplace.clock import today
from marketplace.places.names import matching, nearest
from marketplace.places.units import CURRENT, LEGACY, Unit, gazetteer, units_on

COUNTRY = "Việt Nam"


def place_of(province: str, district: str | None, commune: str, on: date | None = None) -> Place:
    """The place a command names, as in force on ``on`` (the day it is recorded for; today if
    not given)."""
    Place(province, commune, district)  # the typed-text rule first: control characters, blanks
    day = on or today()
    district = (district or "").strip() or None
    if units_on(day) == LEGACY:
        return _recorded(*_legacy(province, district, commune, day), LEGACY)
    if district is None:
        try:
            return _recorded(*_current(province, commune, day), CURRENT)
        except InvalidValue as refused:
            try:  # an old province or commune typed for a day after the reform
                return _converted(*_legacy(province, None, commune, day))
            except InvalidValue:
                raise refused from None
    return _converted(*_legacy(province, district, commune, day))


def _recorded(province: Unit, district: Unit | None, commune: Unit, units: str) -> Place:
    return Place(
        province.short,
        commune.short,
        district.short if district else None,
        province_code=province.code,
        district_code=district.code if district else None,
        commune_code=commune.code,
        units=units,
    )


def _converted(province: Unit, district: Unit, commune: Unit) -> Place:
    """An old address made into the new units, keeping the old district."""
    places = gazetteer()
    new_province = places.province_after_reform(province.code)
    new_commune = places.commune_after_reform(commune.code, district.code)
    return _recorded(new_province, district, new_commune, CURRENT)


def _current(province: str, commune: str, day: date) -> tuple[Unit, None, Unit]:
    places = gazetteer()
    found_province = unit_named(places.all(CURRENT, "province"), province, "province", COUNTRY, day)
    communes = places.children(CURRENT, "commune", found_province.code)
    return found_province, None, unit_named(communes, commune, "commune", found_province.name, day)


def _legacy(province: str, district: str | None, commune: str, day: date):
    places = gazetteer()
    found_province = unit_named(places.all(LEGACY, "province"), province, "province", COUNTRY, day)
    districts = places.children(LEGACY, "district", found_province.code)
    if district is not None:
        found_district = unit_named(districts, district, "district", found_province.name, day)
        communes = places.children(LEGACY, "commune", found_district.code)
        return (
            found_province,
            found_district,
            unit_named(communes, commune, "commune", found_district.name, day),
        )
    communes = [c for d in districts for c in places.children(LEGACY, "commune", d.code)]
    found_commune = unit_named(communes, commune, "commune", found_province.name, day)
    return found_province, places.unit(LEGACY, "district", found_commune.parent_code), found_commune


def unit_named(units: list[Unit], typed: str, field: str, within: str, day: date) -> Unit:
    """The one unit ``typed`` names among ``units``, or a refusal naming ``field``."""
    found = matching(units, typed)
    if len(found) == 1:
        return found[0]
    reason, shown = (
        ("ambiguous_place", found) if found else ("unknown_place", nearest(units, typed))
    )
    if not shown:
        reason = "unknown_place_nothing_near"
    raise InvalidValue.because(
        reason,
        field,
        given=typed.strip(),
        within=within,
        day=day,
        names=[f"{u.name} ({u.code})" for u in shown],
        suggestions=[_suggestion(u) for u in shown],
    )


def _suggestion(unit: Unit) -> dict:
    parent = (
        gazetteer().unit(unit.units, "district", unit.parent_code)
        if unit.level == "commune"
        else None
    )
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        **({"district": parent.name, "district_code": parent.code} if parent else {}),
    }
