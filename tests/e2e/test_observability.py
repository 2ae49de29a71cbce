"""Health and metrics for operators."""

from tests.conftest import SCRAPER


def test_health_says_the_database_answers_and_how_far_the_read_models_lag(client):
    body = client.get("/healthz").get_json()
    assert body["ok"] is True and body["database"] == "ok" and body["projection_lag"] == 0


def test_metrics_count_requests_and_commands_by_outcome(client, app):
    client.post("/api/v1/producers", json={})  # no token: refused
    text = client.get("/metrics", headers=SCRAPER).get_data(as_text=True)
    assert "ocop_request_seconds_bucket" in text
    assert 'ocop_commands_total{command="register_producer",outcome="refused"}' in text
    assert "ocop_projection_lag_events" in text
