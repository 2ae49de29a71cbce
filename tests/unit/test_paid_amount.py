"""What the customer paid for a sale (khách đưa): kept on the Sold event when said, never less
than the total; a Sold event stored before the field existed still replays."""

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate

from domain.errors import InvalidValue
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.values import MAX_PAID_VND, Place

ICT = timezone(timedelta(hours=7))


@pytest.fixture
def shop():
    o = Outlet.open(
        "Điểm OCOP Đông Anh", "ocop_point", Place("Hà Nội", "Uy Nỗ", "Đông Anh"), date(2024, 1, 1)
    )
    product = uuid4()
    o.receive([ReceiptLine(product, 10)], datetime(2024, 3, 1, 9, tzinfo=ICT))
    return o, product


def sell(o, product, paid):
    return o.sell([SaleLine(product, 2, 85_000)], datetime(2024, 3, 2, 9, tzinfo=ICT), paid)


def test_the_paid_amount_is_kept_on_the_sold_event(shop):
    o, product = shop
    sell(o, product, 200_000)
    assert o.collect_events()[-1].paid_vnd == 200_000


def test_a_sale_without_a_paid_amount_stores_none(shop):
    o, product = shop
    sell(o, product, None)
    assert o.collect_events()[-1].paid_vnd is None


@pytest.mark.parametrize("paid", [169_999, -1, 0])
def test_paying_less_than_the_total_is_refused_naming_paid_vnd(shop, paid):
    o, product = shop
    version = o.version
    with pytest.raises(InvalidValue) as refused:
        sell(o, product, paid)
    assert refused.value.field == "paid_vnd"
    assert o.version == version and o.on_hand(product) == 10


@pytest.mark.parametrize("paid", [True, 170_000.0, "170000", MAX_PAID_VND + 1])
def test_a_paid_amount_that_is_not_whole_vnd_is_refused(shop, paid):
    o, product = shop
    with pytest.raises(InvalidValue) as refused:
        sell(o, product, paid)
    assert refused.value.field == "paid_vnd"


def test_a_sold_event_stored_without_paid_vnd_replays(shop):
    """The shape of a sale recorded before the field existed: the event has no paid_vnd."""
    o, product = shop
    sell(o, product, 200_000)
    events = o.collect_events()
    old = events[-1]
    del old.__dict__["paid_vnd"]
    replayed: Aggregate | None = None
    for event in events:
        replayed = event.mutate(replayed)
    assert replayed.on_hand(product) == 8
