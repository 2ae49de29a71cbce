"""A busy outlet: recording a sale reads a bounded number of events, however long the history."""

from datetime import date, datetime, timedelta
from uuid import UUID

from marketplace.application import SNAPSHOT_INTERVAL, Marketplace
from tests.integration.conftest import ICT


class EventReadCounter:
    """Counts stored events and snapshots an application reads."""

    def __init__(self, app: Marketplace) -> None:
        self.rows = 0
        for recorder in (app.events.recorder, app.snapshots.recorder):
            recorder.select_events = self._counting(recorder.select_events)

    def _counting(self, select):
        def counted(*args, **kwargs):
            rows = select(*args, **kwargs)
            self.rows += len(rows)
            return rows

        return counted


def busy_outlet(app: Marketplace, sales: int) -> tuple[UUID, UUID]:
    outlet = UUID(
        app.open_outlet(
            "Điểm OCOP Hoàn Kiếm", "ocop_point", "Hà Nội", "Hàng Bạc", date(2020, 1, 1), "Hoàn Kiếm"
        )["id"]
    )
    producer = UUID(app.register_producer("HTX", "cooperative", "Hà Nội", "Vân Hà")["id"])
    product = UUID(app.register_product(producer, "Trà sen", "beverage", "hộp", 1)["id"])
    start = datetime(2024, 1, 1, 8, tzinfo=ICT)
    app.receive_stock(outlet, [{"product_id": product, "qty": sales + 10}], start)
    for n in range(sales):
        line = [{"product_id": product, "qty": 1, "unit_price_vnd": 1}]
        app.sell(outlet, line, start + timedelta(minutes=n + 1))
    return outlet, product


def test_a_sale_reads_at_most_one_snapshot_interval_of_events(marketplace, settings):
    outlet, product = busy_outlet(marketplace, sales=3 * SNAPSHOT_INTERVAL + 17)
    fresh = Marketplace.from_settings(settings)  # another worker: nothing cached
    counter = EventReadCounter(fresh)
    line = [{"product_id": product, "qty": 1, "unit_price_vnd": 1}]
    fresh.sell(outlet, line, datetime(2025, 1, 1, tzinfo=ICT))
    # One snapshot plus the events since it (the new sale may also trigger a snapshot).
    assert counter.rows <= 2 * (SNAPSHOT_INTERVAL + 1)
    assert fresh.outlet(outlet)["stock"][0]["on_hand"] == 10 - 1
    fresh.close()


def test_a_cached_outlet_reads_only_the_events_it_has_not_seen(marketplace):
    outlet, product = busy_outlet(marketplace, sales=SNAPSHOT_INTERVAL // 2)
    counter = EventReadCounter(marketplace)
    for minute in range(5):
        line = [{"product_id": product, "qty": 1, "unit_price_vnd": 1}]
        marketplace.sell(outlet, line, datetime(2025, 1, 1, 9, minute, tzinfo=ICT))
    assert counter.rows <= 5


def test_an_outlet_as_recorded_at_an_old_version_is_rebuilt_from_the_nearest_snapshot(
    marketplace, settings
):
    outlet, _ = busy_outlet(marketplace, sales=3 * SNAPSHOT_INTERVAL + 17)
    fresh = Marketplace.from_settings(settings)
    counter = EventReadCounter(fresh)
    shown = fresh.outlet(outlet, as_of_version=2 * SNAPSHOT_INTERVAL + 50)
    assert shown["version"] == 2 * SNAPSHOT_INTERVAL + 50
    # The current version (one read), the snapshot at 200 and the 50 events after it.
    assert counter.rows <= 1 + 1 + SNAPSHOT_INTERVAL
    fresh.close()
