"""Whatever the domain accepts, the read models store: the largest prices and quantities and long
texts never stop the projector (a refused row would block every event after it)."""

from datetime import date
from uuid import UUID

from domain.values import MAX_QUANTITY, MAX_VND
from projections.queries.catalogue import catalogue
from projections.queries.inventory import outlet_inventory
from tests.integration.conftest import moment


def test_the_largest_price_and_stock_and_long_texts_are_projected(marketplace, read_models):
    app, long_text = marketplace, "Làng nghề truyền thống " * 40  # 920 characters
    producer = UUID(app.register_producer(long_text, "cooperative", "Hà Nội", "Bát Tràng")["id"])
    product = UUID(app.register_product(producer, long_text, "food", long_text, MAX_VND)["id"])
    app.certify(product, 80, date(2025, 1, 2), long_text)
    outlet = UUID(
        app.open_outlet(long_text, "ocop_point", "Hà Nội", "Bát Tràng", date(2024, 1, 1))["id"]
    )
    line = {"product_id": product, "qty": MAX_QUANTITY, "lot": long_text, "unit_cost_vnd": MAX_VND}
    for day in (1, 2, 3):  # on hand beyond a 32-bit integer's reach at these prices and costs
        app.receive_stock(outlet, [line], moment(day))
    app.sell(outlet, [{"product_id": product, "qty": MAX_QUANTITY, "unit_price_vnd": MAX_VND}])

    read_models.refresh()

    found = read_models.ask(catalogue, date(2025, 3, 10), product_id=product)["items"]
    assert found[0]["price_vnd"] == MAX_VND and found[0]["name"] == long_text.strip()
    stock = read_models.ask(outlet_inventory, outlet)
    assert sum(item["on_hand"] for item in stock["items"]) == 2 * MAX_QUANTITY
