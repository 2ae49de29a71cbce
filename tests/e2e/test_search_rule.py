"""One search rule everywhere (issue 11, item 12): case and Vietnamese accents are ignored and
"đ" is found by "d", in the API's catalogue, the catalogue page, the shelf's and the receive
screen's catalogue search, the sale screen and the officers' register; the folded names are
filled again when the register view is rebuilt."""

from datetime import date
from uuid import UUID

import pytest

from projections.rebuild import rebuild
from tests.e2e.conftest import API
from tests.e2e.test_auditor_pages import sign_in_page

HONEY = "Mật ong hoa nhãn"
SPECIALTY = "Đặc sản Tây Bắc"
PRODUCER = "HTX Đông Anh"
OPENED = date(2024, 1, 1)


@pytest.fixture
def shop(app):
    """A producer and two products, stocked at an OCOP point where Lan works."""
    market = app.extensions["ocop"]
    producer = UUID(market.register_producer(PRODUCER, "cooperative", "Hà Nội", "Uy Nỗ")["id"])
    ids = {
        name: UUID(market.register_product(producer, name, "food", "hũ", 1)["id"])
        for name in (HONEY, SPECIALTY, "Chè 100% búp")
    }
    point = UUID(market.open_outlet("Điểm OCOP", "ocop_point", "Hà Nội", "Uy Nỗ", OPENED)["id"])
    lines = [{"product_id": pid, "qty": 5} for pid in ids.values()]
    market.receive_stock(point, lines)
    market.register_user("lan", "staff", "a long password", [point])
    market.register_user("officer", "officer", "a long password")
    return {"point": point, **{name: str(pid) for name, pid in ids.items()}}


def names_found(client, query: str, headers) -> list[str]:
    body = client.get(f"{API}/catalogue?q={query}", headers=headers).get_json()
    return sorted(item["name"] for item in body["items"])


@pytest.fixture
def officer_headers(client, shop):
    from tests.e2e.conftest import sign_in

    return sign_in(client, "officer", "a long password")


@pytest.mark.parametrize(
    "typed, found",
    [
        ("mat ong", [HONEY]),
        ("MẬT ONG", [HONEY]),
        ("hoa nhan", [HONEY]),
        ("dac san", [SPECIALTY]),
        ("Đặc sản", [SPECIALTY]),
        ("ĐẶC SẢN", [SPECIALTY]),
        ("đặc", [SPECIALTY]),
        ("tay bac", [SPECIALTY]),
        ("dong anh", sorted([HONEY, SPECIALTY, "Chè 100% búp"])),  # the producer's name
        ("100%", ["Chè 100% búp"]),
        ("%", ["Chè 100% búp"]),  # a wildcard typed is a character searched for
        ("_", []),
    ],
)
def test_the_api_catalogue_ignores_case_and_accents_and_finds_d_for_đ(
    client, officer_headers, typed, found
):
    assert names_found(client, typed.replace("%", "%25"), officer_headers) == found


def test_the_folded_names_are_filled_again_on_rebuild(app, client, officer_headers):
    read_models = app.extensions["ocop_read"]
    assert names_found(client, "dac san", officer_headers) == [SPECIALTY]
    rebuild(read_models.runner, read_models.views, "register")
    assert names_found(client, "dac san", officer_headers) == [SPECIALTY]


def test_the_officers_register_finds_a_producer_without_accents(app, client, shop):
    sign_in_page(app, client, "officer-page", "officer")
    page = client.get("/officers?q=dong anh").get_data(as_text=True)
    assert PRODUCER in page
    page = client.get("/officers?q=%C4%90%C3%94NG").get_data(as_text=True)  # ĐÔNG
    assert PRODUCER in page
    assert PRODUCER not in client.get("/officers?q=tay bac").get_data(as_text=True)


def test_the_catalogue_page_finds_names_starting_with_đ_typed_either_way(app, client, shop):
    sign_in_page(app, client, "officer-page", "officer")
    for typed in ("dac san", "Đặc sản"):
        page = client.get(f"/catalogue?q={typed}").get_data(as_text=True)
        assert SPECIALTY in page and HONEY not in page, typed


def test_the_shelf_and_counter_screens_search_the_same_way(app, client, shop):
    sign_in_page(app, client, "lan-2", "admin")
    point = shop["point"]
    shelf = client.get(f"/shelf/{point}?q=dac san").get_data(as_text=True)
    assert SPECIALTY in shelf
    for screen in ("receive", "sale"):
        url = f"/counter/{point}/{screen}"
        page = client.get(url).get_data(as_text=True)
        token = page.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
        key = page.split('name="idempotency_key"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
        data = {"csrf_token": token, "idempotency_key": key, "find": "dac san", "action": "find"}
        found = client.post(url, data=data).get_data(as_text=True)
        assert shop[SPECIALTY] in found, screen


@pytest.mark.parametrize("typed", ["a%00b", "%1B"])
def test_a_search_with_a_control_character_on_a_page_is_not_a_500(app, client, shop, typed):
    sign_in_page(app, client, "officer-page", "officer")
    for path in ("/catalogue", "/officers", f"/shelf/{shop['point']}"):
        assert client.get(f"{path}?q={typed}").status_code < 500, path
