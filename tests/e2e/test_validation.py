"""Bad requests: 422 naming the field, 400 for bad JSON, 404 for unknown outlets; never recorded."""

import copy
from uuid import UUID

import pytest

from tests.e2e.conftest import API, assert_error

DROP = object()
"""Stands for "leave the field out"."""
UNKNOWN = str(UUID(int=0xDEAD))


def valid_requests(m) -> dict[str, tuple[str, dict]]:
    """A valid body for each create, as (path, body), against the market fixture's records."""
    place = {"province": "Hà Nội", "district": "Gia Lâm", "commune": "Bát Tràng"}
    return {
        "producers": ("/producers", {"name": "HTX Gốm", "kind": "cooperative", **place}),
        "products": (
            "/products",
            {
                "producer_id": m.producer_id,
                "name": "Bát",
                "group": "handicraft",
                "unit": "chiếc",
                "price_vnd": 50000,
                "gtin": "89360002",
            },
        ),
        "certifications": (
            f"/products/{m.product_id}/certifications",
            {"score": 75, "stars": 4, "certified_on": "2025-01-10", "certificate_no": "HN-2"},
        ),
        "outlets": (
            "/outlets",
            {"name": "Điểm Bát Tràng", "kind": "ocop_point", "opened_on": "2024-05-01", **place},
        ),
        "receipts": (
            f"/outlets/{m.supermarket_id}/receipts",
            {
                "lines": [
                    {
                        "product_id": m.product_id,
                        "qty": 2,
                        "lot": "L9",
                        "expires_on": "2030-01-31",
                        "unit_cost_vnd": 60000,
                    }
                ]
            },
        ),
        "sales": (
            f"/outlets/{m.supermarket_id}/sales",
            {
                "lines": [
                    {"product_id": m.product_id, "qty": 2, "unit_price_vnd": 85000},
                    {"product_id": m.other_product_id, "qty": 1, "unit_price_vnd": 0},
                ]
            },
        ),
    }


def changed(body: dict, dotted: str, value) -> dict:
    """A copy of ``body`` with the field at ``dotted`` (e.g. "lines.0.qty") set or dropped."""
    body = copy.deepcopy(body)
    *parents, last = dotted.split(".")
    node = body
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is DROP:
        del node[last]
    else:
        node[last] = value
    return body


BAD_FIELDS = [
    # POST /producers
    ("producers", "name", DROP),
    ("producers", "name", ""),
    ("producers", "name", 42),
    ("producers", "name", "   "),
    ("producers", "kind", DROP),
    ("producers", "kind", "farm"),
    ("producers", "province", DROP),
    ("producers", "commune", ""),
    ("producers", "district", 7),
    ("producers", "owner", "Ông Ba"),
    # POST /products
    ("products", "producer_id", DROP),
    ("products", "producer_id", "not-a-uuid"),
    ("products", "producer_id", UNKNOWN),
    ("products", "name", DROP),
    ("products", "group", "pottery"),
    ("products", "group", DROP),
    ("products", "unit", DROP),
    ("products", "price_vnd", -1),
    ("products", "price_vnd", "50000"),
    ("products", "price_vnd", 1.5),
    ("products", "price_vnd", DROP),
    ("products", "gtin", "12345"),
    ("products", "colour", "blue"),
    # POST /products/{id}/certifications
    ("certifications", "score", DROP),
    ("certifications", "score", 101),
    ("certifications", "score", -1),
    ("certifications", "score", "75"),
    ("certifications", "stars", 6),
    ("certifications", "stars", 5),
    ("certifications", "certified_on", DROP),
    ("certifications", "certified_on", "2025-02-30"),
    ("certifications", "certified_on", "10/01/2025"),
    ("certifications", "certificate_no", DROP),
    ("certifications", "council", "Hà Nội"),
    # POST /outlets
    ("outlets", "name", DROP),
    ("outlets", "kind", "kiosk"),
    ("outlets", "kind", DROP),
    ("outlets", "province", DROP),
    ("outlets", "commune", DROP),
    ("outlets", "opened_on", DROP),
    ("outlets", "opened_on", "yesterday"),
    ("outlets", "district", ["Gia Lâm"]),
    ("outlets", "manager", "Chị Lan"),
    # POST /outlets/{id}/receipts
    ("receipts", "lines", DROP),
    ("receipts", "lines", []),
    ("receipts", "lines", "many"),
    ("receipts", "lines.0.product_id", DROP),
    ("receipts", "lines.0.product_id", "nope"),
    ("receipts", "lines.0.product_id", UNKNOWN),
    ("receipts", "lines.0.qty", 0),
    ("receipts", "lines.0.qty", -3),
    ("receipts", "lines.0.qty", "2"),
    ("receipts", "lines.0.qty", 1.5),
    ("receipts", "lines.0.qty", DROP),
    ("receipts", "lines.0.expires_on", "2030-13-01"),
    ("receipts", "lines.0.unit_cost_vnd", -1),
    ("receipts", "lines.0.lot", 5),
    ("receipts", "lines.0.colour", "red"),
    ("receipts", "received_at", "noon"),
    ("receipts", "received_at", "2999-01-01T08:00:00+07:00"),
    ("receipts", "supplier", "HTX"),
    # POST /outlets/{id}/sales
    ("sales", "lines", DROP),
    ("sales", "lines", []),
    ("sales", "lines.0.product_id", "nope"),
    ("sales", "lines.0.product_id", DROP),
    ("sales", "lines.0.qty", 0),
    ("sales", "lines.0.qty", "2"),
    ("sales", "lines.0.qty", True),
    ("sales", "lines.0.qty", DROP),
    ("sales", "lines.1.qty", -1),
    ("sales", "lines.0.unit_price_vnd", -1),
    ("sales", "lines.0.unit_price_vnd", "85000"),
    ("sales", "lines.1.unit_price_vnd", DROP),
    ("sales", "lines.0.discount", 10),
    ("sales", "sold_at", "yesterday"),
    ("sales", "sold_at", "2999-01-01T08:00:00+07:00"),
    ("sales", "customer", "Anh Nam"),
]


def _case_id(case) -> str:
    endpoint, field, value = case
    return f"{endpoint}-{field}-{'missing' if value is DROP else repr(value)}"


@pytest.mark.parametrize(
    "endpoint", ["producers", "products", "certifications", "outlets", "receipts", "sales"]
)
def test_valid_bodies_used_by_the_validation_cases_are_accepted(market, endpoint):
    path, body = valid_requests(market)[endpoint]

    response = market.post(path, body)

    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize(("endpoint", "field", "value"), BAD_FIELDS, ids=map(_case_id, BAD_FIELDS))
def test_bad_field_is_refused_with_422_naming_the_field_and_records_nothing(
    market, endpoint, field, value
):
    path, body = valid_requests(market)[endpoint]
    before = market.recorded()

    response = market.post(path, changed(body, field, value))

    error = assert_error(response, 422)
    assert list(error["fields"]) == [field], error
    assert market.recorded() == before


@pytest.mark.parametrize(
    "endpoint", ["producers", "products", "certifications", "outlets", "receipts", "sales"]
)
def test_malformed_json_body_is_refused_with_400_and_records_nothing(market, endpoint):
    path, _ = valid_requests(market)[endpoint]
    before = market.recorded()

    response = market.client.post(
        f"{API}{path}", data='{"lines": [', content_type="application/json", headers=market.admin
    )

    assert_error(response, 400, "bad_request")
    assert market.recorded() == before


def test_unknown_product_in_a_receipt_line_is_422_unknown_reference(market):
    path, body = valid_requests(market)["receipts"]
    body["lines"].append({"product_id": UNKNOWN, "qty": 1})

    response = market.post(path, body)

    error = assert_error(response, 422, "unknown_reference")
    assert list(error["fields"]) == ["lines.1.product_id"]
    assert market.stock()[market.product_id] == 10


@pytest.mark.parametrize("endpoint", ["receipts", "sales", "listings", "certifications"])
def test_unknown_outlet_or_product_in_the_path_is_404_and_records_nothing(market, endpoint):
    requests = valid_requests(market)
    requests["listings"] = (
        f"/outlets/{market.point_id}/listings",
        {"product_id": market.product_id},
    )
    path, body = requests[endpoint]
    path = path.replace(market.supermarket_id, UNKNOWN).replace(market.point_id, UNKNOWN)
    path = path.replace(market.product_id, UNKNOWN)
    before = market.recorded()

    response = market.post(path, body)

    assert_error(response, 404, "not_found")
    assert market.recorded() == before


def test_malformed_id_in_the_path_is_404_with_the_json_error_shape(market):
    path, body = valid_requests(market)["sales"]

    response = market.post(path.replace(market.supermarket_id, "not-a-uuid"), body)

    assert_error(response, 404)


def test_bad_as_of_date_is_422_naming_as_of(market):
    response = market.client.get(
        f"{API}/products/{market.product_id}?as_of=2025-02-30", headers=market.admin
    )

    assert list(assert_error(response, 422)["fields"]) == ["as_of"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("DELETE", "/producers", 405), ("PUT", "/products", 405), ("GET", "/no-such-thing", 404)],
)
def test_unknown_route_or_method_answers_the_json_error_shape(market, method, path, status):
    response = market.client.open(f"{API}{path}", method=method, headers=market.admin)

    assert_error(response, status)
