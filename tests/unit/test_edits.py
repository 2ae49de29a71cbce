"""Corrections of a producer or a product: only what changes, dated, with why; the record as it
stood on any day."""

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain.errors import InvalidValue, RuleConflict
from domain.producer import Producer
from domain.product import Product
from domain.values import Place, local_day


def new_product(group: str = "food", **kwargs) -> Product:
    return Product.register(uuid4(), "Chè Shan tuyêt", group, "hộp", 120_000, **kwargs)


def registered_on(record) -> date:
    return local_day(record.created_on)


def test_a_product_correction_records_only_the_fields_it_changes():
    product = new_product()
    day = registered_on(product)
    changes = product.correct(day, "sai chính tả", name="Chè Shan tuyết", unit="hộp")
    assert changes == {"name": "Chè Shan tuyết"}
    event = product.pending_events[-1]
    assert type(event).__name__ == "Corrected"
    assert (event.changes, event.changed_on, event.reason) == (changes, day, "sai chính tả")
    assert product.name == "Chè Shan tuyết"


def test_a_product_as_of_a_day_before_the_change_has_its_old_details():
    product = new_product()
    day = registered_on(product)
    product.correct(day + timedelta(days=3), price_vnd=150_000, group="beverage")
    before = product.details_on(day + timedelta(days=2))
    assert (before["price_vnd"], before["group"]) == (120_000, "food")
    assert product.details_on(day + timedelta(days=3))["price_vnd"] == 150_000


def test_a_correction_that_changes_nothing_is_refused():
    product = new_product()
    with pytest.raises(InvalidValue) as refused:
        product.correct(registered_on(product), name="Chè Shan tuyêt", price_vnd=120_000)
    assert refused.value.reason == "nothing_to_change"
    assert product.version == 1


def test_a_correction_dated_before_registration_is_refused():
    product = new_product()
    with pytest.raises(RuleConflict) as refused:
        product.correct(registered_on(product) - timedelta(days=1), price_vnd=1)
    assert (refused.value.reason, refused.value.field) == ("before_registration", "changed_on")


def test_a_correction_dated_before_the_latest_correction_is_refused():
    product = new_product()
    day = registered_on(product)
    product.correct(day + timedelta(days=5), price_vnd=1)
    with pytest.raises(RuleConflict) as refused:
        product.correct(day + timedelta(days=4), price_vnd=2)
    assert refused.value.reason == "before_last_correction"


def test_a_group_outside_the_products_classification_is_refused():
    product = new_product("textile")  # the 2019 set
    with pytest.raises(InvalidValue) as refused:
        product.correct(registered_on(product), group="ornamental")
    assert (refused.value.reason, refused.value.field) == ("not_in_classification", "group")


@pytest.mark.parametrize(
    "asked, field",
    [
        ({"price_vnd": -1}, "price_vnd"),
        ({"price_vnd": 10**11}, "price_vnd"),
        ({"gtin": "8934567890124"}, "gtin"),
        ({"name": "  "}, "name"),
        ({"unit": "h\x00p"}, "unit"),
        ({"name": "Mới", "reason": "x" * 1001}, "reason"),
    ],
)
def test_a_bad_value_in_a_correction_is_refused_naming_its_field(asked, field):
    product = new_product()
    with pytest.raises(InvalidValue) as refused:
        product.correct(registered_on(product), **asked)
    assert refused.value.field == field and product.version == 1


def test_a_producer_that_moved_keeps_its_old_place_before_the_move():
    producer = Producer.register("HTX Vân Hà", "cooperative", Place("Hà Nội", "Vân Hà", "Đông Anh"))
    day = registered_on(producer)
    moved = Place("Hà Nội", "Thư Lâm")
    assert producer.correct(day + timedelta(days=1), "chuyển trụ sở", place=moved) == {
        "place": moved
    }
    assert producer.details_on(day)["place"].commune == "Vân Hà"
    assert producer.place == moved


def test_a_producer_kind_must_be_known():
    producer = Producer.register("HTX Vân Hà", "cooperative", Place("Hà Nội", "Vân Hà"))
    with pytest.raises(InvalidValue) as refused:
        producer.correct(registered_on(producer), kind="partnership")
    assert refused.value.field == "kind"
