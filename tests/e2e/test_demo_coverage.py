"""With the demo loaded, coverage by district covers Hanoi's 30 districts and every figure
matches an independent count over the raw events."""

from collections import Counter
from datetime import date
from uuid import UUID

import pytest

from marketplace.clock import today
from marketplace.demo import load_demo
from marketplace.demo.data import HANOI_DISTRICTS
from tests.integration.replay import replayed_coverage

API = "/api/v1"


@pytest.fixture
def demo(app, client):
    load_demo(app.extensions["ocop"], seed=11, scale=0.05)
    token = client.post(
        f"{API}/auth/token", json={"username": "auditor", "password": "auditor-demo-2025"}
    )
    return {"Authorization": f"Bearer {token.get_json()['token']}"}


def test_demo_coverage_by_district_matches_a_count_over_the_raw_events(app, client, demo):
    for day in (None, date(2025, 6, 30), date(2024, 12, 31)):  # one demo load, three days
        check_day(app, client, demo, day)


def check_day(app, client, demo, day):
    query = f"?by=district&as_of={day}" if day else "?by=district"
    body = client.get(f"{API}/coverage{query}", headers=demo).get_json()
    assert {(g["province"], g["district"]) for g in body["groups"]} == {
        ("Hà Nội", district) for district in HANOI_DISTRICTS
    }

    replayed = replayed_coverage(app.extensions["ocop"], day or today())
    totals = Counter(r["district"] for r in replayed.values())
    selling = Counter(r["district"] for r in replayed.values() if r["reason"] is None)
    assert {g["district"]: (g["total"], g["selling"]) for g in body["groups"]} == {
        district: (totals[district], selling[district]) for district in totals
    }
    assert {UUID(r["outlet_id"]): r["reason"] for r in body["not_selling"]} == {
        oid: r["reason"] for oid, r in replayed.items() if r["reason"]
    }
    assert 0 < body["ratio"] < 1  # a real, explainable number
