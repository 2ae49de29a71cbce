"""Lists for people (issue 14): GET /producers, /products, /outlets and /users find by text
(the one accent-insensitive search), place and kind, in Vietnamese order, a page at a time
with the total; users only for admins, outlets for staff only their own."""

from datetime import date
from uuid import UUID

import pytest

from tests.e2e.conftest import API, assert_error, user

OPENED = date(2024, 1, 1)
PRODUCERS = [
    ("HTX Đông Anh", "cooperative", "Hà Nội", "Đông Anh", "Uy Nỗ"),
    ("HTX Dương Kinh", "cooperative", "Hải Phòng", "Dương Kinh", "Anh Dũng"),
    ("Công ty An Lão", "enterprise", "Hải Phòng", "An Lão", "An Thắng"),
    ("Hộ Ân Thi", "household", "Hà Nội", None, "Ô Chợ Dừa"),
]


@pytest.fixture
def registers(app, client):
    """Four producers in two provinces, a product each, two outlets, an admin and staff."""
    market = app.extensions["ocop"]
    ids = {}
    for name, kind, province, district, commune in PRODUCERS:
        producer = market.register_producer(name, kind, province, commune, district)["id"]
        ids[name] = producer
        group = "handicraft" if kind == "enterprise" else "food"
        market.register_product(UUID(producer), f"Sản phẩm {name}", group, "hộp", 10000)
    for name, kind in (("WinMart Đống Đa", "supermarket"), ("Điểm OCOP Dịch Vọng", "ocop_point")):
        ids[name] = market.open_outlet(name, kind, "Hà Nội", "Láng Hạ", OPENED, "Đống Đa")["id"]
    return {
        **ids,
        "admin": user(app, client, "admin", "admin"),
        "staff": user(app, client, "lan", "staff", ids["Điểm OCOP Dịch Vọng"]),
    }


def listed(client, path: str, headers: dict) -> dict:
    response = client.get(f"{API}{path}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def names(body: dict, key: str = "name") -> list[str]:
    return [item[key] for item in body["items"]]


def test_producers_are_listed_in_vietnamese_order_with_their_total(client, registers):
    body = listed(client, "/producers", registers["staff"])
    assert body["total"] == 4
    assert names(body) == ["Công ty An Lão", "Hộ Ân Thi", "HTX Dương Kinh", "HTX Đông Anh"]


def test_a_producer_is_found_without_accents_by_place_and_by_kind(client, registers):
    admin = registers["admin"]
    assert names(listed(client, "/producers?q=dong%20anh", admin)) == ["HTX Đông Anh"]
    assert names(listed(client, "/producers?province=Hải Phòng&kind=enterprise", admin)) == [
        "Công ty An Lão"
    ]
    in_district = listed(client, "/producers?province=Hải Phòng&district=Dương Kinh", admin)
    assert names(in_district) == ["HTX Dương Kinh"] and in_district["items"][0]["products"] == 1


def test_a_list_is_paged_with_the_total_of_every_page(client, registers):
    first = listed(client, "/producers?limit=3", registers["admin"])
    second = listed(client, "/producers?limit=3&offset=3", registers["admin"])
    assert (first["total"], second["total"]) == (4, 4)
    assert names(first) + names(second) == names(listed(client, "/producers", registers["admin"]))
    assert listed(client, "/producers?offset=10", registers["admin"])["items"] == []


@pytest.mark.parametrize(
    "query, field",
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=x", "limit"),
        ("offset=-1", "offset"),
        ("kind=farm", "kind"),
        ("district=An Lão", "district"),
        ("q=", "q"),
        ("sort=name", "sort"),
    ],
)
def test_a_bad_list_argument_is_refused_naming_it(client, registers, query, field):
    for path in ("/producers", "/products", "/outlets", "/users"):
        error = assert_error(client.get(f"{API}{path}?{query}", headers=registers["admin"]), 422)
        assert field in error["fields"], (path, error)


def test_products_carry_their_producers_name_and_are_found_by_it(client, registers):
    body = listed(client, "/products?q=duong%20kinh", registers["staff"])
    assert body["total"] == 1
    item = body["items"][0]
    assert item["producer"] == {"id": registers["HTX Dương Kinh"], "name": "HTX Dương Kinh"}
    assert item["place"] == {
        "province": "Hải Phòng",
        "district": "Dương Kinh",
        "commune": "Hưng Đạo",  # typed as the old Anh Dũng: recorded as the 2025 commune
    }
    assert names(listed(client, "/products?kind=handicraft", registers["staff"])) == [
        "Sản phẩm Công ty An Lão"
    ]


def test_staff_list_only_the_outlets_they_are_bound_to(client, registers):
    assert names(listed(client, "/outlets", registers["staff"])) == ["Điểm OCOP Dịch Vọng"]
    every = listed(client, "/outlets", registers["admin"])
    assert names(every) == ["Điểm OCOP Dịch Vọng", "WinMart Đống Đa"]  # Đ after D, not after Z
    assert names(listed(client, "/outlets?kind=supermarket&q=dong da", registers["admin"])) == [
        "WinMart Đống Đa"
    ]


def test_only_admins_list_users_found_by_name_role_and_outlet_place(client, registers):
    assert_error(client.get(f"{API}/users", headers=registers["staff"]), 403)
    admin = registers["admin"]
    staff = listed(client, "/users?kind=staff&province=Hà Nội", admin)
    point = registers["Điểm OCOP Dịch Vọng"]
    assert staff["total"] == 1
    assert staff["items"][0]["outlets"] == [{"id": point, "name": "Điểm OCOP Dịch Vọng"}]
    assert listed(client, "/users?province=Hải Phòng", admin)["total"] == 0
    assert names(listed(client, "/users?q=LAN", admin), "username") == ["lan"]


def test_a_list_for_someone_signed_out_is_refused(client, registers):
    assert_error(client.get(f"{API}/producers"), 401)
