"""One GTIN, one product: held in a side table written with the product's Registered event."""

from datetime import date
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError

from domain.product import Product
from marketplace.application import Marketplace
from marketplace.errors import GtinTaken
from marketplace.persistence import SideRows
from projections.queries.counter import find_stocked
from tests.integration.conftest import count_events

HONEY = "8936000000035"


@pytest.fixture
def producer(marketplace) -> UUID:
    return UUID(marketplace.register_producer("HTX", "cooperative", "Hà Nội", "Vân Hà")["id"])


def test_the_store_refuses_a_second_save_that_claims_a_held_gtin(marketplace, producer):
    first = Product.register(producer, "Mật ong", "food", "hũ", 1, HONEY)
    marketplace.save(first, side_rows=SideRows(gtin=(HONEY, str(first.id))))
    second = Product.register(producer, "Mật ong rừng", "food", "hũ", 1, HONEY)
    before = count_events(marketplace)
    with pytest.raises(IntegrityError):
        marketplace.save(second, side_rows=SideRows(gtin=(HONEY, str(second.id))))
    assert count_events(marketplace) == before
    assert marketplace.recorder.select_gtin_holder(HONEY) == str(first.id)


def test_registering_a_held_gtin_is_refused_naming_gtin(marketplace, producer):
    held = marketplace.register_product(producer, "Mật ong", "food", "hũ", 1, HONEY)["id"]
    with pytest.raises(GtinTaken) as refused:
        marketplace.register_product(producer, "Mật ong rừng", "food", "hũ", 1, HONEY)
    assert refused.value.field == "gtin" and held in refused.value.message


def test_init_holds_the_gtins_of_products_registered_before_the_table(marketplace, producer):
    # Products saved as an earlier version did: their events only, no side row.
    older = Product.register(producer, "Mật ong", "food", "hũ", 1, HONEY)
    copy = Product.register(producer, "Mật ong (trùng)", "food", "hũ", 1, HONEY)
    plain = Product.register(producer, "Chè", "food", "hộp", 1)
    marketplace.save(older)
    marketplace.save(copy)
    marketplace.save(plain)
    assert marketplace.claim_registered_gtins() == 1
    assert marketplace.gtin_holder(HONEY) == str(older.id)
    assert marketplace.claim_registered_gtins() == 0
    with pytest.raises(GtinTaken):
        marketplace.register_product(producer, "Mật ong mới", "food", "hũ", 1, HONEY)


def test_a_gtin_held_in_a_shorter_form_is_rewritten_to_14_digits_when_tables_are_made(
    marketplace, producer, settings
):
    """A store from before GTINs were held in 14 digits: its rows are rewritten on start, and
    two rows that are one GTIN are left as they are (both products keep refusing it)."""
    older = Product.register(producer, "Mật ong", "food", "hũ", 1, HONEY)
    marketplace.save(older, side_rows=SideRows(gtin=(HONEY, str(older.id))))
    eight, its_13 = "12345670", "0000012345670"
    a = Product.register(producer, "Bánh", "food", "hộp", 1, eight)
    b = Product.register(producer, "Bánh (trùng)", "food", "hộp", 1, its_13)
    marketplace.save(a, side_rows=SideRows(gtin=(eight, str(a.id))))
    marketplace.save(b, side_rows=SideRows(gtin=(its_13, str(b.id))))
    again = Marketplace.from_settings(settings)
    try:
        assert again.recorder.select_gtin_holder("0" + HONEY) == str(older.id)
        assert again.recorder.select_gtin_holder(HONEY) is None
        assert again.recorder.select_gtin_holder(eight) == str(a.id)
        assert again.recorder.select_gtin_holder(its_13) == str(b.id)
        with pytest.raises(GtinTaken):
            again.register_product(producer, "Mật ong mới", "food", "hũ", 1, HONEY)
    finally:
        again.close()


def test_the_counter_finds_a_stocked_product_by_either_form_of_its_gtin(
    marketplace, producer, read_models
):
    product = UUID(marketplace.register_product(producer, "Mật ong", "food", "hũ", 1, HONEY)["id"])
    outlet = UUID(
        marketplace.open_outlet("Điểm OCOP", "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1))[
            "id"
        ]
    )
    marketplace.receive_stock(outlet, [{"product_id": product, "qty": 3, "lot": "M1"}])
    read_models.refresh()
    for scanned in (HONEY, "0" + HONEY):
        found = read_models.ask(find_stocked, outlet, scanned, date(2030, 1, 1))
        assert [p["id"] for p in found] == [product], scanned
