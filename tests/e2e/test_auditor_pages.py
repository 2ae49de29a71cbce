"""The auditors' pages: one record's history and a record "as of" a version or a day.

The ``market`` fixture (tests/e2e/conftest.py) registers, over the API, a producer, two products
certified on 2024-03-15 and a supermarket that lists and stocks them.
"""

import re
from uuid import uuid4

import pytest

from marketplace.clock import today
from tests.e2e.conftest import API

PASSWORD = "a long password"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def sign_in_page(app, client, username: str, role: str) -> None:
    app.extensions["ocop"].register_user(username, role, PASSWORD)
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/sign-in", data={"csrf_token": token, "username": username, "password": PASSWORD})


@pytest.fixture
def auditor(app, client, market):
    """An auditor signed in to the pages."""
    sign_in_page(app, client, "an", "auditor")
    return market


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def as_of(kind: str, aggregate_id: str, query: str = "") -> str:
    return f"/audit/{kind}/{aggregate_id}/as-of{query}"


def test_each_row_of_the_event_log_links_to_its_records_history(client, auditor):
    page = text(client.get("/audit"))
    links = re.findall(r'class="history" href="/audit/history/([0-9a-f-]+)#v(\d+)"', page)
    rows = re.findall(r"<tr><td>\d+</td>", page)
    assert len(links) == len(rows) > 0
    assert (auditor.supermarket_id, "1") in links


def test_a_history_shows_every_event_with_position_time_actor_type_and_fields(client, auditor):
    page = text(client.get(f"/audit/history/{auditor.product_id}"))
    api = client.get(f"{API}/products/{auditor.product_id}/history", headers=auditor.admin)
    events = api.get_json()["items"]
    assert [int(v) for v in re.findall(r'data-version="(\d+)"', page)] == [
        e["version"] for e in events
    ]
    for event in events:
        row = page.split(f'id="v{event["version"]}"', 1)[1].split("</tr>", 1)[0]
        assert f"<td>{event['position']}</td>" in row and event["type"] in row
        assert f"<td>{event['user']}</td>" in row  # who recorded it
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", row)  # when, in Vietnam time
    assert "TN-0" in page and "<dt>certificate_no</dt>" in page  # the fields of the event


def test_a_history_links_each_version_to_the_state_after_it(client, auditor):
    page = text(client.get(f"/audit/history/{auditor.supermarket_id}"))
    assert f'href="{as_of("outlets", auditor.supermarket_id, "?as_of_version=1")}"' in page


@pytest.mark.parametrize("path", [f"/audit/history/{UNKNOWN}", "/audit/history/not-a-uuid"])
def test_the_history_of_an_unknown_record_is_a_404(client, auditor, path):
    assert client.get(path).status_code == 404


def test_a_product_at_a_version_is_what_the_api_answers(client, auditor):
    api = client.get(
        f"{API}/products/{auditor.product_id}?as_of_version=1", headers=auditor.admin
    ).get_json()
    assert api["certificate"] is None
    page = text(client.get(as_of("products", auditor.product_id, "?as_of_version=1")))
    assert "Như đã ghi tại phiên bản 1." in page and api["name"] in page
    certificate = page.split('id="certificate">', 1)[1].split("</td>", 1)[0]
    assert certificate.strip() == "—"
    latest = text(client.get(as_of("products", auditor.product_id, "?as_of_version=2")))
    assert "TN-0" in latest and "Còn hiệu lực" in latest and "15/03/2024" in latest


def test_a_product_on_a_day_shows_its_certificate_as_it_stood_then(client, auditor):
    page = text(client.get(as_of("products", auditor.product_id, "?as_of=2030-01-01")))
    api = client.get(
        f"{API}/products/{auditor.product_id}?as_of=2030-01-01", headers=auditor.admin
    ).get_json()
    assert api["certificate"]["status"] == "expired"
    assert "Đã hết hạn" in page and "01/01/2030" in page


def test_an_outlet_by_the_end_of_today_holds_its_stock(client, auditor):
    page = text(client.get(as_of("outlets", auditor.supermarket_id, f"?as_of={today()}")))
    stock = page.split('id="stock"', 1)[1].split("</table>", 1)[0]
    assert sorted(re.findall(r'class="on-hand">(\d+)<', stock)) == ["10", "4"]
    assert "WinMart" in page and "01/01/2024" in page


def test_an_outlet_at_version_one_had_nothing_listed(client, auditor):
    page = text(client.get(as_of("outlets", auditor.supermarket_id, "?as_of_version=1")))
    listings = page.split('id="listings"', 1)[1].split("</table>", 1)[0]
    assert auditor.product_id not in listings


def test_a_day_before_the_record_was_recorded_is_said_beside_the_day(client, auditor):
    page = text(client.get(as_of("outlets", auditor.supermarket_id, "?as_of=2020-01-01")))
    assert 'id="as_of-error"' in page and "chưa được ghi vào nhật ký" in page
    assert 'id="state"' not in page


def test_a_producer_as_of_a_version_shows_its_recorded_fields(client, auditor):
    page = text(client.get(as_of("producers", auditor.producer_id, "?as_of_version=1")))
    assert "HTX Chè Tân Cương" in page and "cooperative" in page and "Tân Cương" in page


@pytest.mark.parametrize("version", ["0", "-2", "abc", "1.5", "99999999999999999999999"])
def test_a_bad_version_is_said_beside_its_field(client, auditor, version):
    page = text(client.get(as_of("products", auditor.product_id, f"?as_of_version={version}")))
    assert 'id="as_of_version-error"' in page and "Phải là số nguyên từ 1 trở lên" in page
    assert 'id="state"' not in page


@pytest.mark.parametrize("day", ["2025-02-30", "31/12/2025", "tomorrow", "9999-12-31"])
def test_a_bad_day_is_said_beside_its_field(client, auditor, day):
    page = text(client.get(as_of("outlets", auditor.supermarket_id, f"?as_of={day}")))
    assert 'id="as_of-error"' in page and "Ngày không hợp lệ" in page


def test_field_errors_come_in_english_on_the_english_page(client, auditor):
    query = "?as_of=2025-02-30&as_of_version=x&lang=en"
    page = text(client.get(as_of("products", auditor.product_id, query)))
    assert "Must be a whole number, 1 or more" in page and "Or at the version" in page


@pytest.mark.parametrize(
    "path",
    [
        "/audit/products/{outlet}/as-of",  # an outlet's id read as a product
        "/audit/outlets/" + UNKNOWN + "/as-of",
        "/audit/users/{outlet}/as-of",  # no "as of" view for that kind
        "/audit/outlets/not-a-uuid/as-of",
    ],
)
def test_an_unknown_record_or_kind_is_a_404(client, auditor, path):
    assert client.get(path.format(outlet=auditor.supermarket_id)).status_code == 404


def test_an_unknown_kind_of_record_in_the_log_filter_is_said_beside_the_filter(client, auditor):
    page = text(client.get("/audit?aggregate_type=Invoice"))
    assert 'id="aggregate_type-error"' in page and "Loại bản ghi không có" in page


@pytest.mark.parametrize("after", ["-1", "abc", "1e3"])
def test_a_bad_start_position_in_the_log_is_said_not_a_500(client, auditor, after):
    page = text(client.get(f"/audit?after={after}"))
    assert 'id="after-error"' in page


def test_the_verify_button_still_proves_the_chain(client, auditor):
    page = text(client.get("/audit"))
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    result = text(client.post("/audit/verify", data={"csrf_token": token}))
    assert "Toàn vẹn: đã kiểm tra" in result and 'class="history"' in result


def test_outlet_staff_may_not_read_histories_or_as_of_views(app, client, market):
    sign_in_page(app, client, f"staff-{uuid4().hex[:6]}", "staff")
    assert client.get(f"/audit/history/{market.product_id}").status_code == 403
    assert client.get(as_of("products", market.product_id)).status_code == 403


def test_days_in_event_fields_read_dd_mm_yyyy_and_lookalikes_stay_as_written(client, auditor):
    revocation = {"reason": "2025-99-10", "revoked_on": "2024-04-01"}
    assert (
        auditor.post(f"/products/{auditor.product_id}/revocations", revocation).status_code == 201
    )
    history = text(client.get(f"/audit/history/{auditor.product_id}"))
    assert "<dd>15/03/2024</dd>" in history and "<dd>01/04/2024</dd>" in history
    assert "<dd>2025-99-10</dd>" in history  # a reason that only looks like a day


def test_a_long_history_reads_in_pages_of_a_hundred_events(app, client, auditor):
    from datetime import date
    from uuid import UUID

    from web.pages.auditors import HISTORY_PAGE

    market = app.extensions["ocop"]
    producer = market.register_producer("HTX Bận rộn", "cooperative", "Hà Nội", "Uy Nỗ")["id"]
    product = UUID(market.register_product(UUID(producer), "Chè", "food", "hộp", 1000)["id"])
    outlet = market.open_outlet("Điểm bận", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))
    for _ in range(HISTORY_PAGE + 5):
        market.receive_stock(UUID(outlet["id"]), [{"product_id": product, "qty": 1}])
    first = client.get(f"/audit/history/{outlet['id']}").get_data(as_text=True)
    assert first.count('<tr id="v') == HISTORY_PAGE and "106" in first  # all 106 counted
    second = client.get(f"/audit/history/{outlet['id']}?after={HISTORY_PAGE}").get_data(
        as_text=True
    )
    assert second.count('<tr id="v') == 6 and 'id="next-page"' not in second
