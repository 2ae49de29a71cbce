"""Benchmark of the read side (not a test): catch-up rate and coverage latency.

Prints, measured in the same run on the same store:
- the projections' catch-up rate from zero in events/s, next to the eventsourcing library's own
  read-and-decode rate over the same log (the baseline), and their ratio;
- coverage query latency (p50/p99) with 1x history, then again after 10x as much sales
  history, to show the query does not grow with the length of the history.

Usage: python bench/read_side.py [--outlets 200] [--sales-per-outlet 30] [--queries 200]
(OCOP_DATABASE_URL chooses the store; by default a fresh SQLite file in a temp directory.)
"""

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from uuid import UUID

from domain.values import VIETNAM_TIME
from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.demo.data import HANOI, HANOI_DISTRICTS
from marketplace.read_store import build_read_models
from projections.queries.coverage import coverage


def build_shelves(app: Marketplace, rng: random.Random, outlets: int) -> list[tuple[UUID, list]]:
    """Certified products listed and stocked at supermarkets across Hanoi's districts."""
    producer = UUID(
        app.register_producer("HTX Bench", "cooperative", HANOI, "Vân Hà", "Đông Anh")["id"]
    )
    products = []
    for n in range(max(20, outlets // 2)):
        pid = UUID(app.register_product(producer, f"Sản phẩm {n}", "food", "kg", 50_000)["id"])
        app.certify(
            pid,
            rng.randint(50, 95),
            date(2022, 1, 1) + timedelta(days=rng.randrange(900)),
            f"B-{n}",
        )
        products.append(pid)
    shelves = []
    districts = sorted(HANOI_DISTRICTS)
    for n in range(outlets):
        district = districts[n % len(districts)]
        outlet = UUID(
            app.open_outlet(
                f"Siêu thị {n}",
                "supermarket",
                HANOI,
                HANOI_DISTRICTS[district][0],
                date(2021, 1, 1),
                district,
            )["id"]
        )
        chosen = rng.sample(products, 8)
        for pid in chosen:
            app.list_product(outlet, pid, date(2023, 1, 1))
        shelves.append((outlet, chosen))
    return shelves


def add_history(
    app: Marketplace, rng: random.Random, shelves, sales_per_outlet: int, start: datetime
) -> int:
    """Receipts and sales at every outlet; returns how many events were recorded."""
    events = 0
    for outlet, chosen in shelves:
        at = start
        app.receive_stock(
            outlet,
            [{"product_id": p, "qty": sales_per_outlet * 3, "lot": f"{at:%y%m%d}"} for p in chosen],
            at,
        )
        for _ in range(sales_per_outlet):
            at += timedelta(hours=rng.randint(1, 30))
            app.sell(
                outlet, [{"product_id": rng.choice(chosen), "qty": 1, "unit_price_vnd": 50_000}], at
            )
        events += 1 + sales_per_outlet
    return events


def read_and_decode_rate(app: Marketplace) -> tuple[int, float]:
    """The library alone: page through the notification log and decode every event."""
    started, count, position = time.perf_counter(), 0, 0
    while batch := app.recorder.select_notifications(
        start=position, limit=1000, inclusive_of_start=False
    ):
        for notification in batch:
            app.mapper.to_domain_event(notification)
        count += len(batch)
        position = batch[-1].id
    return count, count / (time.perf_counter() - started)


def catch_up_rate(app: Marketplace, settings: Settings) -> float:
    """The projections from zero: drop every view, then catch up."""
    read = build_read_models(app, settings)
    for view in read.views.all():
        view.metadata.drop_all(read.runner.engine)
    with read.runner.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM projection_positions")
    read.runner.create_tables()
    started = time.perf_counter()
    applied = read.runner.catch_up()
    rate = applied / (time.perf_counter() - started)
    read.close()
    return rate


def coverage_latency(
    app: Marketplace, settings: Settings, queries: int, rng: random.Random
) -> dict:
    read = build_read_models(app, settings)
    read.refresh()
    samples = []
    for _ in range(queries):
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(1200))
        started = time.perf_counter()
        read.ask(coverage, day, by="district")
        samples.append((time.perf_counter() - started) * 1000)
    read.close()
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=200)
    parser.add_argument("--sales-per-outlet", type=int, default=30)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", default="bench/results-read-side.json")
    args = parser.parse_args()
    url = os.environ.get("OCOP_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    settings = Settings(database_url=url, secret_key="bench")
    app, rng = Marketplace.from_settings(settings), random.Random(7)
    print(f"store: {url}")
    shelves = build_shelves(app, rng, args.outlets)
    add_history(
        app, rng, shelves, args.sales_per_outlet, datetime(2023, 2, 1, 8, tzinfo=VIETNAM_TIME)
    )
    results = {"store": url.split(":")[0], "outlets": args.outlets}
    results["coverage_1x"] = coverage_latency(app, settings, args.queries, rng)
    add_history(
        app, rng, shelves, args.sales_per_outlet * 9, datetime(2024, 2, 1, 8, tzinfo=VIETNAM_TIME)
    )
    results["coverage_10x"] = coverage_latency(app, settings, args.queries, rng)
    events, baseline = read_and_decode_rate(app)
    rate = catch_up_rate(app, settings)
    results |= {
        "events": events,
        "read_and_decode_per_s": round(baseline),
        "catch_up_per_s": round(rate),
        "catch_up_ratio": round(rate / baseline, 3),
    }
    print(f"events in the log:                 {events}")
    print(f"library read-and-decode (baseline): {baseline:10.0f} events/s")
    print(
        f"projection catch-up from zero:      {rate:10.0f} events/s   ratio {rate / baseline:.3f}"
    )
    for label in ("coverage_1x", "coverage_10x"):
        print(
            f"{label:<13} p50 {results[label]['p50_ms']:7.2f} ms  p99 {results[label]['p99_ms']:7.2f} ms"
        )
    ratio = results["coverage_10x"]["p50_ms"] / results["coverage_1x"]["p50_ms"]
    print(f"coverage p50 at 10x history / at 1x: {ratio:.2f}")
    with open(args.json, "w") as out:
        json.dump(results, out, indent=2)
    app.close()


if __name__ == "__main__":
    main()
