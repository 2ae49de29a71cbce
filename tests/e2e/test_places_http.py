"""Namesake places over HTTP and on the pages: "An Lão" of Hải Phòng and of Bình Định are two
districts everywhere (issue 11, item 2), on both stores."""

import csv
import io
import re
from datetime import date

import pytest

from tests.e2e.conftest import API, assert_error, events_recorded, user

HP, BD = "Hải Phòng", "Bình Định"
GL = "Gia Lai"  # Bình Định's producers registered after the July 2025 reform: now in Gia Lai


@pytest.fixture
def officer(app, client):
    return user(app, client, "places-officer", "officer")


@pytest.fixture
def namesakes(app):
    """In each province's An Lão (town An Lão): a producer with a product certified 5
    stars, and a supermarket with nothing listed."""
    market = app.extensions["ocop"]
    ids = {}
    for key, province in (("hp", HP), ("bd", BD)):
        producer = market.register_producer(
            f"HTX {province}", "cooperative", province, "An Lão", "An Lão"
        )["id"]
        product = market.register_product(
            __import__("uuid").UUID(producer), f"Nước mắm {province}", "food", "chai", 90_000
        )["id"]
        market.certify(__import__("uuid").UUID(product), 92, date(2024, 2, 1), f"QĐ-{key}")
        ids[f"{key}_product"] = product
        ids[f"{key}_shop"] = market.open_outlet(
            f"Siêu thị {province}", "supermarket", province, "An Lão", date(2024, 1, 1), "An Lão"
        )["id"]
    return ids


def test_coverage_groups_by_district_name_the_province_of_each(client, officer, namesakes):
    body = client.get(f"{API}/coverage?by=district&as_of=2025-01-01", headers=officer).get_json()
    assert body["groups"] == [
        {"key": f"{BD} / An Lão", "province": BD, "district": "An Lão"}
        | {"province_code": "52", "district_code": "542"}
        | {"total": 1, "selling": 0, "ratio": 0.0},
        {"key": f"{HP} / An Lão", "province": HP, "district": "An Lão"}
        | {"province_code": "31", "district_code": "313"}
        | {"total": 1, "selling": 0, "ratio": 0.0},
    ]
    assert body["grouping"] == {"by": "district", "units": "legacy"}
    one = client.get(
        f"{API}/coverage?province={HP}&district=An Lão&commune=An Lão", headers=officer
    ).get_json()
    assert [row["outlet_id"] for row in one["not_selling"]] == [namesakes["hp_shop"]]


@pytest.mark.parametrize("path", ["/coverage", "/catalogue"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("district=An Lão", "district"),
        ("commune=An Lão", "commune"),
        ("province=&district=X", "district"),
    ],
)
def test_a_district_or_commune_filter_without_its_province_is_refused_naming_the_field(
    client, officer, namesakes, path, query, field
):
    error = assert_error(client.get(f"{API}{path}?{query}", headers=officer), 422)
    assert field in error["fields"]


def test_catalogue_filter_by_district_finds_only_that_provinces_products(
    client, officer, namesakes
):
    found = client.get(f"{API}/catalogue?province={GL}&district=An Lão", headers=officer).get_json()
    assert [item["id"] for item in found["items"]] == [namesakes["bd_product"]]


def _page_sign_in(app, client) -> None:
    app.extensions["ocop"].register_user("hoa", "officer", "a long password")
    html = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post(
        "/sign-in", data={"csrf_token": token, "username": "hoa", "password": "a long password"}
    )


def test_the_catalogue_page_offers_each_district_with_its_province_and_filters_by_it(
    app, client, namesakes
):
    _page_sign_in(app, client)
    html = client.get("/catalogue").get_data(as_text=True)
    assert f">{GL} / An Lão<" in html and f">{HP} / An Lão<" in html
    html = client.get("/catalogue", query_string={"district": f"{HP} / An Lão"}).get_data(
        as_text=True
    )
    assert namesakes["hp_product"] in html and namesakes["bd_product"] not in html


def test_the_dashboard_names_the_province_of_each_district_and_outlet(app, client, namesakes):
    _page_sign_in(app, client)
    html = client.get("/dashboard?as_of=2025-01-01").get_data(as_text=True)
    assert f"{BD} / An Lão" in html and f"{HP} / An Lão" in html
    assert f"An Lão, An Lão, {HP}" in html and f"An Lão, An Lão, {BD}" in html
    text = client.get("/dashboard/not-counted.csv?as_of=2025-01-01").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Điểm bán", "Tỉnh, thành phố", "Quận, huyện", "Xã, phường"]
    assert sorted(row[1:4] for row in rows[1:]) == [
        [BD, "An Lão", "An Lão"],
        [HP, "An Lão", "An Lão"],
    ]


def test_a_district_outside_the_chosen_province_is_said_and_left_out_of_the_search(
    app, client, namesakes
):
    _page_sign_in(app, client)
    html = client.get(
        "/catalogue", query_string={"province": GL, "district": f"{HP} / An Lão"}
    ).get_data(as_text=True)
    assert "Không thuộc tỉnh, thành phố đã chọn" in html
    assert namesakes["bd_product"] in html and namesakes["hp_product"] not in html


@pytest.mark.parametrize(
    "query",
    [
        "coverage?province=x%00y",
        "coverage?province=H%C3%A0&district=%00",
        "catalogue?province=H%C3%A0&commune=a%01b",
        "targets?province=x%00y&year=2024",
    ],
)
def test_a_control_character_in_a_place_filter_is_refused_naming_the_field_not_a_500(
    client, officer, query
):
    error = assert_error(client.get(f"{API}/{query}", headers=officer), 422)
    assert set(error["fields"]) & {"province", "district", "commune"}


def test_an_unknown_province_is_a_422_naming_it_with_suggestions_and_records_nothing(
    app, client, officer
):
    before = events_recorded(app)
    body = {"name": "HTX Atlantis", "kind": "cooperative", "province": "Atlantis", "commune": "X"}
    error = assert_error(client.post(f"{API}/producers", json=body, headers=officer), 422)
    assert "province" in error["fields"] and error["reason"] == "unknown_place"
    assert error["params"]["suggestions"] and events_recorded(app) == before


def test_an_outlet_opened_after_the_reform_records_codes_and_no_district(app, client, officer):
    body = {"name": "Điểm OCOP Bát Tràng", "kind": "ocop_point", "province": "ha noi"}
    body |= {"commune": "xa bat trang", "opened_on": "2025-08-01"}
    outlet = client.post(f"{API}/outlets", json=body, headers=officer)
    assert outlet.status_code == 201, outlet.get_json()
    place = next(
        e["data"]["place"]
        for e in client.get(
            f"{API}/events?limit=500", headers=user(app, client, "aud", "auditor")
        ).get_json()["items"]
        if e["aggregate_id"] == outlet.get_json()["id"]
    )
    assert place["province"] == "Hà Nội" and place["commune"] == "Bát Tràng"
    assert (place["province_code"], place["commune_code"], place["district"]) == (
        "01",
        "00583",
        None,
    )


def test_places_are_found_by_accent_free_text_in_the_units_in_force_on_the_day(client, officer):
    def items(query: str) -> list[dict]:
        answer = client.get(f"{API}/places?{query}", headers=officer)
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()["items"]

    before = items("q=bat trang&level=commune&as_of=2025-06-30")
    assert [(i["code"], i["name"], i["parent_code"]) for i in before] == [
        ("11632", "Xã Bát Trang", "313"),  # Hải Phòng / An Lão: no tone sorts first
        ("00583", "Xã Bát Tràng", "018"),
    ]
    assert before[0]["valid_to"] == "2025-06-30"
    after = items("q=bat trang&level=commune&province=ha noi&as_of=2025-07-01")
    assert [(i["code"], i["parent_code"], i["valid_from"]) for i in after] == [
        ("00583", "01", "2025-07-01")
    ]
    provinces = items("level=province&as_of=2025-07-01&limit=500")
    assert len(provinces) == 34 and "Hải Dương" not in {p["short_name"] for p in provinces}
    assert len(items("level=province&as_of=2025-06-30&limit=500")) == 63
    assert items("q=dong anh&level=district&province=01")[0]["name"] == "Huyện Đông Anh"


def test_places_of_an_unknown_province_are_a_422_with_suggestions(client, officer):
    error = assert_error(client.get(f"{API}/places?province=Atlantis", headers=officer), 422)
    assert "province" in error["fields"] and error["params"]["suggestions"]


def test_places_need_a_signed_in_user(client):
    assert client.get(f"{API}/places?q=ha").status_code == 401


def test_coverage_says_its_grouping_and_takes_the_units_asked_for(client, officer, namesakes):
    def groups(query: str) -> tuple[dict, list]:
        body = client.get(f"{API}/coverage?{query}", headers=officer).get_json()
        return body["grouping"], [(g["key"], g["total"]) for g in body["groups"]]

    assert groups("by=province&as_of=2025-06-30") == (
        {"by": "province", "units": "legacy"},
        [(BD, 1), (HP, 1)],
    )
    assert groups("by=province&as_of=2025-07-01") == (
        {"by": "province", "units": "2025"},
        [(GL, 1), (HP, 1)],
    )
    assert groups("by=province&as_of=2025-07-01&units=legacy")[1] == [(BD, 1), (HP, 1)]
    assert groups("by=district&as_of=2025-07-01&units=2025")[0]["units"] == "legacy"
    error = assert_error(client.get(f"{API}/coverage?by=province&units=1999", headers=officer), 422)
    assert "units" in error["fields"]
