"""The read side over HTTP: coverage, catalogue, targets, sales reports and inventory views."""

from uuid import uuid4

import pytest

API = "/api/v1"


@pytest.fixture
def admin(app, client):
    app.extensions["ocop"].register_user("reader-admin", "admin", "a long password")
    token = client.post(
        f"{API}/auth/token", json={"username": "reader-admin", "password": "a long password"}
    )
    return {"Authorization": f"Bearer {token.get_json()['token']}"}


@pytest.fixture
def shop(client, admin):
    """A supermarket in Gia Lâm selling a certified product, and one listing nothing."""

    def post(path, body):
        response = client.post(f"{API}{path}", json=body, headers=admin)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    producer = post(
        "/producers",
        {
            "name": "HTX Gốm",
            "kind": "cooperative",
            "province": "Hà Nội",
            "district": "Gia Lâm",
            "commune": "Bát Tràng",
        },
    )["id"]
    product = post(
        "/products",
        {
            "producer_id": producer,
            "name": "Bình gốm men rạn",
            "group": "handicraft",
            "unit": "cái",
            "price_vnd": 450000,
        },
    )["id"]
    post(
        f"/products/{product}/certifications",
        {"score": 91, "certified_on": "2024-04-01", "certificate_no": "88/QĐ-UBND"},
    )
    outlets = {}
    for name in ("selling", "empty"):
        outlets[name] = post(
            "/outlets",
            {
                "name": f"BRG Mart {name}",
                "kind": "supermarket",
                "province": "Hà Nội",
                "district": "Gia Lâm",
                "commune": "Trâu Quỳ",
                "opened_on": "2022-01-01",
            },
        )["id"]
    post(
        f"/outlets/{outlets['selling']}/listings",
        {"product_id": product, "listed_on": "2024-05-01", "low_stock_threshold": 9},
    )
    post(
        f"/outlets/{outlets['selling']}/receipts",
        {
            "received_at": "2024-05-02T09:00:00+07:00",
            "lines": [
                {
                    "product_id": product,
                    "qty": 10,
                    "lot": "L1",
                    "expires_on": "2030-01-01",
                    "unit_cost_vnd": 300000,
                }
            ],
        },
    )
    post(
        f"/outlets/{outlets['selling']}/sales",
        {
            "sold_at": "2024-05-03T10:00:00+07:00",
            "lines": [{"product_id": product, "qty": 2, "unit_price_vnd": 450000}],
        },
    )
    return {"product": product, **outlets}


def test_coverage_after_a_post_sees_its_effect_and_says_why_others_do_not_count(
    client, admin, shop
):
    response = client.get(f"{API}/coverage?as_of=2024-06-01&by=district", headers=admin)
    body = response.get_json()
    assert response.status_code == 200 and response.headers["X-Projection-Lag"] == "0"
    assert (body["total"], body["selling"], body["ratio"]) == (2, 1, 0.5)
    assert body["groups"] == [
        {"key": "Hà Nội / Gia Lâm", "province": "Hà Nội", "district": "Gia Lâm"}
        | {"province_code": "01", "district_code": "018"}
        | {"total": 2, "selling": 1, "ratio": 0.5}
    ]
    assert [(r["outlet_id"], r["reason"]) for r in body["not_selling"]] == [
        (shop["empty"], "not_listed")
    ]


def test_coverage_before_any_outlet_opened_has_no_ratio(client, admin, shop):
    body = client.get(f"{API}/coverage?as_of=2020-01-01", headers=admin).get_json()
    assert body["total"] == 0 and body["ratio"] is None


def test_inventory_comes_from_the_view_with_value_at_cost(client, admin, shop):
    body = client.get(f"{API}/outlets/{shop['selling']}/inventory", headers=admin).get_json()
    item = body["items"][0]
    assert (item["on_hand"], item["value_vnd"]) == (8, 8 * 300000)
    assert item["lots"] == [
        {"lot": "L1", "expires_on": "2030-01-01", "on_hand": 8, "unit_cost_vnd": 300000}
    ]
    low = client.get(f"{API}/outlets/{shop['selling']}/low-stock", headers=admin).get_json()
    assert [(i["product_id"], i["on_hand"]) for i in low["items"]] == [(shop["product"], 8)]
    assert client.get(f"{API}/outlets/{uuid4()}/inventory", headers=admin).status_code == 404


def test_catalogue_finds_products_by_group_stars_place_and_text(client, admin, shop):
    found = client.get(
        f"{API}/catalogue?group=handicraft&stars=5&province=Hà Nội&district=Gia Lâm&q=gốm",
        headers=admin,
    ).get_json()
    assert found["total"] == 1
    item = found["items"][0]
    assert item["certificate"]["status"] == "valid" and item["certificate"]["stars"] == 5
    assert item["listed_at"] == [shop["selling"]] and item["in_stock_at"] == [shop["selling"]]
    assert client.get(f"{API}/catalogue?group=food", headers=admin).get_json()["total"] == 0


def test_sales_report_groups_quantities_and_vnd(client, admin, shop):
    body = client.get(
        f"{API}/reports/sales?by=district&from=2024-05-01&to=2024-05-31", headers=admin
    ).get_json()
    assert body["items"] == [
        {"key": "Hà Nội / Gia Lâm", "province": "Hà Nội", "district": "Gia Lâm"}
        | {"province_code": "01", "district_code": "018"}
        | {"name": "Hà Nội / Gia Lâm", "qty": 2, "amount_vnd": 900000, "sales": 1}
        | {"gross_qty": 2, "gross_vnd": 900000}
        | {"returned_qty": 0, "returned_vnd": 0, "voided_qty": 0, "voided_vnd": 0}
    ]
    assert client.get(f"{API}/reports/sales?by=colour", headers=admin).status_code == 422


def test_targets_report_each_target_with_a_status(client, admin, shop):
    body = client.get(f"{API}/targets?province=Hà Nội&year=2024", headers=admin).get_json()
    by_id = {t["id"]: t for t in body["targets"]}
    assert list(by_id) == [f"T{n}" for n in range(1, 10)]
    assert by_id["T1"]["value"] == 0.5 and by_id["T1"]["status"] == "behind"
    assert by_id["T4"]["value"] == 1 and by_id["T4"]["target"] == 400
    assert by_id["T8"]["status"] == "met"
    other = client.get(f"{API}/targets?province=Đà Nẵng&year=2024", headers=admin).get_json()
    assert other["plan"] is None and {t["status"] for t in other["targets"]} == {"no_data"}


def test_with_an_external_projector_a_read_says_how_stale_it_is(database_url, admin, shop, app):
    from web import create_app

    reader = create_app(
        {
            "OCOP_DATABASE_URL": database_url,
            "OCOP_SECRET_KEY": "test-secret",
            "OCOP_PROJECTIONS": "external",
        }
    )
    client = reader.test_client()
    app.extensions["ocop"].register_user("late-writer", "officer", "a long password")
    response = client.get(f"{API}/coverage", headers=admin)
    assert response.status_code == 200 and int(response.headers["X-Projection-Lag"]) > 0
    reader.extensions["ocop_read"].close()
    reader.extensions["ocop"].close()
