"""Corrected records in the stores: a snapshot of a corrected product or producer keeps its
corrections, and a product snapshot taken before corrections existed loads without any."""

from uuid import UUID

from domain.producer import Producer
from domain.product import Product
from marketplace.application import Marketplace


def round_trip(app: Marketplace, record):
    """The record through its snapshot, encoded and decoded as the snapshot store does."""
    stored = app.mapper.to_stored_event(type(record).Snapshot.take(record))
    return app.mapper.to_domain_event(stored).mutate(None)


def test_a_snapshot_of_a_corrected_product_and_producer_keeps_the_corrections(marketplace):
    app = marketplace
    producer_id = UUID(app.register_producer("HTX Gốm", "cooperative", "Hà Nội", "Bát Tràng")["id"])
    product_id = UUID(app.register_product(producer_id, "Bo am", "handicraft", "bộ", 1000)["id"])
    app.correct_product(product_id, name="Bộ ấm", price_vnd=1200, reason="sửa dấu")
    app.correct_producer(producer_id, province="Hà Nội", commune="Đông Anh")
    product = round_trip(app, app.get(product_id, Product))
    assert (product.name, product.corrections[0].before) == (
        "Bộ ấm",
        {"name": "Bo am", "price_vnd": 1000},
    )
    producer = round_trip(app, app.get(producer_id, Producer))
    assert producer.corrections[0].before["place"].commune == "Bát Tràng"
    assert producer.details_on(producer.corrections[0].changed_on)["place"].commune == "Đông Anh"


def test_a_product_snapshot_from_before_corrections_loads_with_none(marketplace):
    app = marketplace
    producer_id = UUID(app.register_producer("HTX Gốm", "cooperative", "Hà Nội", "Bát Tràng")["id"])
    product_id = UUID(app.register_product(producer_id, "Bộ ấm", "handicraft", "bộ", 1000)["id"])
    stored = app.mapper.to_stored_event(Product.Snapshot.take(app.get(product_id, Product)))
    state = app.mapper.transcoder.decode(stored.state)
    assert "corrections" not in state["state"]  # as the code before corrections wrote it
    product = round_trip(app, app.get(product_id, Product))
    assert product.corrections == () and product.details_on(product.created_on.date())["name"]
