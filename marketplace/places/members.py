"""Which recorded places fall in a unit: the inverse of marketplace.places.grouping.group_of,
written as clauses on a record's columns, so that a read model filters in SQL (an IN list of
codes) rather than grouping every row.

A record's place is its names, the GSO codes of its units and the set they belong to
(``units_set``: legacy, 2025, or None when recorded before codes). A record is in ``unit`` when
it matches one clause; a clause maps a column to the values it may hold (None: the column is
NULL). The clauses follow group_of case by case:

- a record of the unit's own set: its code at the unit's level (districts: any set, as a
  district is always an old one);
- an old record under a 2025 unit: the old provinces or communes the reform mapped into it;
- a 2025 record under an old unit: its kept district's province or district, else the one old
  province, district or commune its commune was made from;
- a record without codes: its recorded names, as written (the unit's short or full name).
"""

from functools import cache

from marketplace.places.grouping import origins, province_of_old_commune
from marketplace.places.units import CURRENT, LEGACY, Unit, gazetteer

Clause = dict[str, frozenset[str] | None]


def clauses(unit: Unit) -> list[Clause]:
    """The clauses (any one suffices) a recorded place of ``unit``'s group matches."""
    if unit.units == CURRENT:
        found = _in_new_province(unit) if unit.level == "province" else _in_new_commune(unit)
    else:
        found = {"province": _in_old_province, "district": _in_old_district}.get(
            unit.level, _in_old_commune
        )(unit)
    return [c for c in found if all(v is None or v for v in c.values())]  # no empty IN list


def _set(*values: str) -> frozenset[str]:
    return frozenset(values)


def _named(*units: Unit) -> Clause:
    """A record without codes named as the old units ``units`` (province, district, commune)."""
    levels = ("province", "district", "commune")
    return {"units_set": None} | {lv: _set(u.short, u.name) for lv, u in zip(levels, units)}


def _chain(commune: Unit) -> tuple[Unit, Unit, Unit]:
    """An old commune with its district and province."""
    district = gazetteer().unit(LEGACY, "district", commune.parent_code)
    return province_of_old_commune(commune), district, commune


def _in_old_province(province: Unit) -> list[Clause]:
    districts = gazetteer().children(LEGACY, "district", province.code)
    return [
        {"units_set": _set(LEGACY), "province_code": _set(province.code)},
        {"units_set": _set(CURRENT), "district_code": _set(*(d.code for d in districts))},
        {
            "units_set": _set(CURRENT),
            "district_code": None,
            "commune_code": _new_communes_of_old_province().get(province.code, frozenset()),
        },
        _named(province),
    ]


def _in_old_district(district: Unit) -> list[Clause]:
    province = gazetteer().unit(LEGACY, "province", district.parent_code)
    made_of_one = [n for n, (o,) in _made_of_one().items() if o.parent_code == district.code]
    return [
        {"units_set": _set(LEGACY, CURRENT), "district_code": _set(district.code)},
        {"units_set": _set(CURRENT), "district_code": None, "commune_code": _set(*made_of_one)},
        _named(province, district),
    ]


def _in_old_commune(commune: Unit) -> list[Clause]:
    new = gazetteer().commune_after_reform(commune.code)
    parts = origins(new.code) if new else []
    in_district = [o for o in parts if o.parent_code == commune.parent_code]
    return [
        {"units_set": _set(LEGACY), "commune_code": _set(commune.code)},
        {
            "units_set": _set(CURRENT),
            "district_code": _set(commune.parent_code),
            "commune_code": _set(new.code) if in_district == [commune] else frozenset(),
        },
        {
            "units_set": _set(CURRENT),
            "district_code": None,
            "commune_code": _set(new.code) if parts == [commune] else frozenset(),
        },
        _named(*_chain(commune)),
    ]


def _in_new_province(province: Unit) -> list[Clause]:
    places = gazetteer()
    olds = [
        p
        for p in places.all(LEGACY, "province")
        if places.province_after_reform(p.code) == province
    ]
    return [
        {"units_set": _set(CURRENT), "province_code": _set(province.code)},
        {"units_set": _set(LEGACY), "province_code": _set(*(p.code for p in olds))},
        *(_named(p) for p in olds),
    ]


def _in_new_commune(commune: Unit) -> list[Clause]:
    parts = origins(commune.code)
    islands = [d for d, n in _new_commune_of_district().items() if n == commune.code]
    return [
        {"units_set": _set(CURRENT), "commune_code": _set(commune.code)},
        {"units_set": _set(LEGACY), "commune_code": _set(*(o.code for o in parts))},
        {"units_set": _set(LEGACY), "commune_code": None, "district_code": _set(*islands)},
        *(_named(*_chain(o)) for o in parts),
    ]


@cache
def _made_of_one() -> dict[str, tuple[Unit]]:
    """The 2025 communes made from exactly one old commune, with it."""
    places = gazetteer()
    found = {}
    for new in places.all(CURRENT, "commune"):
        parts = origins(new.code)
        if len(parts) == 1:
            found[new.code] = (parts[0],)
    return found


@cache
def _new_communes_of_old_province() -> dict[str, frozenset[str]]:
    """By old province: the 2025 communes made only of its communes."""
    places = gazetteer()
    found: dict[str, set[str]] = {}
    for new in places.all(CURRENT, "commune"):
        provinces = {province_of_old_commune(o).code for o in origins(new.code)}
        if len(provinces) == 1:
            found.setdefault(provinces.pop(), set()).add(new.code)
    return {code: frozenset(news) for code, news in found.items()}


def _new_commune_of_district() -> dict[str, str]:
    """The 2025 commune each old district without communes (an island) became as a whole."""
    return gazetteer()._new_commune_of_district  # the reform's own table, read not copied
