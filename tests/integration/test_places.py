"""Places named alike in two provinces stay apart: a district is always identified with its
province, a commune with its province and district (issue 11, item 2), on both stores.

"An Lão" is a district of Hải Phòng and of Bình Định (each with a town "An Lão"), and Hải Phòng
has a commune "Quang Trung" in An Lão and another in Thủy Nguyên, so a commune needs its district
too. Outlets opened in 2024 keep the old units; producers registered today (after the July 2025
reform) are in the new provinces (Bình Định is now part of Gia Lai), with their old district.
"""

from datetime import date, datetime
from uuid import UUID

import pytest

from projections.places import PlaceNotIdentified
from projections.queries.catalogue import catalogue
from projections.queries.coverage import coverage
from projections.queries.producers import producer_places
from projections.queries.sales import sales_report
from projections.queries.targets import targets
from tests.integration.conftest import ICT
from tests.oracles.coverage import reference_coverage

DAY = date(2025, 3, 1)
HP, BD = "Hải Phòng", "Bình Định"


@pytest.fixture
def namesakes(marketplace, read_models) -> dict[str, UUID]:
    """A selling supermarket in Hải Phòng / An Lão / Quang Trung; a supermarket with nothing
    listed in Bình Định / An Lão / An Lão and in Hải Phòng / Thủy Nguyên / Quang Trung; a producer
    with a product in each An Lão; and one sale at each of the first two places."""
    app = marketplace
    ids: dict[str, UUID] = {}

    def producer(name: str, province: str) -> UUID:
        return UUID(app.register_producer(name, "cooperative", province, "An Lão", "An Lão")["id"])

    def outlet(name: str, province: str, district: str, commune: str) -> UUID:
        return UUID(
            app.open_outlet(name, "supermarket", province, commune, date(2024, 1, 1), district)[
                "id"
            ]
        )

    for key, province in (("hp", HP), ("bd", BD)):
        ids[f"{key}_producer"] = producer(f"HTX {province}", province)
        ids[f"{key}_product"] = UUID(
            app.register_product(ids[f"{key}_producer"], f"Nước mắm {province}", "food", "chai", 1)[
                "id"
            ]
        )
        app.certify(ids[f"{key}_product"], 80, date(2024, 2, 1), f"QĐ-{key}")
    ids["hp_shop"] = outlet("Siêu thị An Lão HP", HP, "An Lão", "Quang Trung")
    ids["bd_shop"] = outlet("Siêu thị An Lão BĐ", BD, "An Lão", "An Lão")
    ids["kt_shop"] = outlet("Siêu thị Thủy Nguyên", HP, "Thủy Nguyên", "Quang Trung")
    received = datetime(2024, 3, 2, 9, tzinfo=ICT)
    for shop, product in (("hp_shop", "hp_product"), ("bd_shop", "bd_product")):
        app.list_product(ids[shop], ids[product], date(2024, 3, 1))
        app.receive_stock(ids[shop], [{"product_id": ids[product], "qty": 9, "lot": "L"}], received)
        sold = datetime(2024, 3, 3, 9, tzinfo=ICT)
        app.sell(ids[shop], [{"product_id": ids[product], "qty": 1, "unit_price_vnd": 5}], sold)
    app.delist_product(ids["bd_shop"], ids["bd_product"], date(2024, 4, 1))
    read_models.refresh()
    return ids


def _groups(answer: dict) -> list[dict]:
    return answer["groups"]


def test_coverage_by_district_keeps_namesake_districts_of_two_provinces_apart(
    namesakes, read_models
):
    for query in (coverage, reference_coverage):
        groups = _groups(read_models.ask(query, DAY, by="district"))
        assert groups == [
            {"key": "Bình Định / An Lão", "province": BD, "district": "An Lão"}
            | {"province_code": "52", "district_code": "542"}
            | {"total": 1, "selling": 0, "ratio": 0.0},
            {"key": "Hải Phòng / An Lão", "province": HP, "district": "An Lão"}
            | {"province_code": "31", "district_code": "313"}
            | {"total": 1, "selling": 1, "ratio": 1.0},
            {"key": "Hải Phòng / Thủy Nguyên", "province": HP, "district": "Thủy Nguyên"}
            | {"province_code": "31", "district_code": "311"}
            | {"total": 1, "selling": 0, "ratio": 0.0},
        ], query.__name__


def test_coverage_by_commune_keeps_namesake_communes_of_two_districts_apart(namesakes, read_models):
    for query in (coverage, reference_coverage):
        groups = _groups(read_models.ask(query, DAY, by="commune"))
        assert [(g["key"], g["province"], g["district"], g["commune"]) for g in groups] == [
            ("Bình Định / An Lão / An Lão", BD, "An Lão", "An Lão"),
            ("Hải Phòng / An Lão / Quang Trung", HP, "An Lão", "Quang Trung"),
            ("Hải Phòng / Thủy Nguyên / Quang Trung", HP, "Thủy Nguyên", "Quang Trung"),
        ], query.__name__
        assert [g["total"] for g in groups] == [1, 1, 1]


def test_coverage_filtered_by_district_counts_only_that_provinces_district(namesakes, read_models):
    for query in (coverage, reference_coverage):
        answer = read_models.ask(query, DAY, places={"province": BD, "district": "An Lão"})
        assert (answer["total"], answer["selling"]) == (1, 0)
        assert [UUID(r["outlet_id"]) for r in answer["not_selling"]] == [namesakes["bd_shop"]]


def test_coverage_filtered_by_commune_counts_only_that_districts_commune(namesakes, read_models):
    place = {"province": HP, "district": "Thủy Nguyên", "commune": "Quang Trung"}
    for query in (coverage, reference_coverage):
        answer = read_models.ask(query, DAY, places=place)
        assert [UUID(r["outlet_id"]) for r in answer["not_selling"]] == [namesakes["kt_shop"]]
        assert answer["total"] == 1


@pytest.mark.parametrize(
    "place", [{"district": "An Lão"}, {"commune": "An Hòa"}, {"district": "An Lão", "commune": "X"}]
)
def test_a_district_or_commune_without_its_province_is_not_a_place(namesakes, read_models, place):
    with pytest.raises(PlaceNotIdentified):
        read_models.ask(coverage, DAY, places=place)
    with pytest.raises(PlaceNotIdentified):
        read_models.ask(catalogue, DAY, place=place)


def test_catalogue_filtered_by_district_shows_only_that_provinces_producers(namesakes, read_models):
    found = read_models.ask(catalogue, DAY, place={"province": HP, "district": "An Lão"})
    assert [UUID(item["id"]) for item in found["items"]] == [namesakes["hp_product"]]
    assert found["total"] == 1


def test_catalogue_places_offer_each_district_with_its_province(namesakes, read_models):
    places = read_models.ask(producer_places)
    assert places["provinces"] == ["Gia Lai", HP]  # registered after the reform
    assert places["districts"] == [("Gia Lai", "An Lão"), (HP, "An Lão")]


def test_sales_by_district_and_commune_keep_namesakes_apart(namesakes, read_models):
    for by, keys in (
        ("district", ["Bình Định / An Lão", "Hải Phòng / An Lão"]),
        ("commune", ["Bình Định / An Lão / An Lão", "Hải Phòng / An Lão / Quang Trung"]),
    ):
        report = read_models.ask(sales_report, by, units="legacy")
        assert [item["key"] for item in report["items"]] == keys
        assert [item["province"] for item in report["items"]] == [BD, HP]
        assert [item["qty"] for item in report["items"]] == [1, 1]
    by_province = read_models.ask(sales_report, "province", units="legacy")["items"]
    assert [(i["key"], i["province"], i["qty"]) for i in by_province] == [(BD, BD, 1), (HP, HP, 1)]


def test_per_district_targets_name_each_district_with_its_province(namesakes, read_models):
    answer = read_models.ask(targets, HP, 2024, date(2026, 12, 2))
    t3 = next(t for t in answer["targets"] if t["id"] == "T3")
    assert t3["detail"]["by_district"] == [
        {"key": "Hải Phòng / An Lão", "province": HP, "district": "An Lão", "value": 0}
        | {"province_code": "31", "district_code": "313"},
        {"key": "Hải Phòng / Thủy Nguyên", "province": HP, "district": "Thủy Nguyên", "value": 0}
        | {"province_code": "31", "district_code": "311"},
    ]


def test_coverage_by_the_new_provinces_groups_old_places_where_they_went(namesakes, read_models):
    """Bình Định became part of Gia Lai on 1 July 2025: grouped by the 2025 units, its outlet
    is counted in Gia Lai; the answer says which grouping it used."""
    for query in (coverage, reference_coverage):
        answer = read_models.ask(query, DAY, by="province", units="2025")
        assert answer["grouping"] == {"by": "province", "units": "2025"}
        assert [(g["key"], g["province_code"], g["total"]) for g in answer["groups"]] == [
            ("Gia Lai", "52", 1),
            ("Hải Phòng", "31", 2),
        ], query.__name__


def test_sales_by_province_after_the_reform_default_to_the_new_units(namesakes, read_models):
    report = read_models.ask(sales_report, "province", end=date(2025, 7, 1))
    assert report["grouping"] == {"by": "province", "units": "2025"}
    assert [(i["key"], i["qty"]) for i in report["items"]] == [("Gia Lai", 1), ("Hải Phòng", 1)]
