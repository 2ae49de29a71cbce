"""GET /producers/{id}[?as_of=YYYY-MM-DD]: a producer with the name, kind and place in force
that day, as GET /products/{id}?as_of answers a product: a correction shows from its day on,
the details before it on the days before; every signed-in user reads it, a version only
auditors and admins."""

from datetime import date, timedelta

from tests.e2e.conftest import API, assert_error
from tests.e2e.test_edits_http import get, patch

MOVED = {"province": "Hà Nội", "commune": "Bát Tràng"}


def test_a_producer_reads_as_registered_until_its_correction_and_as_corrected_from_it(market):
    path = f"/producers/{market.producer_id}"
    registered = get(market, path)
    assert (registered["name"], registered["commune"]) == ("HTX Chè Tân Cương", "Tân Cương")
    body = {"name": "HTX Chè Tân Cương Thái Nguyên", **MOVED, "reason": "chuyển trụ sở"}
    assert patch(market, path, body).status_code == 200
    today = date.fromisoformat(get(market, path)["as_of"])
    yesterday = (today - timedelta(days=1)).isoformat()
    now, before = get(market, f"{path}?as_of={today}"), get(market, f"{path}?as_of={yesterday}")
    assert (now["name"], now["commune"], now["as_of"]) == (body["name"], "Bát Tràng", str(today))
    assert (before["name"], before["commune"], before["district"], before["as_of"]) == (
        "HTX Chè Tân Cương",
        registered["commune"],
        registered["district"],
        yesterday,
    )
    assert before["corrections"] == now["corrections"] != []


def test_every_signed_in_user_reads_a_producer_on_a_day_and_only_log_readers_a_version(market):
    path = f"{API}/producers/{market.producer_id}"
    for who in ("staff", "officer", "auditor"):
        answer = market.client.get(f"{path}?as_of=2025-01-01", headers=market.headers(who))
        assert answer.status_code == 200, (who, answer.get_json())
    for who, status in (("staff", 403), ("auditor", 200)):
        answer = market.client.get(f"{path}?as_of_version=1", headers=market.headers(who))
        assert answer.status_code == status, (who, answer.get_json())
    assert market.client.get(path).status_code == 401


def test_an_unknown_producer_or_a_bad_day_is_a_4xx(market):
    unknown = "00000000-0000-4000-8000-000000000000"
    assert_error(market.client.get(f"{API}/producers/{unknown}", headers=market.admin), 404)
    for day in ("2025-02-30", "yesterday", "0001-01-01"):
        path = f"{API}/producers/{market.producer_id}?as_of={day}"
        error = assert_error(market.client.get(path, headers=market.admin), 422)
        assert "as_of" in error["fields"]
