"""Correcting an outlet over HTTP (PATCH /outlets/{id}): its name or place from a day, with why;
the answer, GET, the list and the history show it as now; bad input is a 4xx that records
nothing; its kind never changes; officers and admins only."""

from datetime import date, timedelta

from tests.e2e.conftest import OPENED_ON, assert_error
from tests.e2e.test_edits_http import get, patch

MOVED = {"province": "Hà Nội", "district": "Gia Lâm", "commune": "Bát Tràng"}


def test_a_renamed_and_moved_outlet_answers_as_now_and_lists_so(market):
    body = {"name": "WinMart+ Bát Tràng", **MOVED, "reason": "chuyển địa điểm"}
    answer = patch(market, f"/outlets/{market.supermarket_id}", body, as_="officer")
    assert answer.status_code == 200, answer.get_json()
    now = answer.get_json()
    assert (now["name"], now["commune"], now["kind"]) == (
        "WinMart+ Bát Tràng",
        "Bát Tràng",
        "supermarket",
    )
    assert now["corrections"][0]["after"]["name"] == "WinMart+ Bát Tràng"
    assert get(market, f"/outlets/{market.supermarket_id}")["name"] == "WinMart+ Bát Tràng"
    listed = get(market, "/outlets?q=bat trang")["items"]
    assert [(o["id"], o["commune"]) for o in listed] == [(market.supermarket_id, "Bát Tràng")]


def test_an_outlet_correction_is_one_event_with_only_what_changed_who_and_why(market):
    before = market.recorded()
    body = {"name": "WinMart", "province": "Hà Nội", "commune": "Bát Tràng", "reason": "sai"}
    assert patch(market, f"/outlets/{market.supermarket_id}", body).status_code == 200
    assert market.recorded() == before + 1
    last = get(market, f"/outlets/{market.supermarket_id}/history", as_="auditor")["items"][-1]
    assert last["type"] == "Corrected" and list(last["data"]["changes"]) == ["place"]
    assert last["data"]["reason"] == "sai"


def test_outlet_nothing_to_change_is_a_422_that_records_nothing(market):
    before = market.recorded()
    for body in ({}, {"name": "WinMart"}, {"kind": "ocop_point"}):
        assert_error(patch(market, f"/outlets/{market.supermarket_id}", body), 422)
    assert market.recorded() == before


def test_outlet_corrections_refused_name_the_field_and_record_nothing(market):
    before, path = market.recorded(), f"/outlets/{market.supermarket_id}"
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    too_early = (date.fromisoformat(OPENED_ON) - timedelta(days=1)).isoformat()
    cases = [
        ({"name": "X", "changed_on": tomorrow}, 422, "changed_on"),
        ({"name": "X", "changed_on": too_early}, 409, "changed_on"),
        ({"commune": "Bát Tràng"}, 422, "province"),
        ({"province": "Atlantis", "commune": "X"}, 422, "province"),
        ({"name": "Win\x07Mart"}, 422, "name"),
        ({"name": "X", "reason": "y" * 1001}, 422, "reason"),
    ]
    for body, status, field in cases:
        error = assert_error(patch(market, path, body), status)
        assert field in error["fields"], (body, error)
    assert market.recorded() == before


def test_an_unknown_province_is_refused_with_suggestions(market):
    body = {"province": "Ha Noi x", "commune": "Bát Tràng"}
    error = assert_error(patch(market, f"/outlets/{market.supermarket_id}", body), 422)
    assert error["reason"] == "unknown_place" and error["params"]["suggestions"]


def test_an_outlet_correction_dated_before_the_latest_is_refused(market):
    path = f"/outlets/{market.supermarket_id}"
    assert patch(market, path, {"name": "A", "changed_on": "2024-06-01"}).status_code == 200
    error = assert_error(patch(market, path, {"name": "B", "changed_on": "2024-05-31"}), 409)
    assert error["reason"] == "before_last_correction"


def test_staff_and_auditors_may_not_correct_an_outlet(market):
    market.headers("staff"), market.headers("auditor")
    before = market.recorded()
    for who in ("staff", "auditor"):
        assert_error(patch(market, f"/outlets/{market.supermarket_id}", {"name": "X"}, who), 403)
    unknown = "00000000-0000-4000-8000-000000000000"
    assert_error(patch(market, f"/outlets/{unknown}", {"name": "X"}), 404)
    assert market.recorded() == before


def test_coverage_groups_a_moved_outlet_by_its_new_place_and_codes(market):
    body = {**MOVED, "changed_on": "2025-01-01"}
    assert patch(market, f"/outlets/{market.supermarket_id}", body).status_code == 200
    body = get(market, "/coverage?by=district&as_of=2025-01-01")
    groups = {g["district"]: g["district_code"] for g in body["groups"]}
    assert groups == {"Gia Lâm": "018"}
