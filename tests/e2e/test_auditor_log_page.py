"""The auditors' log page for their work (issue 18): newest first with older pages that stay put
while events arrive, a picker of event kinds by their meaning, usernames instead of ids (and an
unknown one said as such), days written as the page's language writes them; and in the "as of"
views the names beside the ids, as they were then.

The ``market`` fixture (tests/e2e/conftest.py) registers, over the API, a producer, two products
and a supermarket that lists and stocks them, all as the admin.
"""

import re
from datetime import datetime, timedelta

import pytest

from marketplace.access import SYSTEM
from marketplace.clock import VIETNAM, today
from tests.e2e.conftest import API
from tests.e2e.test_auditor_pages import sign_in_page


@pytest.fixture
def auditor(app, client, market):
    sign_in_page(app, client, "an", "auditor")
    return market


def page(client, query: str = "", lang: str = "vi", status: int = 200) -> str:
    response = client.get(f"/audit?lang={lang}&{query}")
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def rows(html: str) -> list[int]:
    """The positions of the log's rows, as shown."""
    return [int(p) for p in re.findall(r"<tr><td>(\d+)</td>", html)]


def api_positions(market, query: str) -> list[int]:
    answer = market.client.get(f"{API}/events?{query}", headers=market.admin).get_json()
    return [item["position"] for item in answer["items"]]


def register_producer(market, name: str) -> None:
    body = {"name": name, "kind": "household", "province": "Hà Nội", "commune": "Vân Hà"}
    assert market.post("/producers", body).status_code == 201


def test_the_log_reads_newest_first(client, auditor):
    shown = rows(page(client))
    assert shown and shown == sorted(shown, reverse=True)
    assert shown[0] == auditor.recorded()


def test_older_pages_stay_the_same_while_events_are_appended(client, auditor):
    for n in range(60):  # more than a page
        register_producer(auditor, f"HTX {n}")
    everything = api_positions(auditor, "order=desc&limit=1000")
    first = page(client)
    read = rows(first)
    while 'id="next-page"' in first:
        register_producer(auditor, f"HTX mới {len(read)}")
        older = re.search(r'href="(/audit\?[^"]*)" id="next-page"', first).group(1)
        first = page(client, older.split("?", 1)[1].replace("&amp;", "&"))
        read += rows(first)
    assert read == everything
    assert 'id="newest-page"' in first  # a way back to the newest


def test_the_type_picker_lists_every_kind_by_its_meaning_in_both_languages(client, auditor):
    from marketplace.auditing import EVENT_TYPES

    vietnamese, english = page(client), page(client, lang="en")
    for kind in EVENT_TYPES:
        assert f'<option value="{kind}"' in vietnamese
    assert re.search(
        r'<option value="Outlet.SaleReturned"\s*>Khách đã trả hàng</option>', vietnamese
    )
    assert re.search(r'<option value="Outlet.SaleReturned"\s*>Sale returned</option>', english)
    assert '<optgroup label="Điểm bán">' in vietnamese and '<optgroup label="Outlet">' in english


def test_every_known_kind_of_event_has_a_text():
    from marketplace.auditing import EVENT_TYPES
    from web.pages.event_types import EVENT_LABELS

    assert set(EVENT_TYPES) == set(EVENT_LABELS)


def test_a_picked_kind_shows_only_its_events_named_by_meaning(client, auditor):
    html = page(client, "type=Product.Registered")
    assert rows(html) == api_positions(auditor, "type=Product.Registered&order=desc")
    assert len(rows(html)) == 2 and html.count("Đã đăng ký sản phẩm</td>") == 0
    assert html.count("Đã đăng ký sản phẩm<br>") == 2
    assert "selected>Đã đăng ký sản phẩm</option>" in html.replace('" selected', " selected")


def test_rows_name_the_recorder_by_username_not_id(client, auditor):
    html = page(client, "type=Outlet.Opened")
    who = re.findall(r'<td class="who"><span title="([0-9a-f-]+)">([^<]+)</span></td>', html)
    assert len(who) == 2 and {name for _, name in who} == {"admin"}


def test_a_system_recorder_reads_as_system(app, client, auditor):
    app.extensions["ocop"].register_producer(
        "HTX Hệ thống", "household", "Hà Nội", "Vân Hà", actor=SYSTEM
    )
    assert '<td class="who">system</td>' in page(client, "user=system")


@pytest.mark.parametrize("typed", ["admin", "ADMIN", " admin "])
def test_a_username_filter_keeps_that_users_events(client, auditor, typed):
    html = page(client, f"user={typed}")
    assert rows(html) == api_positions(auditor, "actor=admin&order=desc&limit=50")
    assert 'id="user-error"' not in html


@pytest.mark.parametrize(
    "lang, said", [("vi", "Không có người dùng nào tên"), ("en", "No user has the username")]
)
def test_an_unknown_username_is_said_not_an_empty_page(client, auditor, lang, said):
    html = page(client, "user=kh%C3%B4ng-ai", lang=lang)
    error = re.search(r'id="user-error">([^<]+)<', html).group(1)
    assert said in error and "không-ai" in error
    assert rows(html) == [] and 'aria-invalid="true"' in html


def test_days_are_read_as_the_language_writes_them(client, auditor):
    everything = rows(page(client))
    oldest = client.get(f"{API}/events?limit=1", headers=auditor.admin).get_json()["items"][0]
    now = datetime.fromisoformat(oldest["timestamp"]).astimezone(VIETNAM).date()
    yesterday = now - timedelta(days=1)
    vietnamese = f"from={now:%d/%m/%Y}&to={today() + timedelta(days=1):%d/%m/%Y}"
    assert rows(page(client, vietnamese)) == everything
    assert f'value="{now:%d/%m/%Y}"' in page(client, vietnamese)
    english = f"from={now.day} {now:%b %Y}"
    assert rows(page(client, english, lang="en")) == everything
    assert rows(page(client, f"from={now.isoformat()}")) == everything  # as a date picker sends
    html = page(client, f"to={yesterday:%d/%m/%Y}")
    assert rows(html) == [] and 'id="no-events"' in html and "Không có sự kiện nào" in html


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=31/02/2025", "from"),
        ("to=2025-13-01", "to"),
        ("from=yesterday", "from"),
        ("from=01/01/1800", "from"),
        ("from=%01", "from"),
        ("from=02/01/2025&to=01/01/2025", "to"),
        ("type=Outlet.Exploded", "type"),
        ("before=-1", "before"),
    ],
)
def test_bad_filters_are_said_beside_their_field_and_nothing_is_shown(
    client, auditor, query, field
):
    html = page(client, query)
    assert f'id="{field}-error"' in html and rows(html) == []


def test_a_bad_day_says_how_to_write_it_in_each_language(client, auditor):
    vietnamese = page(client, "from=2025/31/12")
    assert f"hãy viết {today():%d/%m/%Y}" in vietnamese
    english = page(client, "from=2025/31/12", lang="en")
    assert f"write it as {today().day} {today():%b %Y}" in english


def test_filters_combine_and_the_next_page_keeps_them(client, auditor):
    for n in range(55):
        register_producer(auditor, f"HTX {n}")
    day = (today() - timedelta(days=1)).strftime("%d/%m/%Y")
    query = f"user=admin&type=Producer.Registered&from={day}&to={today():%d/%m/%Y}"
    first = page(client, query)
    assert rows(first) == api_positions(
        auditor, "actor=admin&type=Producer.Registered&order=desc&limit=50"
    )
    link = re.search(r'href="(/audit\?[^"]*)" id="next-page"', first).group(1).replace("&amp;", "&")
    assert "user=admin" in link and "type=Producer.Registered" in link and "from=" in link
    second = page(client, link.split("?", 1)[1])
    assert len(rows(second)) == 6 and 'id="next-page"' not in second  # 56 producers in all


def test_an_outlets_state_names_its_products_beside_their_ids(client, auditor):
    html = client.get(f"/audit/outlets/{auditor.supermarket_id}/as-of").get_data(as_text=True)
    listings = html.split('id="listings"', 1)[1].split("</table>", 1)[0]
    assert '<span class="name">Chè</span>' in listings and auditor.product_id in listings
    assert '<span class="name">Chè búp</span>' in listings
    stock = html.split('id="stock"', 1)[1].split("</table>", 1)[0]
    assert '<span class="name">Chè</span>' in stock


def test_names_beside_ids_are_as_they_were_then(app, client, auditor):
    """A product renamed later still shows its old name in a state as of a version before."""
    renamed = auditor.client.patch(
        f"{API}/products/{auditor.product_id}",
        json={"name": "Chè Tân Cương đặc biệt", "reason": "đổi tên"},
        headers=auditor.admin,
    )
    assert renamed.status_code == 200, renamed.get_data(as_text=True)
    at_version = client.get(
        f"/audit/outlets/{auditor.supermarket_id}/as-of?as_of_version=4"
    ).get_data(as_text=True)
    assert '<span class="name">Chè</span>' in at_version
    assert "Chè Tân Cương đặc biệt" not in at_version
    now = client.get(f"/audit/outlets/{auditor.supermarket_id}/as-of").get_data(as_text=True)
    assert '<span class="name">Chè Tân Cương đặc biệt</span>' in now


def test_a_products_state_names_its_producer(client, auditor):
    html = client.get(f"/audit/products/{auditor.product_id}/as-of?as_of_version=1").get_data(
        as_text=True
    )
    producer = html.split('id="producer"', 1)[1].split("</td>", 1)[0]
    assert "HTX Chè Tân Cương" in producer and auditor.producer_id in producer


def test_a_state_as_of_a_day_names_records_as_recorded_by_the_end_of_that_day(client, auditor):
    html = client.get(
        f"/audit/products/{auditor.product_id}/as-of?as_of={today().isoformat()}"
    ).get_data(as_text=True)
    assert '<span class="name">HTX Chè Tân Cương</span>' in html
