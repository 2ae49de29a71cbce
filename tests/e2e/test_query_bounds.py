"""A whole number in a query beyond what a database column holds is refused (422), not a 500.

Found by schemathesis (tests/e2e/test_openapi_schemathesis.py): ?after= and ?offset= were
handed to SQL unbounded, and SQLite cannot bind an integer past 2**63 - 1.
"""

import pytest

from tests.e2e.conftest import API, assert_error, user

TOO_BIG = str(2**63)


@pytest.mark.parametrize(
    "path, argument",
    [
        ("/events", "after"),
        ("/catalogue", "offset"),
    ],
)
def test_a_query_number_past_what_the_database_holds_is_refused(app, client, path, argument):
    admin = user(app, client, "admin", "admin")

    response = client.get(f"{API}{path}?{argument}={TOO_BIG}", headers=admin)

    error = assert_error(response, 422, "validation_failed")
    assert argument in error["fields"]


def test_the_largest_position_a_database_holds_is_still_read(app, client):
    admin = user(app, client, "admin", "admin")

    response = client.get(f"{API}/events?after={2**63 - 1}", headers=admin)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["items"] == []


def test_a_version_past_what_the_database_holds_is_refused(app, client, market):
    response = client.get(
        f"{API}/products/{market.product_id}?as_of_version={TOO_BIG}", headers=market.admin
    )

    assert response.status_code in (404, 422), response.get_json()
