"""A place filter (``?province=&district=&commune=``) read as one administrative unit, with the
same resolver as the commands (a code, or a name with or without accents or type word).

How the units of the filter meet the units of a record: the filter is read in the units asked
(``units=``; by default those in force on the day asked, as grouping does), and a record is in
it when its group under that grouping (marketplace.places.grouping.group_of) is the filter's
unit. So ``province=Gia Lai&units=2025`` holds the old Bình Định's records, and
``province=Bình Định&units=legacy`` the post-reform records of communes that were in Bình Định.

- An old name asked without ``units=`` on a day after the reform (``province=Bình Định`` today)
  is read in the old units rather than refused: the old province, as it was.
- A district is always an old one (the plans speak of them); a province of the 2025 units holds
  the districts of the old provinces it was made from ("Gia Lai / An Lão" is Bình Định's An Lão).
  A filter naming a district, and a commune named with its district, are read in the old units.
- A district or commune without its province is refused (a bare name matches namesakes).
"""

from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidValue
from marketplace.places import COUNTRY, unit_named
from marketplace.places.grouping import Grouping
from marketplace.places.units import CURRENT, LEGACY, LEVELS, Unit, gazetteer, units_on


class PlaceNotIdentified(ValueError):
    """A district or commune was asked for without the province (or district) it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PlaceFilter:
    """The one unit a filter names; records are in it when their group under ``grouping`` is it."""

    unit: Unit

    @property
    def grouping(self) -> Grouping:
        return Grouping(self.unit.level, self.unit.units)

    def described(self) -> dict[str, str]:
        """The filter as an answer echoes it: which unit, in which units."""
        unit = self.unit
        return {"level": unit.level, "code": unit.code, "name": unit.short, "units": unit.units}


def checked_place(place: dict[str, str | None] | None) -> dict[str, str]:
    """The filter's levels that are given (blank ones dropped), refusing a district or commune
    without its province: a bare name would match namesakes in other provinces."""
    given = {level: (place or {}).get(level) for level in LEVELS}
    given = {level: value.strip() for level, value in given.items() if value and value.strip()}
    for level in ("commune", "district"):
        if level in given and "province" not in given:
            raise PlaceNotIdentified(
                level, f"a {level} is identified with its province: give the province too"
            )
    return given


def place_filter(
    place: dict[str, str | None] | None, units: str | None, day: date
) -> PlaceFilter | None:
    """The unit a filter names (None: no filter), read in ``units`` (default: those in force on
    ``day``); an unknown or ambiguous name is refused (422) with the nearest units."""
    given = checked_place(place)
    if not given:
        return None
    province = _province(given["province"], units, day)
    if "district" in given:
        districts = _old_districts(province)
        district = unit_named(districts, given["district"], "district", province.name, day)
        if "commune" not in given:
            return PlaceFilter(district)
        communes = gazetteer().children(LEGACY, "commune", district.code)
        return PlaceFilter(unit_named(communes, given["commune"], "commune", district.name, day))
    if "commune" in given:
        communes = _communes(province)
        return PlaceFilter(unit_named(communes, given["commune"], "commune", province.name, day))
    return PlaceFilter(province)


def _province(typed: str, units: str | None, day: date) -> Unit:
    """The province in the units asked; an old name asked without units is the old province."""
    asked = units or units_on(day)
    try:
        return unit_named(gazetteer().all(asked, "province"), typed, "province", COUNTRY, day)
    except InvalidValue:
        if units is not None:
            raise
        other = LEGACY if asked == CURRENT else CURRENT
        try:
            return unit_named(gazetteer().all(other, "province"), typed, "province", COUNTRY, day)
        except InvalidValue:
            pass
        raise


def _old_districts(province: Unit) -> list[Unit]:
    """The old districts of a province: of the old provinces a 2025 province was made from."""
    places = gazetteer()
    if province.units == LEGACY:
        return places.children(LEGACY, "district", province.code)
    olds = [
        p
        for p in places.all(LEGACY, "province")
        if places.province_after_reform(p.code) == province
    ]
    return [d for p in olds for d in places.children(LEGACY, "district", p.code)]


def _communes(province: Unit) -> list[Unit]:
    """The communes of a province in its own units."""
    places = gazetteer()
    if province.units == CURRENT:
        return places.children(CURRENT, "commune", province.code)
    districts = places.children(LEGACY, "district", province.code)
    return [c for d in districts for c in places.children(LEGACY, "commune", d.code)]
