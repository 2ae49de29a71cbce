"""The projection runner on both stores: exactly once, resumable, rebuildable."""

from datetime import date

import pytest
from sqlalchemy import select

from projections.rebuild import rebuild
from projections.runner import Runner
from tests.integration.conftest import moment


def table_rows(read_models, table) -> list[tuple]:
    with read_models.read_engine.connect() as conn:
        return sorted(tuple(str(v) for v in row) for row in conn.execute(select(table)))


def all_rows(read_models) -> dict[str, list[tuple]]:
    return {
        t.name: table_rows(read_models, t)
        for view in read_models.views.all()
        for t in view.metadata.sorted_tables
    }


def trade(app, shelf, days: int) -> None:
    for day in range(2, 2 + days):
        app.sell(
            shelf["outlet"],
            [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
            moment(day),
        )


def test_catch_up_applies_every_event_once_and_then_has_nothing_to_do(
    marketplace, shelf, read_models
):
    trade(marketplace, shelf, 3)
    assert read_models.refresh() == 0
    assert read_models.runner.catch_up() == 0
    sold = table_rows(read_models, read_models.views.sales.t.lines)
    assert len(sold) == 3


class Crash(BaseException):
    """The process dying mid-batch (as KeyboardInterrupt or SystemExit would): not a view's
    failure to apply an event, which stops that view alone (test_view_containment.py)."""


def reset(read_models) -> None:
    """Drop every view and its position, as if the read side were new."""
    for view in read_models.views.all():
        view.metadata.drop_all(read_models.runner.engine)
    with read_models.runner.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM projection_positions")
    read_models.runner.create_tables()


def test_a_runner_that_dies_mid_batch_resumes_with_nothing_applied_twice_or_skipped(
    marketplace, shelf, read_models
):
    trade(marketplace, shelf, 4)
    read_models.refresh()
    reference = all_rows(read_models)
    reset(read_models)

    sales_view = read_models.views.sales
    healthy = type(sales_view).handlers
    applied = []

    def third_sale_crashes(view, conn, event, position):
        applied.append(position)
        if len(applied) == 3:
            raise Crash  # inside the batch's transaction: rows and positions roll back together
        healthy["Outlet.Sold"](view, conn, event, position)

    sales_view.handlers = {**healthy, "Outlet.Sold": third_sale_crashes}
    runner = Runner(
        read_models.runner.engine,
        marketplace.recorder,
        marketplace.mapper.to_domain_event,
        read_models.views.all(),
        batch_size=4,
    )
    with pytest.raises(Crash):
        runner.catch_up()
    assert 0 < min(runner.positions().values()) < marketplace.recorder.max_notification_id()
    sales_view.handlers = healthy  # the process restarts, healthy
    runner.catch_up()
    assert all_rows(read_models) == reference


def test_a_rebuilt_view_equals_the_live_one_row_for_row(marketplace, shelf, read_models):
    trade(marketplace, shelf, 5)
    marketplace.count_stock(
        shelf["outlet"], shelf["product"], 3, "count", lot="A", counted_at=moment(9)
    )
    read_models.refresh()
    before = all_rows(read_models)
    reached = []
    for name in ("register", "shelves", "inventory", "sales", "programme"):
        rebuild(
            read_models.runner, read_models.views, name, progress=lambda p, h: reached.append(p)
        )
    assert all_rows(read_models) == before
    assert reached and read_models.runner.lag() == 0
    # The live runner carries on into the swapped-in tables.
    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(10),
    )
    read_models.refresh()
    assert len(table_rows(read_models, read_models.views.sales.t.lines)) == 6


def test_stock_intervals_stay_right_when_a_sale_is_recorded_late(marketplace, shelf, read_models):
    from projections.queries.coverage import coverage

    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 10, "unit_price_vnd": 9}],
        moment(5),
    )
    read_models.refresh()
    assert read_models.ask(coverage, date(2025, 3, 4))["selling"] == 1
    assert read_models.ask(coverage, date(2025, 3, 5))["not_selling"][0]["reason"] == "no_stock"
    stock = read_models.views.shelves.t.stock
    with read_models.read_engine.connect() as conn:
        days = conn.execute(
            select(stock.c.from_day, stock.c.sellable).order_by(stock.c.from_day)
        ).all()
    assert [(d.isoformat(), q) for d, q in days] == [("2025-03-01", 10), ("2025-03-05", 0)]
