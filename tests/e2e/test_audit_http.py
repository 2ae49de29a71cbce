"""GET /api/v1/events/export: auditors download the log as a streamed file that verifies offline."""

import json
from datetime import datetime
from urllib.parse import quote

import pytest

from tests.e2e.conftest import API, assert_error, created_id
from tests.offline_verifier import run_verifier


def head_now(market) -> str:
    response = market.client.get(f"{API}/audit/verify", headers=market.headers("auditor"))
    assert response.status_code == 200 and response.get_json()["ok"]
    return response.get_json()["head"]


@pytest.mark.parametrize(
    ("fmt", "mimetype"), [("jsonl", "application/x-ndjson"), ("csv", "text/csv")]
)
def test_an_auditor_downloads_a_streamed_export_that_verifies(market, tmp_path, fmt, mimetype):
    head = head_now(market)
    response = market.client.get(
        f"{API}/events/export?format={fmt}", headers=market.headers("auditor")
    )
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == mimetype
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and f'filename="ocop-events.{fmt}"' in disposition
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(response.get_data())
    code, out = run_verifier(path, "--head", head)
    assert code == 0 and f"last {head}" in out, out


def test_an_export_from_a_moment_is_a_slice_that_verifies(market, tmp_path):
    first = market.client.get(f"{API}/events/export", headers=market.headers("auditor"))
    events = [json.loads(line) for line in first.get_data(as_text=True).splitlines()][1:-1]
    at = [datetime.fromisoformat(e["timestamp"]) for e in events]
    cut = next(i for i in range(3, len(events)) if at[i] > at[i - 1])
    since = events[cut]["timestamp"]
    response = market.client.get(
        f"{API}/events/export?format=jsonl&from={quote(since)}", headers=market.headers("auditor")
    )
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    before = events[cut - 1]
    assert lines[0]["chain_start"] == {"position": before["position"], "link": before["link"]}
    path = tmp_path / "slice.jsonl"
    path.write_text(response.get_data(as_text=True), encoding="utf-8")
    assert run_verifier(path)[0] == 0


def test_outlet_staff_may_not_export_the_log(market):
    for fmt in ("jsonl", "csv"):
        response = market.client.get(
            f"{API}/events/export?format={fmt}", headers=market.headers("staff")
        )
        assert_error(response, 403, "forbidden")


def test_an_unknown_format_or_a_time_without_a_zone_is_refused(market):
    auditor = market.headers("auditor")
    assert_error(market.client.get(f"{API}/events/export?format=xml", headers=auditor), 422)
    naive = f"{API}/events/export?from=2025-01-01T00:00:00"
    assert_error(market.client.get(naive, headers=auditor), 422)


def test_a_producers_registration_number_reaches_the_exported_log(market, tmp_path):
    body = {
        "name": "HTX Gốm Bát Tràng",
        "kind": "cooperative",
        "province": "Hà Nội",
        "commune": "Bát Tràng",
        "registration_no": "0101234567",
    }
    producer_id = created_id(market.post("/producers", body, as_="officer"))
    response = market.client.get(f"{API}/events/export", headers=market.headers("auditor"))
    events = [json.loads(line) for line in response.get_data(as_text=True).splitlines()][1:-1]
    registered = next(e for e in events if e["aggregate_id"] == producer_id)
    assert registered["data"]["registration_no"] == "0101234567"
    too_long = {**body, "registration_no": "9" * 51}
    assert_error(market.post("/producers", too_long, as_="officer"), 422)
