"""GET /events for auditors' work (issue 18): newest first with pages that stay put while events
are appended, days as a filter, an event's kind as "Outlet.Sold", one exact username, and the
recorder's username beside its id. The contract's fields and defaults are kept (additions only)."""

from datetime import date, datetime, timedelta

from marketplace.access import SYSTEM
from marketplace.clock import VIETNAM, today
from tests.e2e.conftest import API, assert_error

EVERYTHING = "limit=1000"


def get(market, query: str) -> dict:
    response = market.client.get(f"{API}/events?{query}", headers=market.headers("auditor"))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def positions(page: dict) -> list[int]:
    return [item["position"] for item in page["items"]]


def register_producer(market, name: str = "HTX Mới") -> None:
    place = {"province": "Hà Nội", "commune": "Vân Hà"}
    body = {"name": name, "kind": "household", **place}
    assert market.post("/producers", body).status_code == 201


def test_newest_first_is_the_log_in_reverse_and_ends_with_null(market):
    oldest_first = positions(get(market, EVERYTHING))
    page = get(market, f"{EVERYTHING}&order=desc")
    assert positions(page) == oldest_first[::-1]
    assert page["next_before"] is None and page["next_after"] is None


def test_the_default_order_is_unchanged_and_says_nothing_of_before(market):
    page = get(market, "limit=2")
    assert set(page) == {"items", "next_after"} and page["next_after"] is not None


def test_newest_first_pages_stay_the_same_while_events_are_appended(market):
    before_appending = positions(get(market, f"{EVERYTHING}&order=desc"))
    first = get(market, "order=desc&limit=3")
    register_producer(market, "HTX Một")
    register_producer(market, "HTX Hai")
    read, page = positions(first), first
    while page["next_before"] is not None:
        page = get(market, f"order=desc&limit=3&before={page['next_before']}")
        read += positions(page)
        register_producer(market, f"HTX {len(read)}")
    assert read == before_appending  # nothing repeated, nothing skipped, no new event
    newest = get(market, "order=desc&limit=1")["items"][0]
    assert newest["data"]["name"].startswith("HTX ") and newest["position"] > read[0]


def test_a_before_beyond_the_log_reads_from_the_newest_and_after_bounds_it_below(market):
    everything = positions(get(market, EVERYTHING))
    assert positions(get(market, f"order=desc&before=999999999&{EVERYTHING}")) == everything[::-1]
    middle = everything[len(everything) // 2]
    page = get(market, f"order=desc&after={middle}&{EVERYTHING}")
    assert positions(page) == [p for p in everything if p > middle][::-1]
    assert get(market, f"order=desc&before={everything[0]}")["items"] == []


def vietnam_day(timestamp: str) -> date:
    return datetime.fromisoformat(timestamp).astimezone(VIETNAM).date()


def test_days_keep_the_events_recorded_on_them_in_vietnam_time(market):
    items = get(market, EVERYTHING)["items"]
    everything = [item["position"] for item in items]
    first, last = vietnam_day(items[0]["timestamp"]), vietnam_day(items[-1]["timestamp"])
    day, yesterday = first.isoformat(), (first - timedelta(days=1)).isoformat()
    assert positions(get(market, f"from_day={day}&to_day={last}&{EVERYTHING}")) == everything
    assert positions(get(market, f"from_day={yesterday}&{EVERYTHING}")) == everything
    assert get(market, f"to_day={yesterday}") == {"items": [], "next_after": None}
    assert get(market, f"from_day={day}&to_day={yesterday}")["items"] == []
    on_the_first = [i["position"] for i in items if vietnam_day(i["timestamp"]) == first]
    assert positions(get(market, f"to_day={day}&{EVERYTHING}")) == on_the_first
    assert get(market, "from_day=2199-12-31&order=desc") == {
        "items": [],
        "next_after": None,
        "next_before": None,
    }
    assert positions(get(market, f"to_day=2199-12-31&{EVERYTHING}")) == everything


def test_an_event_kind_names_its_aggregate_too(market):
    products = get(market, f"type=Product.Registered&{EVERYTHING}")["items"]
    assert len(products) == 2 and {e["aggregate_type"] for e in products} == {"Product"}
    registered = get(market, f"type=Registered&{EVERYTHING}")["items"]
    assert {e["aggregate_type"] for e in registered} >= {"Producer", "Product", "User"}
    assert get(market, "type=Outlet.Registered")["items"] == []


def test_the_actor_filter_takes_one_exact_username_and_names_it_beside_the_id(market):
    market.headers("officer")
    register_producer(market)  # by the admin
    page = get(market, f"actor=ADMIN&{EVERYTHING}")
    assert page["items"] and {e["username"] for e in page["items"]} == {"admin"}
    assert len({e["user"] for e in page["items"]}) == 1
    officer_events = get(market, f"actor=officer&{EVERYTHING}")["items"]
    assert all(e["username"] == "officer" for e in officer_events)


def test_an_unknown_username_is_refused_naming_the_field_not_an_empty_page(market):
    response = market.client.get(
        f"{API}/events?actor=nobody-here", headers=market.headers("auditor")
    )
    error = assert_error(response, 422)
    assert error["reason"] == "no_such_user" and "actor" in error["fields"]
    assert "nobody-here" in error["fields"]["actor"][0]
    # a partial name is not a username either
    assert_error(market.client.get(f"{API}/events?actor=adm", headers=market.admin), 422)


def test_filters_combine_newest_first(market):
    first = vietnam_day(get(market, "limit=1")["items"][0]["timestamp"])
    register_producer(market, "HTX Ba")
    day, last = first.isoformat(), (today() + timedelta(days=1)).isoformat()
    query = f"actor=admin&type=Producer.Registered&from_day={day}&to_day={last}&order=desc"
    page = get(market, f"{query}&limit=1")
    assert [e["data"]["name"] for e in page["items"]] == ["HTX Ba"]
    rest = get(market, f"{query}&before={page['next_before']}")
    assert [e["data"]["name"] for e in rest["items"]] == ["HTX Chè Tân Cương"]
    assert rest["next_before"] is None


def test_a_system_recorder_has_no_username(market):
    app = market.app.extensions["ocop"]
    app.register_producer("HTX Hệ thống", "household", "Hà Nội", "Vân Hà", actor=SYSTEM)
    newest = get(market, "order=desc&limit=1")["items"][0]
    assert newest["user"] == "system" and newest["username"] is None


def test_bad_filters_are_422_naming_each_field(market):
    for query, name in [
        ("from_day=31/12/2024", "from_day"),
        ("to_day=2024-02-30", "to_day"),
        ("from_day=1899-12-31", "from_day"),
        ("order=newest", "order"),
        ("before=0", "before"),
        ("before=-3", "before"),
        ("actor=", "actor"),
        ("actor=a%01b", "actor"),
    ]:
        response = market.client.get(f"{API}/events?{query}", headers=market.headers("auditor"))
        assert name in assert_error(response, 422)["fields"], query
