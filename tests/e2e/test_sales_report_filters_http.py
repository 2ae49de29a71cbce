"""The sales report (issue 14): filtered by outlet, product, producer and the outlet's place,
each item named beside its key."""

import pytest

from tests.e2e.conftest import API, OPENED_ON, assert_error, created_id


@pytest.fixture
def sold(market):
    """At the supermarket (Hà Nội, Cầu Giấy) 2 Chè and 1 Chè búp; at a shop in Hải Phòng 3 of
    another producer's honey."""
    supermarket = market.supermarket_id
    market.post(f"/outlets/{supermarket}/sales", market.sale(2))
    market.post(f"/outlets/{supermarket}/sales", market.sale(1, market.other_product_id))
    producer = created_id(
        market.post(
            "/producers",
            {"name": "HTX Ong", "kind": "cooperative", "province": "Hải Phòng"}
            | {"district": "An Lão", "commune": "An Thắng"},
        )
    )
    honey = created_id(
        market.post(
            "/products",
            {"producer_id": producer, "name": "Mật ong", "group": "food", "unit": "hũ"}
            | {"price_vnd": 90000},
        )
    )
    place = {"province": "Hải Phòng", "district": "An Lão", "commune": "An Thắng"}
    shop = created_id(
        market.post(
            "/outlets",
            {"name": "Điểm An Lão", "kind": "ocop_point", "opened_on": OPENED_ON} | place,
        )
    )
    created_id(market.post(f"/outlets/{shop}/listings", {"product_id": honey}))
    created_id(
        market.post(f"/outlets/{shop}/receipts", {"lines": [{"product_id": honey, "qty": 5}]})
    )
    created_id(market.post(f"/outlets/{shop}/sales", market.sale(3, honey)))
    return {"producer": producer, "honey": honey, "shop": shop}


def report(market, query: str, who: str = "admin") -> dict:
    response = market.client.get(f"{API}/reports/sales?{query}", headers=market.headers(who))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_each_item_is_named_beside_its_key(market, sold):
    by_product = {i["key"]: i["name"] for i in report(market, "by=product")["items"]}
    assert by_product == {
        market.product_id: "Chè",
        market.other_product_id: "Chè búp",
        sold["honey"]: "Mật ong",
    }
    by_outlet = {i["name"] for i in report(market, "by=outlet")["items"]}
    assert by_outlet == {"WinMart", "Điểm An Lão"}
    by_producer = {i["name"] for i in report(market, "by=producer")["items"]}
    assert by_producer == {"HTX Chè Tân Cương", "HTX Ong"}
    assert [i["name"] for i in report(market, "by=province")["items"]] == ["Hà Nội", "Hải Phòng"]


@pytest.mark.parametrize(
    "filters, qty",
    [
        ("province=Hải Phòng", 3),
        ("province=Hà Nội&district=Cầu Giấy", 3),
        ("province=Hà Nội&district=Cầu Giấy&commune=Dịch Vọng", 3),
        ("producer_id={producer}", 3),
        ("product_id={product}", 2),
        ("outlet_id={shop}&by=product", 3),
    ],
)
def test_the_report_is_filtered_by_product_producer_outlet_and_place(market, sold, filters, qty):
    query = filters.format(product=market.product_id, **sold)
    assert report(market, f"by=outlet&{query}" if "by=" not in query else query)["total_qty"] == qty


def test_a_district_without_its_province_or_a_malformed_id_is_refused(market, sold):
    for query, field in (("district=An Lão", "district"), ("product_id=chè", "product_id")):
        response = market.client.get(f"{API}/reports/sales?{query}", headers=market.admin)
        assert field in assert_error(response, 422)["fields"]


def test_staff_filtering_by_product_see_only_their_outlets_sales(market, sold):
    assert report(market, f"product_id={sold['honey']}", "staff")["total_qty"] == 0
    assert report(market, f"product_id={market.product_id}", "staff")["total_qty"] == 2


def test_a_district_not_in_the_province_is_a_422_with_suggestions_not_an_empty_report(market, sold):
    """Issue 14: the filter is resolved as a place (Hà Nội has no district An Lão)."""
    response = market.client.get(
        f"{API}/reports/sales?province=Hà Nội&district=An Lão", headers=market.headers("admin")
    )
    error = assert_error(response, 422)
    assert "district" in error["fields"] and error["params"]["suggestions"]
