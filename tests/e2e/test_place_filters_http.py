"""Place filters by code over HTTP (issue 14): ``?province=Bình Định`` finds the records of the
old Bình Định whether recorded before the July 2025 reform or after it (in Gia Lai's 2025
units), typed with or without accents or as a code; ``units=`` says which units the filter is
read in; an unknown place is a 422 with suggestions. On both stores."""

from datetime import date, datetime, timedelta, timezone
from uuid import UUID

import pytest

from tests.e2e.conftest import API, assert_error, user

ICT = timezone(timedelta(hours=7))
BD = {"province": "Bình Định", "district": "An Lão", "commune": "An Lão"}
OLD_GIA_LAI = {"province": "64", "district": "622", "commune": "23557"}  # Pleiku, before 2025


@pytest.fixture
def places(app, client):
    """Supermarkets of the old Bình Định opened before and after the reform (the later one
    recorded in Gia Lai's 2025 units), one of the old Gia Lai; a Bình Định producer registered
    today (in Gia Lai) whose product sells at both Bình Định supermarkets; staff of the later."""
    market = app.extensions["ocop"]

    def shop(name: str, place: dict, opened: date) -> UUID:
        found = market.open_outlet(
            name, "supermarket", place["province"], place["commune"], opened, place["district"]
        )
        return UUID(found["id"])

    ids = {
        "before": shop("Siêu thị An Lão cũ", BD, date(2024, 1, 1)),
        "after": shop("Siêu thị An Lão mới", BD, date(2025, 8, 1)),
        "pleiku": shop("Siêu thị Pleiku", OLD_GIA_LAI, date(2024, 1, 1)),
    }
    producer = UUID(
        market.register_producer(
            "HTX Bình Định", "cooperative", BD["province"], "An Lão", "An Lão"
        )["id"]
    )
    product = UUID(market.register_product(producer, "Nước mắm", "food", "chai", 50_000)["id"])
    market.certify(product, 80, date(2025, 8, 1), "QĐ-bd")
    for key in ("before", "after"):
        market.list_product(ids[key], product, date(2025, 8, 2))
        at = datetime(2025, 8, 3, 9, tzinfo=ICT)
        market.receive_stock(ids[key], [{"product_id": product, "qty": 5, "lot": "L"}], at)
        sold = [{"product_id": product, "qty": 1, "unit_price_vnd": 50_000}]
        market.sell(ids[key], sold, datetime(2025, 9, 1, 9, tzinfo=ICT))
    return {
        **{k: str(v) for k, v in ids.items()},
        "product": str(product),
        "officer": user(app, client, "filters-officer", "officer"),
        "admin": user(app, client, "filters-admin", "admin"),
        "staff": user(app, client, "filters-staff", "staff", str(ids["after"])),
    }


def _get(client, path: str, headers: dict) -> dict:
    answer = client.get(f"{API}{path}", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def _outlets(client, places, query: str) -> set[str]:
    return {o["id"] for o in _get(client, f"/outlets?{query}", places["officer"])["items"]}


@pytest.mark.parametrize(
    "query",
    [
        "province=Bình Định",
        "province=binh dinh",
        "province=Tỉnh Bình Định",
        "province=52&units=legacy",
        "province=Bình Định&units=legacy",
    ],
)
def test_an_old_province_finds_its_records_from_before_and_after_the_reform(client, places, query):
    assert _outlets(client, places, query) == {places["before"], places["after"]}


def test_a_2025_province_holds_the_old_provinces_merged_into_it(client, places):
    everything = {places["before"], places["after"], places["pleiku"]}
    assert _outlets(client, places, "province=Gia Lai") == everything
    assert _outlets(client, places, "province=gia lai&units=2025") == everything
    assert _outlets(client, places, "province=Gia Lai&units=legacy") == {places["pleiku"]}
    assert _outlets(client, places, "province=Gia Lai&district=An Lão") == {
        places["before"],
        places["after"],
    }


def test_coverage_catalogue_and_sales_filter_by_the_old_province_and_say_how(client, places):
    officer = places["officer"]
    coverage = _get(client, "/coverage?province=binh dinh", officer)
    assert coverage["total"] == 2
    assert coverage["place"] == {"level": "province", "code": "52"} | {
        "name": "Bình Định",
        "units": "legacy",
    }
    assert _get(client, "/coverage?province=Gia Lai&units=2025", officer)["total"] == 3
    found = _get(client, "/catalogue?province=binh dinh&district=an lao", officer)
    assert [item["id"] for item in found["items"]] == [places["product"]]
    assert _get(client, "/catalogue?province=Gia Lai&units=legacy", officer)["total"] == 0
    sales = _get(client, "/reports/sales?by=outlet&province=Bình Định", officer)
    assert {item["key"] for item in sales["items"]} == {places["before"], places["after"]}
    assert sales["place"]["units"] == "legacy"
    assert _get(client, "/reports/sales?by=outlet&province=01", officer)["items"] == []


def test_users_are_found_by_the_place_of_their_outlet_typed_without_accents(client, places):
    found = _get(client, "/users?province=binh dinh", places["admin"])
    assert [u["username"] for u in found["items"]] == ["filters-staff"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("province=Atlantis", "province"),
        ("province=Bình Định&units=2025", "province"),
        ("province=00583", "province"),  # a commune's code, not a province's
        ("province=Hải Phòng&district=Atlantis", "district"),
        ("province=Hải Phòng&commune=Atlantis", "commune"),
    ],
)
@pytest.mark.parametrize("path", ["/outlets", "/coverage", "/catalogue", "/reports/sales"])
def test_an_unknown_place_in_a_filter_is_a_422_with_suggestions(client, places, path, query, field):
    error = assert_error(client.get(f"{API}{path}?{query}", headers=places["officer"]), 422)
    assert field in error["fields"]
    assert error["reason"] in ("unknown_place", "unknown_place_nothing_near")


@pytest.mark.parametrize(
    ("query", "field"),
    [("district=An Lão", "district"), ("province=a%01b", "province"), ("commune=%00", "commune")],
)
def test_a_bare_district_or_a_control_character_is_refused_naming_the_field(
    client, places, query, field
):
    error = assert_error(client.get(f"{API}/producers?{query}", headers=places["officer"]), 422)
    assert field in error["fields"]


def test_targets_take_units_and_find_the_plan_by_code(client, places):
    officer = places["officer"]
    new = _get(client, "/targets?province=gia lai&year=2025&units=2025", officer)
    assert (new["province_code"], new["grouping"]) == ("52", {"by": "province", "units": "2025"})
    old = _get(client, "/targets?province=Bình Định&year=2025&units=legacy", officer)
    assert (old["province"], old["grouping"]["units"]) == ("Bình Định", "legacy")
    t3 = next(t for t in old["targets"] if t["id"] == "T3")
    assert t3["detail"]["grouping"] == {"by": "district", "units": "legacy"}
    hanoi = _get(client, "/targets?province=ha noi&year=2024", officer)
    assert hanoi["plan"] == "Chương trình OCOP Hà Nội 2021–2025"
    assert hanoi["grouping"] == {"by": "province", "units": "legacy"}
    assert _get(client, "/targets?province=01&year=2025", officer)["plan"] == hanoi["plan"]
    error = assert_error(
        client.get(f"{API}/targets?province=Atlantis&year=2024", headers=officer), 422
    )
    assert "province" in error["fields"]
