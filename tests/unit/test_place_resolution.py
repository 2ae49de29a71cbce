"""A typed place becomes GSO codes plus the names in force on the day it is recorded for
(marketplace/places: place_of), before and after the 1 July 2025 reform."""

from datetime import date

import pytest

from domain.errors import InvalidValue
from domain.values import Place
from marketplace.places import place_of
from marketplace.places.units import CURRENT, LEGACY, gazetteer
from marketplace.transcodings import DataclassAsDict

BEFORE, AFTER = date(2024, 5, 1), date(2025, 7, 1)


def test_before_the_reform_a_place_keeps_its_district_with_the_old_codes():
    place = place_of("Hà Nội", "Gia Lâm", "Bát Tràng", BEFORE)
    assert (place.province, place.district, place.commune) == ("Hà Nội", "Gia Lâm", "Bát Tràng")
    assert (place.province_code, place.district_code, place.commune_code) == ("01", "018", "00583")
    assert place.units == LEGACY


def test_after_the_reform_a_place_is_a_province_and_a_commune_of_the_new_units():
    place = place_of("Hà Nội", None, "Bát Tràng", AFTER)
    assert (place.province_code, place.district, place.commune_code) == ("01", None, "00583")
    assert place.units == CURRENT


def test_an_old_address_after_the_reform_is_converted_and_keeps_its_district():
    place = place_of("Hải Dương", "Thanh Miện", "Thị trấn Thanh Miện", AFTER)
    assert (place.province, place.province_code) == ("Hải Phòng", "31")
    assert (place.district, place.district_code) == ("Thanh Miện", "300")
    assert gazetteer().unit(CURRENT, "commune", place.commune_code).name == "Xã Thanh Miện"


def test_an_old_commune_without_its_district_after_the_reform_is_converted_too():
    place = place_of("Hà Nội", None, "Vân Hà", AFTER)
    assert (place.district, place.commune, place.units) == ("Đông Anh", "Thư Lâm", CURRENT)


@pytest.mark.parametrize(
    "province, district, commune",
    [
        ("ha noi", "gia lam", "bat trang"),
        ("Thành phố Hà Nội", "Huyện Gia Lâm", "Xã Bát Tràng"),
        ("TP. HÀ NỘI", "H. Gia Lâm", "xã  Bát   Tràng"),
        ("01", "018", "583"),
    ],
)
def test_a_level_is_a_code_or_a_name_with_or_without_accents_case_or_type_word(
    province, district, commune
):
    assert place_of(province, district, commune, BEFORE).commune_code == "00583"


def test_an_unknown_province_is_refused_naming_the_field_with_suggestions():
    with pytest.raises(InvalidValue) as refused:
        place_of("Atlantis", None, "Bát Tràng", AFTER)
    assert (refused.value.field, refused.value.reason) == ("province", "unknown_place")
    assert all({"code", "name"} <= set(s) for s in refused.value.params["suggestions"])


def test_a_misspelt_commune_suggests_the_nearest_names_with_their_codes():
    with pytest.raises(InvalidValue) as refused:
        place_of("Hà Nội", None, "Bat Trag", AFTER)
    assert refused.value.field == "commune"
    assert refused.value.params["suggestions"][0] == {
        "code": "00583",
        "name": "Xã Bát Tràng",
        "level": "commune",
    }


def test_a_commune_name_found_in_two_districts_needs_its_district():
    with pytest.raises(InvalidValue) as refused:
        place_of("Hải Phòng", None, "Quang Trung", BEFORE)
    assert (refused.value.field, refused.value.reason) == ("commune", "ambiguous_place")
    districts = {s["district"] for s in refused.value.params["suggestions"]}
    assert {"Huyện An Lão", "Thành phố Thủy Nguyên"} <= districts


def test_a_district_is_found_within_its_own_province_only():
    with pytest.raises(InvalidValue) as refused:
        place_of("Hà Nội", "An Lão", "An Lão", BEFORE)
    assert refused.value.field == "district"


def test_a_place_recorded_before_codes_existed_still_loads_without_codes():
    old = DataclassAsDict(Place).decode(
        {"province": "Hà Nội", "commune": "Vân Hà", "district": None}
    )
    assert (old.province_code, old.commune_code, old.units) == (None, None, None)


def test_every_old_commune_maps_to_a_new_commune_of_the_province_it_joined():
    places = gazetteer()
    for commune in places.all(LEGACY, "commune"):
        district = places.unit(LEGACY, "district", commune.parent_code)
        new = places.commune_after_reform(commune.code)
        assert new is not None
        assert new.parent_code == places.province_after_reform(district.parent_code).code


def test_an_unknown_code_with_nothing_near_is_refused_without_suggestions():
    with pytest.raises(InvalidValue) as refused:
        place_of("99", None, "1", AFTER)
    assert refused.value.reason == "unknown_place_nothing_near"
    assert refused.value.params["suggestions"] == []
