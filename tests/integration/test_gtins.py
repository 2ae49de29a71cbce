"""One GTIN, one product: held in a side table written with the product's Registered event."""

from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError

from domain.product import Product
from marketplace.errors import GtinTaken
from marketplace.persistence import SideRows
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
    assert marketplace.recorder.select_gtin_holder(HONEY) == str(older.id)
    assert marketplace.claim_registered_gtins() == 0
    with pytest.raises(GtinTaken):
        marketplace.register_product(producer, "Mật ong mới", "food", "hũ", 1, HONEY)
