"""/metrics is not public: a scraper presents the operator's metrics token, a person an API token
of an admin or an auditor. Without a token 401, with another role's token 403. /healthz (load
balancers) and the OpenAPI document stay public."""

import pytest

from tests.conftest import METRICS_TOKEN, SCRAPER, TEST_CONFIG
from tests.e2e.conftest import assert_error, user
from web import create_app


def test_metrics_without_a_token_answer_401(client):
    assert_error(client.get("/metrics"), 401, "unauthorized")


@pytest.mark.parametrize("token", ["nonsense", METRICS_TOKEN[:-1], METRICS_TOKEN + "x", ""])
def test_metrics_with_a_wrong_token_answer_401(client, token):
    assert_error(client.get("/metrics", headers={"Authorization": f"Bearer {token}"}), 401)


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_metrics_for_a_role_not_allowed_answer_403(app, client, role):
    headers = user(app, client, f"a-{role}", role)
    assert_error(client.get("/metrics", headers=headers), 403, "forbidden")


@pytest.mark.parametrize("role", ["admin", "auditor"])
def test_metrics_for_an_admin_or_an_auditor_answer_200(app, client, role):
    response = client.get("/metrics", headers=user(app, client, f"a-{role}", role))
    assert response.status_code == 200
    assert "ocop_projection_lag_events" in response.get_data(as_text=True)


def test_metrics_for_the_scraper_token_answer_200(client):
    response = client.get("/metrics", headers=SCRAPER)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "ocop_database_up 1.0" in response.get_data(as_text=True)


def test_without_a_metrics_token_set_only_people_may_read_metrics(app, database_url):
    config = TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_METRICS_TOKEN": ""}
    bare = create_app(config)
    try:
        client = bare.test_client()
        assert_error(client.get("/metrics", headers={"Authorization": "Bearer "}), 401)
        assert (
            client.get("/metrics", headers=user(bare, client, "an", "auditor")).status_code == 200
        )
    finally:
        bare.extensions["ocop_read"].close()
        bare.extensions["ocop"].close()


def test_a_metrics_token_too_short_to_be_secret_is_refused_at_start_up(database_url):
    from marketplace.config import ConfigError, Settings

    with pytest.raises(ConfigError, match="OCOP_METRICS_TOKEN"):
        Settings.from_env({"OCOP_DATABASE_URL": database_url, "OCOP_METRICS_TOKEN": "short"})


def test_health_and_the_openapi_document_stay_public(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200


@pytest.mark.parametrize("path", ["/metrics", "/api/v1/users/me", "/api/v1/coverage"])
def test_every_401_names_the_bearer_challenge_as_http_requires(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
