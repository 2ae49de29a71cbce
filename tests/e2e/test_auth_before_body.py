"""Who asks is checked before what is asked, on both stores: on every route of the API that
needs a token, a request without one is 401 with WWW-Authenticate, and a signed-in user whom
the route's rule refuses is 403, whatever its body or query string. A 422 naming fields would
describe the schema to a stranger, and judge a request nobody may make."""

import re
from uuid import uuid4

import pytest

from marketplace.config import MAX_REQUEST_BYTES
from tests.e2e.conftest import API

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
OPEN = {("POST", f"{API}/auth/token")}  # signing in: what a stranger may do
EVERY_USERS_OWN = {("POST", f"{API}/users/me/password"), ("DELETE", f"{API}/auth/token")}

JSON = "application/json"
BAD_REQUESTS = {
    "no body": {},
    "an empty object": {"json": {}},
    "not JSON": {"data": "{not json", "content_type": JSON},
    "JSON nested too deep": {"data": "[" * 100 + "]" * 100, "content_type": JSON},
    "a lone surrogate": {"data": '{"name": "\\ud800"}', "content_type": JSON},
    "a body too big": {"data": "x" * (MAX_REQUEST_BYTES + 1), "content_type": JSON},
    "an unknown query argument": {"query_string": "zz=1"},
    "a control character in the query": {"query_string": "q=%00"},
}


def routes(app, methods: set[str]) -> list[tuple[str, str]]:
    """(method, URL) of every API route taking one of ``methods``, path values made up."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API):
            continue
        for method in sorted(rule.methods & methods):
            if (method, rule.rule) not in OPEN:
                url = re.sub(r"<any\((\w+)[^>]*>", r"\1", rule.rule)
                found.append((method, re.sub(r"<[^>]+>", lambda _: str(uuid4()), url)))
    return found


def answers(market, method: str, url: str, headers: dict, bad: str):
    return market.client.open(url, method=method, headers=headers, **BAD_REQUESTS[bad])


@pytest.mark.parametrize("bad", BAD_REQUESTS)
def test_an_anonymous_write_with_a_bad_request_is_401_never_422(market, bad):
    before = market.recorded()
    wrong = {}
    for method, url in routes(market.app, WRITES):
        response = answers(market, method, url, {}, bad)
        if response.status_code != 401 or "WWW-Authenticate" not in response.headers:
            wrong[f"{method} {url}"] = response.status_code
    assert wrong == {}
    assert market.recorded() == before


@pytest.mark.parametrize("bad", ["an unknown query argument", "a control character in the query"])
def test_an_anonymous_read_with_a_bad_query_is_401_never_422(market, bad):
    wrong = {}
    for method, url in routes(market.app, {"GET"}):
        response = answers(market, method, url, {}, bad)
        if response.status_code != 401:
            wrong[f"{method} {url}"] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("bad", BAD_REQUESTS)
def test_a_write_the_users_role_does_not_allow_is_403_before_any_422(market, bad):
    staff = market.headers("staff")  # of the supermarket only; made-up ids are not theirs
    before = market.recorded()
    wrong = {}
    for method, url in routes(market.app, WRITES):
        if (method, url) in EVERY_USERS_OWN:
            continue
        response = answers(market, method, url, staff, bad)
        if response.status_code != 403:
            wrong[f"{method} {url}"] = response.status_code
    assert wrong == {}
    assert market.recorded() == before


def test_the_walk_reaches_every_kind_of_write(market):
    walked = {
        f"{method} {re.sub(r'[0-9a-f-]{36}', '{id}', url)}"
        for method, url in routes(market.app, WRITES)
    }
    assert len(walked) > 30
    assert {f"POST {API}/producers", f"PATCH {API}/users/{{id}}"} <= walked
    assert f"DELETE {API}/auth/token" in walked and f"POST {API}/auth/token" not in walked


def test_a_signed_in_user_allowed_the_write_still_gets_the_422_naming_the_field(market):
    response = market.post("/producers", {"name": "HTX"})
    assert response.status_code == 422
    assert "kind" in response.get_json()["error"]["fields"]
    unknown = market.client.post(
        f"{API}/producers?zz=1", json={"name": "HTX"}, headers=market.admin
    )
    assert "zz" in unknown.get_json()["error"]["fields"]
