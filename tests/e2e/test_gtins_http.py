"""GTINs over HTTP: a wrong GS1 check digit is a 422 naming gtin, and a GTIN already used by
another product is a 409 ``gtin_taken``, also when two officers send it at the same moment."""

import pytest

from tests.e2e.conftest import API, assert_error, post_together

HONEY = "8936000000035"


def product(market, name: str, gtin: str | None) -> dict:
    body = {"producer_id": market.producer_id, "name": name, "group": "food", "unit": "hũ"}
    return body | {"price_vnd": 90_000, "gtin": gtin}


@pytest.mark.parametrize("gtin", ["8936000000036", "89360001", "036000291453"])
def test_a_gtin_with_a_wrong_check_digit_is_refused_naming_gtin(market, gtin):
    before = market.recorded()
    error = assert_error(market.post("/products", product(market, "Mật ong", gtin)), 422)
    assert list(error["fields"]) == ["gtin"] and "check digit" in error["fields"]["gtin"][0]
    assert market.recorded() == before


def test_a_gtin_already_used_by_another_product_is_a_409_gtin_taken(market):
    first = market.post("/products", product(market, "Mật ong hoa nhãn", HONEY))
    assert first.status_code == 201
    before = market.recorded()
    again = market.post("/products", product(market, "Mật ong rừng", HONEY))
    error = assert_error(again, 409, "gtin_taken")
    assert list(error["fields"]) == ["gtin"]
    assert market.recorded() == before
    other = market.post("/products", product(market, "Mật ong rừng", "8936000000042"))
    assert other.status_code == 201


def test_two_officers_registering_one_gtin_at_once_get_one_product(market):
    officer = market.headers("officer")
    url = f"{API}/products"
    answers = post_together(
        market.app,
        [(url, product(market, f"Mật ong {n}", HONEY), officer) for n in range(4)],
    )
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201, 409, 409, 409], answers
    assert {body["error"]["code"] for status, body in answers if status == 409} == {"gtin_taken"}
    catalogue = market.client.get(f"{API}/catalogue?q={HONEY}", headers=officer).get_json()
    assert [item["gtin"] for item in catalogue["items"]] == [HONEY]


def test_products_without_a_gtin_are_not_held_to_one(market):
    for name in ("Chè xanh", "Chè đen"):
        assert market.post("/products", product(market, name, None)).status_code == 201


@pytest.mark.parametrize("typed", ["08936000000035", "8936000000035"])
def test_a_gtin_written_with_or_without_its_leading_zero_is_one_gtin(market, typed):
    """GTIN-13 8936000000035 and GTIN-14 08936000000035 are the same barcode: the second
    product is refused whichever form came first."""
    other = "08936000000035" if typed == "8936000000035" else "8936000000035"
    assert market.post("/products", product(market, "Mật ong hoa nhãn", typed)).status_code == 201
    before = market.recorded()
    again = market.post("/products", product(market, "Mật ong rừng", other))
    assert_error(again, 409, "gtin_taken")
    assert market.recorded() == before


def test_a_product_may_rewrite_its_own_gtin_with_its_leading_zero(market):
    made = market.post("/products", product(market, "Mật ong hoa nhãn", HONEY)).get_json()
    fixed = market.client.patch(
        f"{API}/products/{made['id']}",
        json={"gtin": "0" + HONEY, "reason": "GTIN-14"},
        headers=market.headers("admin"),
    )
    assert fixed.status_code == 200, fixed.get_json()
    again = market.post("/products", product(market, "Mật ong rừng", HONEY))
    assert_error(again, 409, "gtin_taken")


def test_two_officers_registering_two_forms_of_one_gtin_at_once_get_one_product(market):
    """The side table holds every GTIN in its 14 digits, so the 13- and 14-digit forms of one
    barcode sent at the same moment collide there as the same GTIN does."""
    officer = market.headers("officer")
    forms = [HONEY, "0" + HONEY] * 2
    answers = post_together(
        market.app,
        [
            (f"{API}/products", product(market, f"Mật ong {n}", g), officer)
            for n, g in enumerate(forms)
        ],
    )
    assert sorted(status for status, _ in answers) == [201, 409, 409, 409], answers


@pytest.mark.parametrize(("registered", "searched"), [("0" + HONEY, HONEY), (HONEY, "0" + HONEY)])
def test_the_catalogue_finds_a_product_by_either_form_of_its_gtin(market, registered, searched):
    made = market.post("/products", product(market, "Mật ong hoa nhãn", registered)).get_json()
    officer = market.headers("officer")
    found = market.client.get(f"{API}/catalogue?q={searched}", headers=officer).get_json()
    assert [item["id"] for item in found["items"]] == [made["id"]]
