"""Which group a recorded place falls in when reports group by province, district or commune
in one set of units: the old ones ("legacy") or those since 1 July 2025 ("2025").

A place is read with the units it was recorded in and mapped through the reform where the
grouping asks for the other set: an old place grouped by the new units goes to the province and
commune it became (Hải Dương -> Hải Phòng); a new place grouped by the old units goes to its
district's old province, or to the one old province (or commune) its commune was made from, and
to no known group ("(không rõ)") where that is not one. Districts are always the old ones (the
2021–2025 plans speak of them); a place recorded without a district is in the "(không rõ)"
district. A place recorded before codes existed is read by its names in the old units.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from marketplace.places.names import matching
from marketplace.places.units import CURRENT, LEGACY, LEVELS, Unit, gazetteer, units_on

NO_PLACE = "(không rõ)"
SEPARATOR = " / "


@dataclass(frozen=True)
class Grouping:
    """Group by ``by`` (province, district or commune) in the units ``units``."""

    by: str
    units: str

    def described(self) -> dict[str, str]:
        return {"by": self.by, "units": self.units}

    @property
    def levels(self) -> tuple[str, ...]:
        """The levels a group names: a commune of the 2025 units has no district."""
        levels = LEVELS[: LEVELS.index(self.by) + 1]
        return tuple(lv for lv in levels if lv != "district" or self.units == LEGACY)


def grouping(by: str, units: str | None, day: date) -> Grouping:
    """The grouping asked for: by default the units in force on ``day``; districts are
    always the old ones."""
    if by == "district":
        return Grouping(by, LEGACY)
    return Grouping(by, units or units_on(day))


def group_of(place: Mapping[str, Any] | Any, how: Grouping) -> dict[str, Any]:
    """The group of a recorded place: its readable ``key`` ("Hải Phòng / An Lão"), and the
    name and code of each level it names (None where not known)."""
    read = place.get if isinstance(place, Mapping) else lambda name: getattr(place, name, None)
    recorded = tuple(read(f) for f in ("province", "district", "commune"))
    codes = tuple(read(f) for f in ("province_code", "district_code", "commune_code"))
    return dict(_group(recorded, codes, read("units_set") or read("units"), how))


@lru_cache(maxsize=1 << 16)
def _group(recorded: tuple, codes: tuple, units: str | None, how: Grouping) -> dict[str, Any]:
    """group_of's answer, kept: the units and their mapping are fixed data, and a report
    groups the same few thousand places on every request (about 45 µs each to map)."""
    mapped = _mapped(*_coded(recorded, codes, units), how)
    fields: dict[str, Any] = {}
    for level in how.levels:
        unit = mapped.get(level)
        fallback = None if unit or mapped.get("mapped") else recorded[LEVELS.index(level)]
        fields[level] = unit.short if unit else fallback
        fields[f"{level}_code"] = unit.code if unit else None
    key = SEPARATOR.join(fields[level] or NO_PLACE for level in how.levels)
    return {"key": key, **fields}


def _coded(recorded: tuple, codes: tuple, units: str | None) -> tuple[dict[str, Unit], str]:
    """The recorded place's units by level, and the set they belong to."""
    places = gazetteer()
    if units is None:
        return _by_names(*recorded), LEGACY
    found = {
        "province": places.unit(units, "province", codes[0]),
        "district": places.unit(LEGACY, "district", codes[1]),
        "commune": places.unit(units, "commune", codes[2]),
    }
    return {level: unit for level, unit in found.items() if unit}, units


@cache
def _by_names(province: str | None, district: str | None, commune: str | None) -> dict:
    """An old record's units found by its names in the old units, where each is unique."""
    places = gazetteer()
    found: dict[str, Unit] = {}
    provinces = matching(places.all(LEGACY, "province"), province or "")
    if len(provinces) != 1:
        return found
    found["province"] = provinces[0]
    districts = matching(places.children(LEGACY, "district", provinces[0].code), district or "")
    if len(districts) == 1:
        found["district"] = districts[0]
        communes = matching(places.children(LEGACY, "commune", districts[0].code), commune or "")
        if len(communes) == 1:
            found["commune"] = communes[0]
    return found


def _mapped(found: dict[str, Unit], units: str, how: Grouping) -> dict[str, Any]:
    """The units of the grouping's set that a place of ``units`` falls in."""
    places = gazetteer()
    if not found:
        return {}
    if units == how.units:
        return found
    mapped: dict[str, Any] = {"mapped": True, "district": found.get("district")}
    if how.units == CURRENT:  # old -> new through the reform's mapping
        mapped["province"] = places.province_after_reform(_code(found, "province"))
        district_code = _code(found, "district")
        mapped["commune"] = places.commune_after_reform(_code(found, "commune"), district_code)
        return mapped
    district = found.get("district")
    origins = _origins(_code(found, "commune"))
    if district is not None:
        origins = [c for c in origins if c.parent_code == district.code]
        mapped["province"] = places.unit(LEGACY, "province", district.parent_code)
    else:
        provinces = {_province_of(c).code for c in origins}
        only = provinces.pop() if len(provinces) == 1 else None
        mapped["province"] = places.unit(LEGACY, "province", only)
    if len(origins) == 1:
        mapped["commune"] = origins[0]
        mapped["district"] = places.unit(LEGACY, "district", origins[0].parent_code)
    return mapped


def _code(found: dict[str, Unit], level: str) -> str | None:
    unit = found.get(level)
    return unit.code if unit else None


def _province_of(commune: Unit) -> Unit:
    places = gazetteer()
    return places.unit(
        LEGACY, "province", places.unit(LEGACY, "district", commune.parent_code).parent_code
    )


@cache
def _reverse() -> dict[str, list[Unit]]:
    places = gazetteer()
    origins: dict[str, list[Unit]] = {}
    for commune in places.all(LEGACY, "commune"):
        new = places.commune_after_reform(commune.code)
        if new is not None:
            origins.setdefault(new.code, []).append(commune)
    return origins


def _origins(new_commune_code: str | None) -> list[Unit]:
    """The old communes a 2025 commune was made from (wholly or in part)."""
    return _reverse().get(new_commune_code or "", [])


origins = _origins
province_of_old_commune = _province_of
