"""The national data set, built through the application's own aggregates and ``app.save``.

Events, snapshots and the hash chain are written exactly as in production (``Marketplace.save``
goes through the same recorder), but many aggregates, or many events of one aggregate, go into
one save call, so the build runs at the store's batch speed rather than one command at a time.
"""

import multiprocessing
import random
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from places import all_places, districts

from domain.base import stamped
from domain.errors import DomainError
from domain.lines import ReceiptLine, SaleLine
from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from domain.values import VIETNAM_TIME
from marketplace.application import Marketplace
from marketplace.config import Settings

GROUPS = ("food", "beverage", "herbal", "handicraft", "ornamental", "tourism")
KINDS = ("cooperative", "enterprise", "cooperative_group", "household")
STOCKED_BY = datetime(2023, 12, 31, 8, tzinfo=VIETNAM_TIME)
"""Every outlet is open and stocked by then; sales history starts after it."""


@dataclass
class Shelf:
    """An outlet of the data set and the products it lists (shelf kinds) or holds (others)."""

    outlet_id: UUID
    kind: str
    products: list[UUID]
    stocked: bool


@dataclass
class National:
    """What was built: ids to sell at and how many events it took."""

    products: list[UUID] = field(default_factory=list)
    shelves: list[Shelf] = field(default_factory=list)
    events: int = 0


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def save_in_batches(app: Marketplace, aggregates: Iterable, batch: int, actor: str) -> int:
    """``app.save`` many aggregates per call, their events recorded by ``actor``; return how
    many events were recorded."""
    events, pending = 0, []
    for aggregate in aggregates:
        pending.append(aggregate)
        if len(pending) >= batch:
            events += len(save_as(app, actor, pending))
            pending = []
    if pending:
        events += len(save_as(app, actor, pending))
    return events


def save_as(app: Marketplace, actor: str, aggregates: list) -> list:
    """Save straight to the store (the bench's data comes without the door), recorded by
    ``actor``."""
    return app.save(*stamped(aggregates, actor))


def _products(rng: random.Random, places: list, producers: Sequence[UUID], count: int):
    """Products with one evaluation each: most certified, some 1–2★, some expired or revoked."""
    for n in range(count):
        product = Product.register(
            producers[n % len(producers)],
            f"Sản phẩm OCOP {n}",
            GROUPS[n % len(GROUPS)],
            "hộp",
            20_000 + 1_000 * rng.randrange(200),
        )
        certified_on = _day(rng, date(2021, 1, 1), date(2025, 10, 31))
        product.certify(rng.choice((35, 55, 65, 75, 85, 92)), certified_on, f"QĐ-{n}")
        if rng.random() < 0.02 and product.is_certified_on(certified_on + timedelta(days=200)):
            product.revoke("vi phạm chất lượng", certified_on + timedelta(days=200))
        yield product


def _outlets(
    rng: random.Random,
    places: list,
    products: Sequence[UUID],
    count: int,
    kind: str,
    per_outlet: int,
    shelves: list[Shelf],
):
    """Open outlets; shelf kinds list products; most receive stock (some none: `no_stock`)."""
    for n in range(count):
        this_kind = kind if kind == "ocop_point" else ("commercial_centre" if n % 7 == 0 else kind)
        place = places[rng.randrange(len(places))]
        opened_on = _day(rng, date(2018, 1, 1), date(2023, 6, 30))
        outlet = Outlet.open(f"{this_kind} {n}", this_kind, place, opened_on)
        chosen = rng.sample(products, per_outlet) if rng.random() > 0.03 else []
        if this_kind != "ocop_point":
            for pid in chosen:
                outlet.list_product(pid, _day(rng, opened_on, date(2023, 12, 1)), 5)
        stocked = bool(chosen) and rng.random() > 0.05
        if stocked:
            lines = [ReceiptLine(pid, 100_000, f"L{n}", None, 15_000) for pid in chosen]
            outlet.receive(lines, STOCKED_BY)
        shelves.append(Shelf(outlet.id, this_kind, chosen, stocked))
        yield outlet


def build_national(
    app: Marketplace,
    actor: str,
    rng: random.Random,
    *,
    products: int,
    supermarkets: int,
    ocop_points: int,
    listings: int,
    batch: int = 500,
    log: Callable[[str], None] = print,
) -> National:
    """Producers, products (rated), supermarkets/centres and OCOP points with listings and stock."""
    places = all_places(districts())
    national = National()
    started = time.perf_counter()
    producers = [
        Producer.register(f"HTX {n}", KINDS[n % len(KINDS)], place)
        for n, place in enumerate(rng.choice(places) for _ in range(max(1, products // 4)))
    ]
    national.events += save_in_batches(app, producers, batch * 2, actor)
    producer_ids = [p.id for p in producers]
    made = list(_products(rng, places, producer_ids, products))
    national.products = [p.id for p in made]
    national.events += save_in_batches(app, made, batch, actor)
    log(
        f"  producers and products: {national.events} events "
        f"in {time.perf_counter() - started:.1f}s"
    )
    for kind, count in (("supermarket", supermarkets), ("ocop_point", ocop_points)):
        outlets = _outlets(rng, places, national.products, count, kind, listings, national.shelves)
        national.events += save_in_batches(app, outlets, max(1, batch // 5), actor)
    log(
        f"  outlets: {len(national.shelves)}, {national.events} events in all "
        f"after {time.perf_counter() - started:.1f}s"
    )
    return national


def add_history(
    app: Marketplace,
    actor: str,
    rng: random.Random,
    shelves: Sequence[Shelf],
    sales: int,
    start: datetime,
    end: datetime,
    batch_events: int = 5000,
) -> int:
    """About ``sales`` sales spread over the stocked outlets between ``start`` and ``end``.

    Each outlet is loaded once, sold at many times (``outlet.sell``), and saved with all its
    pending events; several outlets go into one ``app.save``. Returns the events recorded.
    """
    selling = [s for s in shelves if s.stocked]
    if not selling or sales <= 0:
        return 0
    span = (end - start).total_seconds()
    per_outlet, extra = divmod(sales, len(selling))
    events, pending, pending_events = 0, [], 0
    for index, shelf in enumerate(selling):
        count = per_outlet + (1 if index < extra else 0)
        if not count:
            continue
        outlet = app.repository.get(shelf.outlet_id)
        for moment in sorted(rng.random() * span for _ in range(count)):
            lines = [
                SaleLine(pid, rng.randint(1, 3), 50_000)
                for pid in rng.sample(
                    shelf.products, min(len(shelf.products), rng.choice((1, 1, 2)))
                )
            ]
            try:
                outlet.sell(lines, start + timedelta(seconds=moment))
            except DomainError:
                continue  # out of stock: a till would refuse it too
        pending.append(outlet)
        pending_events += count
        if pending_events >= batch_events:
            events += len(save_as(app, actor, pending))
            pending, pending_events = [], 0
    if pending:
        events += len(save_as(app, actor, pending))
    return events


def _history_worker(
    database_url: str,
    actor: str,
    seed: int,
    shelves: list[Shelf],
    sales: int,
    start: datetime,
    end: datetime,
) -> int:
    app = Marketplace.from_settings(
        Settings(database_url=database_url, secret_key="bench", create_tables=False)
    )
    try:
        return add_history(app, actor, random.Random(seed), shelves, sales, start, end)
    finally:
        app.close()


def add_history_in_processes(
    database_url: str,
    actor: str,
    seed: int,
    shelves: Sequence[Shelf],
    sales: int,
    start: datetime,
    end: datetime,
    processes: int = 2,
) -> int:
    """``add_history`` split over processes, each with its own application on the same store
    and its own outlets (so they never conflict); the store serialises their inserts."""
    selling = [s for s in shelves if s.stocked]
    if processes <= 1 or len(selling) < 2 * processes:
        app = Marketplace.from_settings(
            Settings(database_url=database_url, secret_key="bench", create_tables=False)
        )
        try:
            return add_history(app, actor, random.Random(seed), selling, sales, start, end)
        finally:
            app.close()
    shards = [selling[n::processes] for n in range(processes)]
    shares = [sales * len(shard) // len(selling) for shard in shards]
    shares[0] += sales - sum(shares)
    context = multiprocessing.get_context("spawn")  # no inherited database connections
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = [
            pool.submit(_history_worker, database_url, actor, seed + n, shard, share, start, end)
            for n, (shard, share) in enumerate(zip(shards, shares))
        ]
        return sum(future.result() for future in futures)
