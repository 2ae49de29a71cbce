"""Corrections over HTTP, on both stores: a sale's return (in part, restocked or damaged) and its
void by a manager, a receipt's reversal, a return to the supplier, the new write-off reasons,
and the net sales report with its returns. Every refusal records nothing."""

from datetime import timedelta

from marketplace.clock import now
from tests.e2e.conftest import API, assert_error, created_id, user


def sell(market, qty: int, **extra) -> str:
    body = {**market.sale(qty), **extra}
    return created_id(market.post(f"/outlets/{market.supermarket_id}/sales", body))


def returns_path(market) -> str:
    return f"/outlets/{market.supermarket_id}/returns"


def refused(market, path, body, status, code=None, field=None, as_="admin") -> dict:
    before = market.recorded()
    error = assert_error(market.post(path, body, as_=as_), status, code)
    if field is not None:
        assert field in error.get("fields", {}), error
    assert market.recorded() == before
    return error


def report(market, **query) -> dict:
    response = market.client.get(f"{API}/reports/sales", headers=market.admin, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_partial_return_restocks_its_units_and_the_report_shows_net_figures(market):
    sale = sell(market, 4)
    line = {"product_id": market.product_id, "qty": 1}
    body = {"sale_id": sale, "lines": [line], "reason": "Khách đổi ý"}
    created_id(market.post(returns_path(market), body))
    damaged = {**body, "lines": [{**line, "restock": False}], "refund_vnd": 50_000}
    created_id(market.post(returns_path(market), damaged))
    assert market.stock()[market.product_id] == 10 - 4 + 1
    sales = report(market, by="product")
    item = next(i for i in sales["items"] if i["key"] == market.product_id)
    assert (item["gross_qty"], item["returned_qty"], item["qty"]) == (4, 2, 2)
    assert item["amount_vnd"] == 4 * 85_000 - 85_000 - 50_000
    assert {r["restocked"] for r in sales["returns"]} == {0, 1}


def test_a_return_beyond_what_was_sold_answers_409_and_records_nothing(market):
    sale = sell(market, 2)
    body = {"sale_id": sale, "lines": [{"product_id": market.product_id, "qty": 3}], "reason": "x"}
    error = refused(market, returns_path(market), body, 409, "return_exceeds_sold", "lines.0.qty")
    assert error["params"]["n"] == 2


def test_a_refund_above_what_was_paid_answers_422_naming_refund_vnd(market):
    sale = sell(market, 1)
    line = {"product_id": market.product_id, "qty": 1}
    body = {"sale_id": sale, "lines": [line], "reason": "x", "refund_vnd": 85_001}
    refused(market, returns_path(market), body, 422, field="refund_vnd")
    refused(market, returns_path(market), {**body, "refund_vnd": -1}, 422, field="refund_vnd")


def test_bad_return_input_answers_422_naming_the_field(market):
    sale = sell(market, 1)
    line = {"product_id": market.product_id, "qty": 1}
    path = returns_path(market)
    refused(market, path, {"sale_id": sale, "lines": [line], "reason": " \u200b"}, 422)
    refused(market, path, {"sale_id": sale, "lines": [], "reason": "x"}, 422, field="lines")
    bad_qty = {"sale_id": sale, "lines": [{**line, "qty": 0}], "reason": "x"}
    refused(market, path, bad_qty, 422, field="lines.0.qty")
    yes = {"sale_id": sale, "lines": [{**line, "restock": "yes"}], "reason": "x"}
    refused(market, path, yes, 422, field="lines.0.restock")
    unknown = {"sale_id": market.product_id, "lines": [line], "reason": "x"}
    refused(market, path, unknown, 409, field="sale_id")


def test_only_a_manager_of_the_outlet_or_an_admin_voids_a_sale(market):
    sale = sell(market, 3)
    path = f"/outlets/{market.supermarket_id}/sales/{sale}/void"
    market.headers("staff")  # registered before counting what the refusal records
    refused(market, path, {"reason": "bấm nhầm"}, 403, as_="staff")
    manager = user(market.app, market.client, "quan-ly", "manager", market.supermarket_id)
    before = market.recorded()
    answer = market.client.post(f"{API}{path}", json={"reason": "bấm nhầm"}, headers=manager)
    assert answer.status_code == 201, answer.get_json()
    assert market.recorded() == before + 1
    assert market.stock()[market.product_id] == 10
    assert report(market, by="product")["total_qty"] == 0
    again = market.client.post(f"{API}{path}", json={"reason": "lại"}, headers=manager)
    assert_error(again, 409)
    body = {"sale_id": sale, "lines": [{"product_id": market.product_id, "qty": 1}], "reason": "x"}
    refused(market, returns_path(market), body, 409, field="sale_id")


def test_a_manager_records_at_their_outlet_as_staff_do(market):
    manager = user(market.app, market.client, "quan-ly-2", "manager", market.supermarket_id)
    path = f"{API}/outlets/{market.supermarket_id}/sales"
    assert market.client.post(path, json=market.sale(1), headers=manager).status_code == 201


def test_a_sale_with_returns_or_of_an_earlier_day_is_not_voided(market):
    sale = sell(market, 2)
    body = {"sale_id": sale, "lines": [{"product_id": market.product_id, "qty": 1}], "reason": "x"}
    created_id(market.post(returns_path(market), body))
    path = f"/outlets/{market.supermarket_id}/sales/{sale}/void"
    refused(market, path, {"reason": "x"}, 409, "sale_has_returns")
    point = f"/outlets/{market.point_id}"
    days_ago = (now() - timedelta(days=2)).isoformat()
    line = {"product_id": market.product_id, "qty": 2}
    created_id(market.post(f"{point}/receipts", {"lines": [line], "received_at": days_ago}))
    old = {"lines": [{**line, "unit_price_vnd": 1}], "sold_at": days_ago}
    old_sale = created_id(market.post(f"{point}/sales", old))
    refused(market, f"{point}/sales/{old_sale}/void", {"reason": "x"}, 409, "void_not_same_day")


def test_a_receipt_is_reversed_while_its_units_are_all_here(market):
    lines = [{"product_id": market.other_product_id, "qty": 3, "lot": "R1"}]
    path = f"/outlets/{market.supermarket_id}/receipts"
    receipt = created_id(market.post(path, {"lines": lines}))
    sold = created_id(market.post(path, {"lines": lines}))
    reversal = f"/outlets/{market.supermarket_id}/receipts/{receipt}/reversal"
    created_id(market.post(reversal, {"reason": "nhập nhầm"}))
    assert market.stock()[market.other_product_id] == 4 + 3
    refused(market, reversal, {"reason": "lại"}, 409, field="receipt_id")
    sale = {"lines": [{"product_id": market.other_product_id, "qty": 7, "unit_price_vnd": 1}]}
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", sale))
    second = f"/outlets/{market.supermarket_id}/receipts/{sold}/reversal"
    error = refused(market, second, {"reason": "nhập nhầm"}, 409, "receipt_units_gone")
    assert error["params"]["lot"] == "R1"


def test_a_return_to_the_supplier_needs_the_producers_products(market):
    path = f"/outlets/{market.supermarket_id}/supplier-returns"
    line = {"product_id": market.product_id, "qty": 2}
    body = {"producer_id": market.producer_id, "lines": [line], "reason": "Lỗi bao bì"}
    created_id(market.post(path, body))
    assert market.stock()[market.product_id] == 8
    other = created_id(
        market.post(
            "/producers",
            {
                "name": "HTX Khác",
                "kind": "cooperative",
                "province": "Hà Nội",
                "commune": "Bát Tràng",
            },
        )
    )
    refused(market, path, {**body, "producer_id": other}, 409, field="lines.0.product_id")
    refused(market, path, {**body, "lines": [{**line, "qty": 99}]}, 409, "insufficient_stock")


def test_write_off_reasons_include_loss_sample_recall_and_other_with_a_note(market):
    path = f"/outlets/{market.supermarket_id}/write-offs"
    base = {"product_id": market.product_id, "lot": "L1", "qty": 1}
    for reason in ("lost_or_stolen", "sample", "recall"):
        assert market.post(path, {**base, "reason": reason}).status_code == 201
    refused(market, path, {**base, "reason": "other"}, 422, field="note")
    refused(market, path, {**base, "reason": "stolen"}, 422, field="reason")
    assert market.post(path, {**base, "reason": "other", "note": "Chuột cắn"}).status_code == 201
    assert market.stock()[market.product_id] == 6
