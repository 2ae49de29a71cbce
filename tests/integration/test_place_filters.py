"""A place filter selects, in SQL by code, exactly the records whose place falls in the filter's
unit when grouped in its units (marketplace.places.grouping.group_of, the definition), for
places recorded in the old units, in the 2025 units (with or without the district kept) and
before codes existed, on both stores (issue 14: filters compared recorded names)."""

import random
import uuid
from datetime import date

import pytest
from sqlalchemy import insert, select

from domain.errors import InvalidValue
from marketplace.places.filters import PlaceFilter, place_filter
from marketplace.places.grouping import group_of
from marketplace.places.units import CURRENT, LEGACY, gazetteer
from projections.places import place_conditions

SAMPLE = 150
PROVINCES = ("52", "64", "31", "30", "01")  # Bình Định, old Gia Lai, Hải Phòng, Hải Dương, Hà Nội


def _old_communes() -> list:
    places = gazetteer()
    districts = [d for p in PROVINCES for d in places.children(LEGACY, "district", p)]
    return [c for d in districts for c in places.children(LEGACY, "commune", d.code)]


def _row(province, district, commune, units: str | None) -> dict:
    codes = {
        "province_code": province.code if units else None,
        "district_code": district.code if district and units else None,
        "commune_code": commune.code if units else None,
    }
    names = {"province": province.short, "district": district and district.short}
    return {**names, "commune": commune.short, **codes, "units_set": units}


def _recorded_places() -> list[dict]:
    """Old places as recorded before the reform, with codes and without; the same places
    typed after it (converted, their district kept); and 2025 places with no district."""
    places, rows = gazetteer(), []
    for commune in random.Random(14).sample(_old_communes(), SAMPLE):
        district = places.unit(LEGACY, "district", commune.parent_code)
        province = places.unit(LEGACY, "province", district.parent_code)
        rows.append(_row(province, district, commune, LEGACY))
        rows.append(_row(province, district, commune, None))
        new = places.commune_after_reform(commune.code)
        if new is not None:
            new_province = places.province_after_reform(province.code)
            rows.append(_row(new_province, district, new, CURRENT))
            rows.append(_row(new_province, None, new, CURRENT))
    return rows


def _filters(rows: list[dict]) -> list[PlaceFilter]:
    """Every unit, at each level and in each set, that some recorded place is in or near."""
    places, units = gazetteer(), set()
    for row in rows[::3]:
        for code, level, sets in (
            (row["province_code"], "province", (LEGACY, CURRENT)),
            (row["district_code"], "district", (LEGACY,)),
            (row["commune_code"], "commune", (row["units_set"],)),
        ):
            units |= {places.unit(s, level, code) for s in sets if s}
    return [PlaceFilter(u) for u in units if u is not None]


@pytest.fixture
def register(read_models):
    """The producers' table of the test's store, holding the recorded places (rolled back)."""
    read_models.refresh()
    producers = read_models.views.register.t.producers
    with read_models.runner.engine.connect() as conn:
        rows = [
            {"id": uuid.uuid4(), "name": "x", "name_folded": "x", "kind": "household"}
            | {"registered_on": date(2025, 1, 1), **place}
            for place in _recorded_places()
        ]
        conn.execute(insert(producers), rows)
        yield conn, producers, rows
        conn.rollback()


def test_a_place_filter_selects_exactly_the_places_grouped_in_its_unit(register):
    conn, producers, rows = register
    for place in _filters(rows):
        expected = {
            row["id"]
            for row in rows
            if group_of(row, place.grouping)[f"{place.unit.level}_code"] == place.unit.code
        }
        query = select(producers.c.id).where(*place_conditions(producers, place))
        assert set(conn.execute(query).scalars()) == expected, place.described()


@pytest.mark.parametrize(
    ("typed", "units", "day", "found"),
    [
        ({"province": "Bình Định"}, None, date(2026, 1, 1), ("province", "52", LEGACY)),
        ({"province": "binh dinh"}, None, date(2024, 1, 1), ("province", "52", LEGACY)),
        ({"province": "Gia Lai"}, None, date(2026, 1, 1), ("province", "52", CURRENT)),
        ({"province": "Gia Lai"}, "legacy", date(2026, 1, 1), ("province", "64", LEGACY)),
        ({"province": "64"}, "legacy", date(2026, 1, 1), ("province", "64", LEGACY)),
        ({"province": "tinh gia lai", "district": "An Lao"}, None, date(2026, 1, 1))
        + (("district", "542", LEGACY),),
        ({"province": "Hà Nội", "commune": "bat trang"}, None, date(2026, 1, 1))
        + (("commune", "00583", CURRENT),),
        ({"province": "01", "district": "018", "commune": "Bát Tràng"}, "2025", date(2026, 1, 1))
        + (("commune", "00583", LEGACY),),
    ],
)
def test_a_filter_is_read_as_one_unit_in_the_units_asked(typed, units, day, found):
    place = place_filter(typed, units, day)
    assert (place.unit.level, place.unit.code, place.unit.units) == found


@pytest.mark.parametrize(
    ("typed", "units"),
    [
        ({"province": "Atlantis"}, None),
        ({"province": "Bình Định"}, "2025"),  # asked in the 2025 units, where it is none
        ({"province": "00583"}, None),  # a commune's code is no province
        ({"province": "Hải Phòng", "district": "Atlantis"}, None),
    ],
)
def test_an_unknown_place_in_a_filter_is_refused_with_suggestions(typed, units):
    with pytest.raises(InvalidValue) as refused:
        place_filter(typed, units, date(2026, 1, 1))
    assert refused.value.field in typed
