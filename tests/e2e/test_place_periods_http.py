"""Reports of a past day place an outlet where it was that day (issue 14): an outlet whose place
is corrected from a day is grouped and filtered at its old place in coverage and in the sales
report for the days before the correction, and at its new place from that day on."""

import pytest

from tests.e2e.conftest import API, created_id
from tests.e2e.test_edits_http import get, patch

HA_NOI = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}
HAI_PHONG = {"province": "Hải Phòng", "district": "An Lão", "commune": "An Thắng"}
MOVED_ON = "2025-03-01"


@pytest.fixture
def moved(market):
    """A supermarket opened in Hà Nội on 2025-01-01, stocked on 2025-01-05, that sold 2 units on
    2025-02-10, moved to Hải Phòng (An Lão) from 2025-03-01, then sold 3 units on 2025-03-10,
    and had 1 of those returned on 2025-03-12."""
    body = {"name": "Co.op Dời", "kind": "supermarket", "opened_on": "2025-01-01", **HA_NOI}
    outlet = created_id(market.post("/outlets", body))
    listing = {"product_id": market.product_id, "listed_on": "2025-01-01"}
    created_id(market.post(f"/outlets/{outlet}/listings", listing))
    line = {"product_id": market.product_id, "qty": 10, "lot": "M1", "expires_on": "2099-12-31"}
    receipt = {"lines": [line], "received_at": "2025-01-05T09:00:00+07:00"}
    created_id(market.post(f"/outlets/{outlet}/receipts", receipt))
    sale = {**market.sale(2), "sold_at": "2025-02-10T10:00:00+07:00"}
    created_id(market.post(f"/outlets/{outlet}/sales", sale))
    correction = {**HAI_PHONG, "changed_on": MOVED_ON, "reason": "chuyển địa điểm"}
    assert patch(market, f"/outlets/{outlet}", correction).status_code == 200
    later = created_id(
        market.post(
            f"/outlets/{outlet}/sales",
            {**market.sale(3), "sold_at": "2025-03-10T10:00:00+07:00"},
        )
    )
    returned = market.post(
        f"/outlets/{outlet}/returns",
        {
            "sale_id": later,
            "lines": [{"product_id": market.product_id, "qty": 1}],
            "reason": "vỡ hộp",
            "returned_at": "2025-03-12T10:00:00+07:00",
        },
    )
    assert returned.status_code == 201, returned.get_json()
    return outlet


def coverage(market, query: str) -> dict:
    return get(market, f"/coverage?{query}")


def sales(market, query: str) -> dict:
    response = market.client.get(f"{API}/reports/sales?{query}", headers=market.headers("admin"))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def provinces(answer: dict) -> dict[str, int]:
    return {g["province"]: g["total"] for g in answer["groups"]}


def test_coverage_before_a_place_correction_groups_the_outlet_at_its_old_province(market, moved):
    # the fixture's WinMart (opened 2024) stays in Hà Nội: one outlet there on every day
    assert provinces(coverage(market, "by=province&as_of=2025-02-28")) == {"Hà Nội": 2}
    before = coverage(market, "by=district&as_of=2025-02-28&units=legacy")["groups"]
    assert [(g["key"], g["district_code"], g["total"]) for g in before] == [
        ("Hà Nội / Cầu Giấy", "005", 2)
    ]
    selling = coverage(market, "by=province&as_of=2025-02-28")["groups"]
    assert [(g["province"], g["selling"]) for g in selling] == [("Hà Nội", 1)]


def test_coverage_from_a_place_correction_groups_the_outlet_at_its_new_province(market, moved):
    answer = coverage(market, "by=province&as_of=2025-03-01")
    assert {(g["province"], g["total"], g["selling"]) for g in answer["groups"]} == {
        ("Hà Nội", 1, 0),
        ("Hải Phòng", 1, 1),
    }
    after = coverage(market, "by=province&units=2025&as_of=2025-06-30")["groups"]
    assert {(g["province"], g["province_code"]) for g in after} == {
        ("Hà Nội", "01"),
        ("Hải Phòng", "31"),
    }


def test_coverage_filtered_by_province_counts_the_outlet_where_it_was_that_day(market, moved):
    for query, total in (
        ("province=Hà Nội&as_of=2025-02-28", 2),
        ("province=01&as_of=2025-02-28", 2),
        ("province=hai phong&as_of=2025-02-28", 0),
        ("province=Hà Nội&as_of=2025-03-01", 1),
        ("province=31&as_of=2025-03-01", 1),
        ("province=Hải Phòng&district=An Lão&as_of=2025-03-01", 1),
        ("province=Hải Phòng&units=2025&as_of=2025-08-01", 1),
        ("province=Hà Nội&units=legacy&as_of=2025-08-01", 1),
    ):
        assert coverage(market, query)["total"] == total, query


def test_the_coverage_series_counts_each_month_end_where_the_outlet_was(market, moved):
    for day, hanoi in (("2025-01-31", 2), ("2025-02-28", 2), ("2025-03-31", 1)):
        assert coverage(market, f"province=Hà Nội&as_of={day}")["total"] == hanoi, day


def test_sales_before_a_place_correction_are_grouped_at_the_outlet_s_old_place(market, moved):
    answer = sales(market, "by=province&from=2025-01-01&to=2025-12-31&units=legacy")
    items = {i["key"]: (i["qty"], i["gross_qty"], i["returned_qty"]) for i in answer["items"]}
    assert items == {"Hà Nội": (2, 2, 0), "Hải Phòng": (2, 3, 1)}
    answer = sales(market, "by=commune&from=2025-01-01&to=2025-12-31&units=2025")
    assert {(i["province_code"], i["qty"]) for i in answer["items"]} == {("01", 2), ("31", 2)}
    by_district = sales(market, "by=district&from=2025-02-01&to=2025-02-28")["items"]
    assert [(i["key"], i["qty"]) for i in by_district] == [("Hà Nội / Cầu Giấy", 2)]


def test_sales_filtered_by_province_take_each_line_where_its_outlet_was_that_day(market, moved):
    span = "from=2025-01-01&to=2025-12-31"
    for query, qty in (
        ("province=Hà Nội", 2),
        ("province=01&units=legacy", 2),
        ("province=ha noi&units=2025", 2),
        ("province=Hải Phòng", 2),
        ("province=31&units=legacy", 2),
        ("province=Hải Phòng&district=An Lão&units=legacy", 2),
        ("province=Hà Nội&district=Cầu Giấy", 2),
    ):
        answer = sales(market, f"by=outlet&{span}&{query}")
        assert [(i["key"], i["qty"]) for i in answer["items"]] == [(moved, qty)], query
    returns = sales(market, f"by=outlet&{span}&province=Hà Nội")["returns"]
    assert returns == []
    assert len(sales(market, f"by=outlet&{span}&province=Hải Phòng")["returns"]) == 1
