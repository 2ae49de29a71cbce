"""Time travel stays inside what was recorded: a version beyond the latest is not found, and a
version below 1 is refused naming the field, over the API and on the auditors' pages."""

import pytest

from tests.e2e.conftest import API, assert_error
from tests.e2e.test_auditor_pages import as_of, sign_in_page


def get(market, path):
    return market.client.get(f"{API}{path}", headers=market.headers("auditor"))


@pytest.mark.parametrize(
    "kind, attribute", [("products", "product_id"), ("outlets", "supermarket_id")]
)
def test_a_version_beyond_the_latest_is_not_found(market, kind, attribute):
    record = f"/{kind}/{getattr(market, attribute)}"
    latest = get(market, record).get_json()["version"]
    assert get(market, f"{record}?as_of_version={latest}").get_json()["version"] == latest
    error = assert_error(get(market, f"{record}?as_of_version={latest + 1}"), 404, "not_found")
    assert "as_of_version" in error["fields"]
    assert_error(get(market, f"{record}?as_of_version=99"), 404, "not_found")


@pytest.mark.parametrize("version", ["0", "-1"])
@pytest.mark.parametrize(
    "kind, attribute", [("products", "product_id"), ("outlets", "supermarket_id")]
)
def test_a_version_below_one_is_refused_naming_the_field(market, kind, attribute, version):
    record = f"/{kind}/{getattr(market, attribute)}"
    error = assert_error(get(market, f"{record}?as_of_version={version}"), 422)
    assert "as_of_version" in error["fields"]


@pytest.mark.parametrize(
    "kind, attribute",
    [("products", "product_id"), ("outlets", "supermarket_id"), ("producers", "producer_id")],
)
def test_a_version_beyond_the_latest_is_a_404_page_that_names_the_latest(
    app, client, market, kind, attribute
):
    sign_in_page(app, client, "an", "auditor")
    response = client.get(as_of(kind, getattr(market, attribute), "?as_of_version=99"))
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert 'id="as_of_version-error"' in page and "Phiên bản mới nhất là" in page
    assert 'id="state"' not in page
