"""Listing, delisting and relisting on one day, in one batch or across batches, on both stores:
the views apply every sequence the domain accepts, and a product counts as listed on day D when
it is listed at the end of D (as stock on D is the stock at the end of D)."""

from datetime import date, timedelta
from uuid import UUID

import pytest
from sqlalchemy import select

from projections.queries.catalogue import catalogue
from projections.queries.coverage import coverage
from projections.queries.targets import targets
from projections.rebuild import rebuild
from tests.integration.conftest import moment
from tests.oracles.coverage import reference_coverage

DAY = date(2025, 3, 10)  # the shelf fixture lists on 2025-01-02 and stocks 10 on 2025-03-01


def shuffle_listing(app, read_models, shelf, steps: list[str], batches: bool) -> None:
    """Delist and relist on DAY as ``steps`` says, each step in its own batch or all in one."""
    for step in steps:
        if step == "delist":
            app.delist_product(shelf["outlet"], shelf["product"], DAY)
        else:
            app.list_product(shelf["outlet"], shelf["product"], DAY)
        if batches:
            assert read_models.refresh() == 0
    assert read_models.refresh() == 0


def reason_on(read_models, day: date) -> str | None:
    answer = read_models.ask(coverage, day)
    assert answer == read_models.ask(reference_coverage, day)
    assert answer["total"] == 1
    return answer["not_selling"][0]["reason"] if answer["not_selling"] else None


def t6_on(read_models, day: date) -> int:
    answer = read_models.ask(targets, "Hà Nội", day.year, day)
    t6 = next(t for t in answer["targets"] if t["id"] == "T6")
    return t6["detail"]["producers_in_modern_channels"]


@pytest.mark.parametrize("batches", [False, True], ids=["one batch", "batch by batch"])
def test_relisting_on_the_day_of_delisting_keeps_every_read_working(
    marketplace, read_models, shelf, batches
):
    # Listed since January: delisted on DAY, listed again, delisted and listed once more.
    shuffle_listing(marketplace, read_models, shelf, ["delist", "list", "delist", "list"], batches)
    for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
        assert reason_on(read_models, day) is None, day
        assert t6_on(read_models, day) == 1
    found = read_models.ask(catalogue, DAY, text="Rượu")["items"]
    assert found[0]["listed_at"] == [str(shelf["outlet"])]
    assert found[0]["in_stock_at"] == [str(shelf["outlet"])]
    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 10, "unit_price_vnd": 1}],
        moment(12),
    )
    assert read_models.refresh() == 0
    assert reason_on(read_models, date(2025, 3, 12)) == "no_stock"


@pytest.mark.parametrize("batches", [False, True], ids=["one batch", "batch by batch"])
def test_listing_and_delisting_several_times_in_a_day_counts_what_stands_at_its_end(
    marketplace, read_models, shelf, batches
):
    shuffle_listing(
        marketplace, read_models, shelf, ["delist", "list", "delist", "list", "delist"], batches
    )
    assert reason_on(read_models, DAY - timedelta(days=1)) is None
    assert reason_on(read_models, DAY) == "not_listed"
    assert t6_on(read_models, DAY) == 0 and t6_on(read_models, DAY - timedelta(days=1)) == 1
    assert read_models.ask(catalogue, DAY, text="Rượu")["items"][0]["listed_at"] == []
    marketplace.list_product(shelf["outlet"], shelf["product"], DAY)
    assert read_models.refresh() == 0
    assert reason_on(read_models, DAY) is None
    assert reason_on(read_models, DAY + timedelta(days=400)) is None


def test_a_product_listed_and_delisted_on_one_day_was_never_listed_at_a_day_end(
    marketplace, read_models, shelf
):
    other = UUID(
        marketplace.register_product(shelf["producer"], "Rượu nếp", "beverage", "chai", 1)["id"]
    )
    shop = UUID(
        marketplace.open_outlet(
            "Co.op Đông Anh", "supermarket", "Hà Nội", "Uy Nỗ", date(2020, 1, 1), "Đông Anh"
        )["id"]
    )
    marketplace.list_product(shop, other, DAY)
    marketplace.delist_product(shop, other, DAY)
    assert read_models.refresh() == 0
    answer = read_models.ask(coverage, DAY)
    assert answer == read_models.ask(reference_coverage, DAY)
    assert {r["outlet_id"]: r["reason"] for r in answer["not_selling"]} == {str(shop): "not_listed"}


def test_a_rebuild_after_relisting_on_one_day_equals_the_live_views(
    marketplace, read_models, shelf
):
    shuffle_listing(marketplace, read_models, shelf, ["delist", "list", "delist", "list"], True)
    before = {
        name: view_rows(read_models, name) for name in ("shelves", "inventory", "coverage_status")
    }
    for name, rows in before.items():
        rebuild(read_models.runner, read_models.views, name)
        assert view_rows(read_models, name) == rows, name
    assert reason_on(read_models, DAY) is None


def view_rows(read_models, name: str) -> dict[str, list]:
    view = getattr(read_models.views, name)
    with read_models.read_engine.connect() as conn:
        return {
            t.name: sorted(tuple(str(v) for v in row) for row in conn.execute(select(t)))
            for t in view.metadata.sorted_tables
        }
