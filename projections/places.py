"""Places in reports and filters: a district is identified with its province, a commune with
its province and district.

The same district or commune name exists in several provinces ("An Lão" is in Hải Phòng and in
Bình Định), and the same commune name in several districts of one province, so no grouping or
filter may use a bare name: filters are resolved to one unit and compared by code
(``place_conditions``). A place recorded after the July 2025 reform has no district: its
communes are identified by province and commune, with the district absent.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table, and_, or_

from domain.text import vietnamese_order
from marketplace.places.filters import (  # the filter rules' home; imported from here too
    PlaceFilter,
    PlaceNotIdentified,  # noqa: F401
    checked_place,  # noqa: F401
)
from marketplace.places.grouping import Grouping, group_of
from marketplace.places.members import clauses

LEVELS = ("province", "district", "commune")
PLACE_COLUMNS = ("province_code", "district_code", "commune_code", "units_set")
"""The columns beside the names that say which units a recorded place is (GSO codes)."""
NO_PLACE = "(không rõ)"
"""Shown for a level a place did not record (a district after the 2025 reform)."""
SEPARATOR = " / "


def _reader(place: Any):
    """Read a level from a mapping (a row's mapping, a dict) or an object with attributes."""
    return place.get if isinstance(place, Mapping) else lambda name: getattr(place, name)


def levels_of(by: str) -> tuple[str, ...]:
    """The levels that identify a place grouped ``by`` province, district or commune."""
    return LEVELS[: LEVELS.index(by) + 1]


def place_key(by: str, place: Any) -> str:
    """A readable, unambiguous key such as "Hải Phòng / An Lão" for a district or
    "Hải Phòng / An Lão / An Hòa" for a commune; ``place`` has the three levels as attributes
    or keys. A commune without a district is "province / commune"."""
    value = _reader(place)
    parts = [value("province") or NO_PLACE]
    if by != "province":
        district = value("district")
        if by == "district":
            parts.append(district or NO_PLACE)
        elif district:
            parts.append(district)
    if by == "commune":
        parts.append(value("commune") or NO_PLACE)
    return SEPARATOR.join(parts)


def group_fields(by: str, place: Any) -> dict[str, Any]:
    """The key and the levels that identify a group, e.g. {key, province, district}."""
    value = _reader(place)
    return {"key": place_key(by, place), **{level: value(level) for level in levels_of(by)}}


def sort_key(by: str, place: Any) -> tuple:
    """Order groups by province, then district (none first), then commune, in Vietnamese
    order (domain.text.vietnamese_order)."""
    value = _reader(place)
    return tuple(vietnamese_order(value(level) or "") for level in levels_of(by))


def regrouped(
    how: Grouping, figures: Iterable[tuple[Any, tuple[int, ...]]]
) -> list[tuple[dict[str, Any], tuple[int, ...]]]:
    """Figures of recorded places (a row or mapping with the names, codes and units set)
    added up per group of ``how`` (marketplace.places.grouping), in Vietnamese order."""
    groups: dict[str, tuple[dict[str, Any], tuple[int, ...]]] = {}
    for place, numbers in figures:
        group = group_of(place, how)
        _, before = groups.get(group["key"], (group, (0,) * len(numbers)))
        groups[group["key"]] = (group, tuple(a + b for a, b in zip(before, numbers, strict=True)))
    return sorted(groups.values(), key=lambda pair: sort_key(how.by, pair[0]))


def place_conditions(table: Table, place: PlaceFilter | None) -> list[Any]:
    """SQL conditions on ``table``'s place columns (names, codes and units set) for a filter
    resolved to one unit (marketplace.places.filters): a row is in it when its place falls in
    the unit's group (marketplace.places.members), compared by code with IN lists."""
    if place is None:
        return []
    return [or_(*(_clause(table, clause) for clause in clauses(place.unit)))]


def _clause(table: Table, clause: dict) -> Any:
    return and_(
        *(
            table.c[column].is_(None) if values is None else table.c[column].in_(sorted(values))
            for column, values in clause.items()
        )
    )
