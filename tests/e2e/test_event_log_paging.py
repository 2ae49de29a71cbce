"""The event log's filtered pages read on until they have ``limit`` events or reach the end of
the log, and say when the end is reached (``next_after: null``) (issue 11, item 10)."""

from uuid import UUID

import pytest

from domain.base import stamped
from domain.producer import Producer
from domain.user import user_id_for
from domain.values import Place
from tests.e2e.conftest import API, assert_error

FILLER = 20_500
"""More events than a filtered page used to scan before answering an empty page."""


def get(market, query: str) -> dict:
    response = market.client.get(f"{API}/events?{query}", headers=market.headers("auditor"))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.fixture
def busy_log(market):
    """The officer registers one producer, someone else fills the log, the officer registers
    another: the officer's second event lies far beyond the first."""
    app = market.app.extensions["ocop"]
    officer = str(user_id_for("officer"))
    market.headers("officer"), market.headers("auditor")  # registered before the log is read
    place = Place("Hà Nội", "Vân Hà")
    as_officer = app.principal(UUID(officer))
    first = app.register_producer("HTX Một", "cooperative", "Hà Nội", "Vân Hà", actor=as_officer)
    first = first["id"]
    filler = [Producer.register(f"HTX {n}", "household", place) for n in range(FILLER)]
    app.save(*stamped(filler, "filler"))
    last = app.register_producer("HTX Hai", "cooperative", "Hà Nội", "Vân Hà", actor=as_officer)
    last = last["id"]
    return {"officer": officer, "first": first, "last": last}


def test_a_filtered_page_reads_past_many_other_events_and_ends_with_null(market, busy_log):
    officer = busy_log["officer"]
    page = get(market, f"user={officer}&type=Registered&aggregate_type=Producer&limit=100")
    assert [e["aggregate_id"] for e in page["items"]] == [busy_log["first"], busy_log["last"]]
    assert page["next_after"] is None


def test_a_full_filtered_page_says_where_to_read_on_and_the_next_one_reaches_the_end(
    market, busy_log
):
    query = f"user={busy_log['officer']}&aggregate_type=Producer&limit=1"
    first = get(market, query)
    assert [e["aggregate_id"] for e in first["items"]] == [busy_log["first"]]
    assert first["next_after"] == first["items"][0]["position"]
    rest = get(market, f"{query}&after={first['next_after']}")
    assert [e["aggregate_id"] for e in rest["items"]] == [busy_log["last"]]
    assert rest["next_after"] is None


def test_the_page_that_ends_on_the_last_event_says_it_is_the_end(market):
    everything = get(market, "limit=1000")
    last = everything["items"][-1]["position"]
    assert everything["next_after"] is None
    assert get(market, f"after={last - 1}&limit=1")["next_after"] is None
    assert get(market, f"after={last - 2}&limit=1")["next_after"] == last - 1
    assert get(market, f"after={last}")["items"] == []


@pytest.mark.parametrize("who", ["supermarket_id", "product_id"])
def test_one_records_events_page_on_and_end_with_null(market, who):
    record = getattr(market, who)
    first = get(market, f"aggregate_id={record}&limit=1")
    assert first["items"][0]["version"] == 1 and first["next_after"] is not None
    rest = get(market, f"aggregate_id={record}&after={first['next_after']}&limit=1000")
    assert rest["items"][0]["version"] == 2 and rest["next_after"] is None


def test_a_filter_nothing_matches_is_an_empty_last_page(market):
    assert get(market, "type=NoSuchEvent") == {"items": [], "next_after": None}


def test_an_unknown_aggregate_type_is_refused_naming_it(market):
    response = market.client.get(
        f"{API}/events?aggregate_type=Invoice", headers=market.headers("auditor")
    )
    assert "aggregate_type" in assert_error(response, 422)["fields"]


def test_the_user_filter_finds_a_username_ignoring_case_and_accents(market):
    app = market.app.extensions["ocop"]
    app.register_user("đức.anh", "officer", "a long password")
    duc = app.principal(user_id_for("đức.anh"))
    producer = app.register_producer("HTX Ba", "cooperative", "Hà Nội", "Vân Hà", actor=duc)["id"]
    for typed in ("đức.anh", "Đức", "DUC.ANH", "duc"):
        page = get(market, f"user={typed}")
        assert [e["aggregate_id"] for e in page["items"]] == [producer], typed
        assert {e["user"] for e in page["items"]} == {str(user_id_for("đức.anh"))}
    assert get(market, "user=nobody")["items"] == []


def test_the_auditors_log_page_offers_no_next_page_at_the_end(app, client, market):
    from tests.e2e.test_auditor_pages import sign_in_page

    sign_in_page(app, client, "an", "auditor")
    page = client.get("/audit?type=Opened").get_data(as_text=True)
    assert "<tr><td>" in page and "Trang sau" not in page


def test_a_text_that_looks_like_a_recorder_does_not_pass_the_user_filter(market):
    app = market.app.extensions["ocop"]
    officer = str(user_id_for("officer"))
    market.headers("officer")
    name = f'HTX "recorded_by":"{officer}"'
    producer = Producer.register(name, "cooperative", Place("Hà Nội", "Vân Hà"))
    app.save(*stamped([producer], "someone"))  # a recorder no principal names: no door
    assert all(e["user"] == officer for e in get(market, f"user={officer}")["items"])
    assert [e["data"]["name"] for e in get(market, "user=someone")["items"]] == [name]
