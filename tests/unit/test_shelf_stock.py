"""Sellable stock day by day (projections/shelf_stock.py), in memory: each movement counts on the
days its lot can be sold, by the domain's own rule, whatever order the movements come in."""

import random
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise, permutations
from uuid import uuid4

from sqlalchemy import MetaData

from domain.stock import StockLot
from projections.movements import LotMovement
from projections.shelf_stock import ShelfLots, StockIntervals, first_unsellable_day
from projections.shelves import ShelvesView

OUTLET, PRODUCT = uuid4(), uuid4()
FIRST = date(2025, 3, 1)


def test_a_lot_stops_counting_on_the_first_day_the_domain_will_not_sell_it():
    expires = date(2025, 3, 20)
    first = first_unsellable_day(expires)
    for offset in range(-3, 4):
        day = expires + timedelta(days=offset)
        assert StockLot(1, expires).sellable_on(day) == (day < first), day
    assert first_unsellable_day(None) is None


def intervals() -> StockIntervals:
    return StockIntervals(ShelvesView().define_tables(MetaData(), "").stock)


def sellable_by_day(stock: StockIntervals, days: int = 40) -> list[int]:
    rows = stock.by_pair.get((OUTLET, PRODUCT), [])
    answer = []
    for n in range(days):
        day = FIRST + timedelta(days=n)
        covering = [r["sellable"] for r in rows if r["from_day"] <= day]
        answer.append(covering[-1] if covering else 0)
    return answer


def test_the_intervals_equal_a_day_by_day_sum_whatever_the_order_of_the_movements():
    moves = [(0, 5, 19), (2, 3, None), (4, -2, 19), (25, -3, 19), (1, 4, 0), (10, -1, None)]
    expected = [
        sum(delta for start, delta, last in moves if start <= n and (last is None or n <= last))
        for n in range(40)
    ]
    for order in list(permutations(moves))[::97]:
        stock = intervals()
        for start, delta, last in order:
            until = None if last is None else first_unsellable_day(FIRST + timedelta(days=last))
            stock.add(OUTLET, PRODUCT, FIRST + timedelta(days=start), delta, until)
        assert sellable_by_day(stock) == expected, order
        rows = stock.by_pair[OUTLET, PRODUCT]
        assert all(a["to_day"] == b["from_day"] for a, b in pairwise(rows))
        assert rows[-1]["to_day"] is None


def movement(
    delta: int, lot: str, expires_on: date | None = None, counted: bool = False
) -> LotMovement:
    at = datetime(2025, 3, 1, 9, tzinfo=timezone(timedelta(hours=7)))
    return LotMovement(OUTLET, PRODUCT, lot, delta, at, expires_on, counted=counted)


def test_a_movement_naming_no_expiry_takes_the_lots_last_known_one():
    lots = ShelfLots(ShelvesView().define_tables(MetaData(), "").lots)
    expires = date(2025, 3, 20)
    assert lots.move(movement(5, "A", expires)) == [(5, expires)]
    assert lots.move(movement(2, "A")) == [(2, expires)]  # received again without an expiry
    assert lots.move(movement(-7, "A", counted=True)) == [(-7, expires)]  # a count to zero
    assert lots.move(movement(1, "A", counted=True)) == [(1, expires)]  # found again: that lot
    assert lots.move(movement(3, "B")) == [(3, None)]
    assert lots.move(movement(-1, "A")) == [(-1, expires)]
    later = date(2025, 9, 1)  # an empty lot code reused with another expiry moves nothing else
    assert lots.move(movement(4, "A", later)) == [(4, later)]
    assert lots.move(movement(-4, "A")) == [(-4, later)]
    # Emptied and forgotten by the outlet, the code comes back as a new lot with no expiry.
    assert lots.move(movement(2, "A")) == [(2, None)]


def test_a_lot_re_dated_by_older_code_moves_its_held_units_to_the_new_expiry():
    lots = ShelfLots(ShelvesView().define_tables(MetaData(), "").lots)
    old, new = date(2025, 3, 10), date(2025, 6, 30)
    lots.move(movement(4, "A", old))
    assert lots.move(movement(1, "A", new)) == [(1, new), (-4, old), (4, new)]
    assert lots.move(movement(-5, "A", new)) == [(-5, new)]


def test_random_movements_never_leave_a_day_below_zero_when_each_lot_stays_at_or_above_zero():
    rng = random.Random(7)
    for _ in range(50):
        stock, held = intervals(), {}
        for _ in range(12):
            lot = rng.choice("ABC")
            last = {"A": 9, "B": 20, "C": None}[lot]
            delta = rng.randint(1, 4) if held.get(lot, 0) == 0 or rng.random() < 0.5 else -1
            held[lot] = held.get(lot, 0) + delta
            until = None if last is None else first_unsellable_day(FIRST + timedelta(days=last))
            stock.add(OUTLET, PRODUCT, FIRST + timedelta(days=rng.randrange(3)), delta, until)
        assert min(sellable_by_day(stock)[3:]) >= 0
