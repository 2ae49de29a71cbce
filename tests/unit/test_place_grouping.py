"""Reports group recorded places by province, district or commune in the old or the 2025
units (marketplace/places/grouping.py), mapping through the reform where needed."""

from datetime import date

from marketplace.places import place_of
from marketplace.places.grouping import Grouping, _reverse, group_of, grouping
from marketplace.places.units import gazetteer

BEFORE, AFTER = date(2024, 5, 1), date(2025, 8, 1)
HAI_DUONG = place_of("Hải Dương", "Thanh Miện", "Thanh Miện", BEFORE)  # thị trấn
NEW_HANOI = place_of("Hà Nội", None, "Bát Tràng", AFTER)
CONVERTED = place_of("Hà Nội", "Gia Lâm", "Bát Tràng", AFTER)


def test_the_default_grouping_is_the_units_in_force_on_the_day_and_districts_are_old():
    assert grouping("province", None, BEFORE) == Grouping("province", "legacy")
    assert grouping("commune", None, AFTER) == Grouping("commune", "2025")
    assert grouping("district", "2025", AFTER) == Grouping("district", "legacy")


def test_an_old_place_grouped_by_the_new_provinces_goes_to_the_province_it_joined():
    group = group_of(HAI_DUONG, Grouping("province", "2025"))
    assert group == {"key": "Hải Phòng", "province": "Hải Phòng", "province_code": "31"}
    assert group_of(HAI_DUONG, Grouping("province", "legacy"))["key"] == "Hải Dương"


def test_an_old_place_grouped_by_the_new_communes_goes_to_the_commune_it_became():
    group = group_of(HAI_DUONG, Grouping("commune", "2025"))
    assert group["key"] == "Hải Phòng / Thanh Miện" and "district" not in group


def test_a_new_place_without_a_district_is_in_the_unknown_district_of_its_old_province():
    group = group_of(NEW_HANOI, Grouping("district", "legacy"))
    assert (group["key"], group["province_code"], group["district"]) == (
        "Hà Nội / (không rõ)",
        "01",
        None,
    )


def test_a_new_place_that_kept_its_district_is_grouped_in_that_district():
    group = group_of(CONVERTED, Grouping("district", "legacy"))
    assert (group["key"], group["district_code"]) == ("Hà Nội / Gia Lâm", "018")


def test_a_new_commune_merged_from_several_old_ones_is_an_unknown_old_commune():
    group = group_of(CONVERTED, Grouping("commune", "legacy"))  # Bát Tràng, Kim Lan, Văn Đức…
    assert group["key"] == "Hà Nội / Gia Lâm / (không rõ)"


def test_a_new_commune_made_from_one_old_commune_is_grouped_back_into_it():
    places = gazetteer()
    new, (old,) = next((n, o) for n, o in sorted(_reverse().items()) if len(o) == 1)
    unit = places.unit("2025", "commune", new)
    place = place_of(unit.parent_code, None, unit.code, AFTER)
    group = group_of(place, Grouping("commune", "legacy"))
    assert (group["commune_code"], group["district_code"]) == (old.code, old.parent_code)


def test_a_place_recorded_before_codes_is_read_by_its_names_in_the_old_units():
    old = {"province": "Hải Dương", "district": "Thanh Miện", "commune": "Thanh Miện"}
    assert group_of(old, Grouping("province", "2025"))["key"] == "Hải Phòng"
    unknown = {"province": "Tỉnh A", "district": None, "commune": "Xã B"}
    assert group_of(unknown, Grouping("district", "legacy"))["key"] == "Tỉnh A / (không rõ)"
