"""Re-sending the place recorded is "nothing to change" (PATCH /outlets/{id}, /producers/{id}):
a place given by the old names of a pre-reform record, or by the 2025 names of the unit it
became, is the place recorded, so it is refused as an identical name is (422
``nothing_to_change``) and records nothing; beside a new name only the name changes. A place
is compared by its codes in the units in force on the correction's day."""

from tests.e2e.conftest import OPENED_ON, assert_error
from tests.e2e.test_edits_http import get, patch

OLD_NAMES = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng"}  # as opened
NEW_NAMES = {"province": "Hà Nội", "commune": "Cầu Giấy"}  # the 2025 ward Dịch Vọng joined
MERGED_NEIGHBOUR = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Dịch Vọng Hậu"}


def test_the_old_names_of_a_pre_reform_outlets_place_are_nothing_to_change(market):
    market.headers("officer")  # registered first: a new user is an event
    before = market.recorded()
    answer = patch(market, f"/outlets/{market.supermarket_id}", OLD_NAMES, as_="officer")
    assert assert_error(answer, 422)["reason"] == "nothing_to_change"
    assert market.recorded() == before


def test_the_2025_names_of_the_unit_an_outlet_is_in_are_nothing_to_change(market):
    before = market.recorded()
    answer = patch(market, f"/outlets/{market.supermarket_id}", NEW_NAMES | {"reason": "tên mới"})
    assert assert_error(answer, 422)["reason"] == "nothing_to_change"
    assert market.recorded() == before


def test_a_new_name_beside_the_place_recorded_changes_the_name_only(market):
    body = {"name": "WinMart Cầu Giấy", **OLD_NAMES}
    answer = patch(market, f"/outlets/{market.supermarket_id}", body)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["corrections"][-1]["after"] == {"name": "WinMart Cầu Giấy"}
    assert answer.get_json()["commune"] == "Dịch Vọng"  # the place stays as recorded
    last = get(market, f"/outlets/{market.supermarket_id}/history", as_="auditor")["items"][-1]
    assert list(last["data"]["changes"]) == ["name"]


def test_an_old_commune_is_a_change_before_the_reform_and_the_same_ward_after(market):
    path = f"/outlets/{market.supermarket_id}"
    assert assert_error(patch(market, path, MERGED_NEIGHBOUR), 422)["reason"] == "nothing_to_change"
    answer = patch(market, path, MERGED_NEIGHBOUR | {"changed_on": OPENED_ON})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["commune"] == "Dịch Vọng Hậu"


def test_a_real_move_is_still_recorded(market):
    body = {"province": "Hà Nội", "district": "Cầu Giấy", "commune": "Nghĩa Đô"}
    answer = patch(market, f"/outlets/{market.supermarket_id}", body)
    assert answer.status_code == 200, answer.get_json()
    assert list(answer.get_json()["corrections"][-1]["after"]) == ["place"]


def test_the_2025_names_of_a_producers_unit_are_nothing_to_change(market):
    recorded, _ = get(market, f"/producers/{market.producer_id}"), market.headers("officer")
    before = market.recorded()
    again = {k: recorded[k] for k in ("province", "commune")}  # as registered, without district
    answer = patch(market, f"/producers/{market.producer_id}", again, as_="officer")
    assert assert_error(answer, 422)["reason"] == "nothing_to_change"
    old = {"province": "Thái Nguyên", "district": "Thái Nguyên", "commune": "Tân Cương"}
    assert_error(patch(market, f"/producers/{market.producer_id}", old), 422)
    assert market.recorded() == before
    assert get(market, f"/producers/{market.producer_id}")["district"] == recorded["district"]
