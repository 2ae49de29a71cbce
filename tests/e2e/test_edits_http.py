"""Corrections over HTTP: PATCH a producer or a product records one event with only what
changed, dated and with why; GET shows the new values and ``?as_of`` before the change the old
ones; the history shows who, when and why; bad input is a 4xx that records nothing."""

from datetime import date, timedelta

import pytest

from tests.e2e.conftest import API, assert_error

HONEY, OTHER_GTIN = "8936000000035", "8936000000042"


def patch(market, path: str, body: dict, as_: str = "admin"):
    return market.client.patch(f"{API}{path}", json=body, headers=market.headers(as_))


def get(market, path: str, as_: str = "admin"):
    answer = market.client.get(f"{API}{path}", headers=market.headers(as_))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_a_price_and_name_correction_shows_now_and_not_on_the_day_before(market):
    pid = market.product_id
    answer = patch(
        market,
        f"/products/{pid}",
        {"name": "Chè Tân Cương", "price_vnd": 95000, "reason": "giá mới"},
    )
    assert answer.status_code == 200, answer.get_json()
    assert (answer.get_json()["name"], answer.get_json()["price_vnd"]) == ("Chè Tân Cương", 95000)
    now = get(market, f"/products/{pid}")
    assert (now["name"], now["price_vnd"], now["unit"]) == ("Chè Tân Cương", 95000, "hộp 200g")
    yesterday = (date.fromisoformat(now["as_of"]) - timedelta(days=1)).isoformat()
    before = get(market, f"/products/{pid}?as_of={yesterday}")
    assert (before["name"], before["price_vnd"]) == ("Chè", 85000)
    assert now["corrections"][0]["after"] == {"name": "Chè Tân Cương", "price_vnd": 95000}


def test_a_correction_is_one_event_with_only_the_changed_fields_who_and_why(market):
    pid, _ = market.product_id, market.headers("officer")
    before = market.recorded()
    body = {"name": "Chè", "unit": "hộp 250g", "reason": "sai đơn vị"}
    assert patch(market, f"/products/{pid}", body, as_="officer").status_code == 200
    assert market.recorded() == before + 1
    history = get(market, f"/products/{pid}/history", as_="auditor")["items"]
    last = history[-1]
    assert last["type"] == "Corrected" and last["user"] not in (None, "system")
    assert last["data"]["changes"] == {"unit": "hộp 250g"}
    assert last["data"]["reason"] == "sai đơn vị"
    old = get(market, f"/products/{pid}?as_of_version={last['version'] - 1}", as_="auditor")
    assert old["unit"] == "hộp 200g"


def test_nothing_to_change_is_a_422_that_records_nothing(market):
    before = market.recorded()
    error = assert_error(patch(market, f"/products/{market.product_id}", {"name": "Chè"}), 422)
    assert error["reason"] == "nothing_to_change"
    error = assert_error(patch(market, f"/producers/{market.producer_id}", {}), 422)
    assert error["reason"] == "nothing_to_change"
    assert market.recorded() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"price_vnd": -5}, "price_vnd"),
        ({"price_vnd": 10**20}, "price_vnd"),
        ({"price_vnd": "95000"}, "price_vnd"),
        ({"gtin": "8936000000036"}, "gtin"),
        ({"group": "textile"}, "group"),  # a 2019 group; the product is under 2023
        ({"name": "Ch\u0007è"}, "name"),
        ({"name": None}, "name"),
        ({"changed_on": "2999-01-01", "name": "Chè mới"}, "changed_on"),
        ({"changed_on": "2001-01-01", "name": "Chè mới"}, "changed_on"),
        ({"color": "green"}, "color"),
    ],
)
def test_a_bad_product_correction_names_its_field_and_records_nothing(market, body, field):
    before = market.recorded()
    answer = patch(market, f"/products/{market.product_id}", body)
    assert answer.status_code in (409, 422), answer.get_json()
    assert field in assert_error(answer, answer.status_code).get("fields", {})
    assert market.recorded() == before


def test_a_gtin_moves_from_one_product_to_another_only_once_let_go(market):
    first, second = market.product_id, market.other_product_id
    assert patch(market, f"/products/{first}", {"gtin": HONEY}).status_code == 200
    assert_error(patch(market, f"/products/{second}", {"gtin": HONEY}), 409, "gtin_taken")
    assert patch(market, f"/products/{first}", {"gtin": OTHER_GTIN}).status_code == 200
    assert patch(market, f"/products/{second}", {"gtin": HONEY}).status_code == 200
    assert get(market, f"/products/{second}")["gtin"] == HONEY


def test_staff_and_auditors_may_not_correct(market):
    market.headers("staff"), market.headers("auditor")
    before = market.recorded()
    for who in ("staff", "auditor"):
        assert_error(patch(market, f"/products/{market.product_id}", {"name": "X"}, who), 403)
        assert_error(patch(market, f"/producers/{market.producer_id}", {"name": "X"}, who), 403)
    assert market.recorded() == before


def test_a_producer_that_moved_answers_its_new_place_and_keeps_its_history(market):
    body = {"province": "Hà Nội", "commune": "Bát Tràng", "reason": "chuyển trụ sở"}
    answer = patch(market, f"/producers/{market.producer_id}", body, as_="officer")
    assert answer.status_code == 200, answer.get_json()
    moved = answer.get_json()
    assert (moved["province"], moved["district"], moved["commune"]) == ("Hà Nội", None, "Bát Tràng")
    assert moved["corrections"][0]["before"]["place"]["commune"] == "Tân Cương"
    history = get(market, f"/producers/{market.producer_id}/history", as_="auditor")["items"]
    assert (
        history[-1]["type"] == "Corrected"
        and history[-1]["data"]["changed_on"] == moved["corrections"][0]["changed_on"]
    )


def test_a_place_given_in_part_is_refused_naming_the_missing_field(market):
    before = market.recorded()
    error = assert_error(patch(market, f"/producers/{market.producer_id}", {"commune": "X"}), 422)
    assert list(error["fields"]) == ["province"]
    assert market.recorded() == before


def test_an_unknown_record_is_a_404(market):
    unknown = "00000000-0000-4000-8000-000000000000"
    assert_error(patch(market, f"/products/{unknown}", {"name": "X"}), 404)
    assert_error(patch(market, f"/producers/{unknown}", {"name": "X"}), 404)


def test_the_catalogue_shows_current_details_and_those_in_force_on_a_past_day(market):
    pid = market.product_id
    body = {"name": "Chè móc câu", "price_vnd": 99000, "group": "food", "gtin": HONEY}
    assert patch(market, f"/products/{pid}", body).status_code == 200
    place = {"province": "Hà Nội", "commune": "Bát Tràng", "district": "Gia Lâm"}
    assert patch(market, f"/producers/{market.producer_id}", place).status_code == 200
    now = get(market, "/catalogue?q=moc cau")["items"]
    assert [(i["id"], i["price_vnd"], i["group"], i["gtin"]) for i in now] == [
        (pid, 99000, "food", HONEY)
    ]
    assert now[0]["place"]["commune"] == "Bát Tràng"
    day = date.fromisoformat(get(market, f"/products/{pid}")["as_of"]) - timedelta(days=1)
    before = get(market, f"/catalogue?as_of={day.isoformat()}&q=che")["items"]
    old = next(i for i in before if i["id"] == pid)
    assert (old["name"], old["price_vnd"], old["group"], old["gtin"]) == (
        "Chè",
        85000,
        "beverage",
        None,
    )
    assert get(market, f"/catalogue?as_of={day.isoformat()}&q=moc cau")["items"] == []
