"""Probe of the coverage query at national scale (a script, not a test; minutes, not the 11 of
``make bench``).

It fills the read-model tables directly (no events): 20,000 products with their evaluations
(re-ratings, revocations, 1-2 star ratings, lapsing certificates), 5,000 supermarkets and
commercial centres with 8 listings each and 2,000 OCOP points, and end-of-day stock intervals
per listing for the 1x sales history of ``bench/national.py`` (2024), then 9x more (2025-26).
The coverage status timeline is computed by the view's own recomputation, timed.

Measured in the same run, at 1x and at 10x history, coverage(by="district") on random days
between 2023-06-01 and 2026-10-31 (as ``bench/national.py`` asks it), p50/p99 in ms:
- ``timeline``: the answer today (one seek per outlet in the status timeline);
- ``per_listing``: the previous query (a stock seek per listing and an evaluations join), as
  the tables stood after the bulk load (not analysed), then after ANALYZE.
Every timed day's two answers are compared, so the probe also checks they agree.

Usage: python bench/probe_coverage.py [--queries 200] [--sqlite] [--keep-db]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' reference coverage

from sqlalchemy import create_engine, insert, select, text

from domain.product import Evaluation, stars_for_score
from projections.queries.coverage import coverage
from projections.views import Views
from tests.oracles.coverage import reference_coverage

FIRST_DAY, LAST_DAY = date(2023, 6, 1), date(2026, 10, 31)
PROVINCES = 34
DISTRICTS_PER_PROVINCE = 12


def uid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


def day_in(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def build(conn, views: Views, rng: random.Random, args) -> dict:
    """Products, evaluations, outlets and listings; returns the listing pairs by outlet."""
    reg, sh = views.register.t, views.shelves.t
    products, evaluations = [], []
    for n in range(args.products):
        pid = uid(rng)
        products.append(pid)
        day = day_in(rng, date(2020, 6, 1), date(2024, 6, 30))
        rows = []
        while day <= date(2026, 10, 31) and len(rows) < 3:
            score = rng.choice((25, 45, 55, 65, 72, 80, 88, 93))
            ev = Evaluation(score, stars_for_score(score), day, f"C{n}-{len(rows)}")
            rows.append(
                {
                    "product_id": pid,
                    "certificate_no": ev.certificate_no,
                    "score": score,
                    "stars": ev.stars,
                    "certified_on": day,
                    "valid_until": ev.valid_until,
                    "superseded_on": None,
                    "revoked_on": None,
                    "revoke_reason": None,
                }
            )
            if rng.random() < 0.03:
                rows[-1]["revoked_on"] = day_in(rng, day, ev.valid_until)
                rows[-1]["revoke_reason"] = "probe"
            if rng.random() < 0.6:
                break  # no re-rating: it lapses after 36 months
            nxt = day + timedelta(days=rng.randint(300, 1200))
            rows[-1]["superseded_on"] = nxt
            day = nxt
        if rows[-1]["superseded_on"] and rows[-1]["superseded_on"] > date(2026, 10, 31):
            rows[-1]["superseded_on"] = None
        evaluations.extend(rows)
    outlets, listings, pairs = [], [], {}
    for n in range(args.supermarkets + args.ocop_points):
        oid = uid(rng)
        province = rng.randrange(PROVINCES)
        district = rng.randrange(DISTRICTS_PER_PROVINCE)
        shelf = n < args.supermarkets
        kind = ("supermarket" if n % 10 else "commercial_centre") if shelf else "ocop_point"
        outlets.append(
            {
                "id": oid,
                "name": f"Outlet {n:05d}",
                "kind": kind,
                "province": f"Tỉnh {province:02d}",
                "district": f"Huyện {province:02d}-{district:02d}",
                "commune": f"Xã {province:02d}-{district:02d}-{rng.randrange(8)}",
                "opened_on": day_in(rng, date(2019, 1, 1), date(2024, 6, 30)),
                "closed_on": day_in(rng, date(2024, 1, 1), date(2026, 10, 31))
                if rng.random() < 0.03
                else None,
            }
        )
        if not shelf:
            continue
        chosen = rng.sample(products, args.listings)
        pairs[oid] = chosen
        for pid in chosen:
            delisted = (
                day_in(rng, date(2024, 1, 1), date(2026, 10, 31)) if rng.random() < 0.05 else None
            )
            listings.append(
                {
                    "outlet_id": oid,
                    "product_id": pid,
                    "listed_on": day_in(rng, date(2023, 1, 1), date(2023, 12, 31)),
                    "listed_version": 1,
                    "delisted_on": delisted,
                }
            )
    for table, rows in (
        (reg.evaluations, evaluations),
        (reg.outlets, outlets),
        (reg.outlet_places, [_first_place(o) for o in outlets]),  # reports join the day's place
        (sh.listings, listings),
        (
            views.coverage_status.t.listers,
            [{"product_id": l["product_id"], "outlet_id": l["outlet_id"]} for l in listings],
        ),
    ):
        for start in range(0, len(rows), 5000):
            conn.execute(insert(table), rows[start : start + 5000])
    return pairs


def add_stock(
    conn,
    views: Views,
    rng: random.Random,
    pairs: dict,
    first: date,
    last: date,
    moves_per_pair: float,
    on_hand: dict,
) -> int:
    """End-of-day stock intervals: a few sale or receipt days per listing between first and
    last, contiguous per pair (the open interval of an earlier history is closed by the caller)."""
    t = views.shelves.t.stock
    rows = []
    for oid, products in pairs.items():
        for pid in products:
            moves = int(moves_per_pair) + (rng.random() < moves_per_pair % 1)
            days = sorted({day_in(rng, first, last) for _ in range(moves)})
            if (oid, pid) not in on_hand:  # stocked before the history starts
                on_hand[oid, pid] = rng.choice((0, 3, 10, 20))
                days = [first - timedelta(days=1), *days]
            pair_rows = []
            for day in days:
                qty = on_hand[oid, pid]
                qty = rng.choice((0, qty + 10)) if qty <= 1 else qty - rng.randint(1, min(qty, 3))
                on_hand[oid, pid] = qty
                pair_rows.append(
                    {
                        "outlet_id": oid,
                        "product_id": pid,
                        "from_day": day,
                        "to_day": None,
                        "sellable": qty,
                    }
                )
            for a, b in pairwise(pair_rows):
                a["to_day"] = b["from_day"]
            rows.extend(pair_rows)
    for start in range(0, len(rows), 5000):
        conn.execute(insert(t), rows[start : start + 5000])
    return len(rows)


def latency(engine, views: Views, rng: random.Random, queries: int, compare: bool) -> dict:
    """p50/p99 of both queries on the same random days (answers are not kept while timing,
    as in bench/measures.py: thousands of retained dicts would make the collector pause);
    then, untimed, the two answers are compared on every 5th day."""
    days = [day_in(rng, FIRST_DAY, LAST_DAY) for _ in range(queries)]
    out = {}
    for name, query in (("timeline", coverage), ("per_listing", reference_coverage)):
        with engine.connect() as conn:
            query(conn, views, days[0], by="district")  # warm
        samples = []
        for day in days:
            with engine.connect() as conn:
                started = time.perf_counter()
                size = len(query(conn, views, day, by="district")["not_selling"])
                samples.append(((time.perf_counter() - started) * 1000, str(day), size))
        slowest = sorted(samples)[-3:]
        ms = sorted(sample[0] for sample in samples)
        out[name] = {
            "p50_ms": round(statistics.median(ms), 2),
            "p99_ms": round(ms[max(0, int(len(ms) * 0.99) - 1)], 2),
            "slowest (ms, day, not selling)": [(round(t, 1), d, n) for t, d, n in slowest],
        }
    if compare:
        with engine.connect() as conn:
            for day in days[::5]:
                assert coverage(conn, views, day, by="district") == reference_coverage(
                    conn, views, day, by="district"
                ), day
    return out


def analyze(engine, views: Views) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
        else:
            for view in (views.register, views.shelves, views.coverage_status):
                for table in view.metadata.sorted_tables:
                    conn.exec_driver_sql(f'ANALYZE "{table.name}"')


def _first_place(outlet: dict) -> dict:
    """The outlet's one place period, from its opening (the probe moves no outlet)."""
    place = {k: outlet[k] for k in ("province", "district", "commune")}
    return {"outlet_id": outlet["id"], "from_day": outlet["opened_on"], **place}


def timeline_for(engine, views: Views, outlets: list, since: date) -> float:
    started = time.perf_counter()
    with engine.begin() as conn:
        views.coverage_status.recompute(conn, {o: since for o in outlets})
    return time.perf_counter() - started


def run(url: str, args) -> dict:
    engine = create_engine(url)
    views = Views()
    for view in views.all():
        view.metadata.create_all(engine)
    rng = random.Random(args.seed)
    with engine.begin() as conn:
        pairs = build(conn, views, rng, args)
    on_hand: dict = {}
    with engine.begin() as conn:
        rows_1x = add_stock(
            conn, views, rng, pairs, date(2024, 1, 1), date(2024, 12, 31), args.moves_1x, on_hand
        )
    results = {"stock_rows_1x": rows_1x}
    results["timeline_build_s"] = round(
        timeline_for(engine, views, list(pairs), date(2000, 1, 1)), 2
    )
    results["1x_not_analysed"] = latency(
        engine, views, random.Random(1), args.queries, compare=True
    )
    analyze(engine, views)
    results["1x"] = latency(engine, views, random.Random(2), args.queries, compare=True)
    # 9x more history in 2025-26: the open intervals of 2024 are closed where it starts.
    with engine.begin() as conn:
        stock = views.shelves.t.stock
        rows_9x = add_stock(
            conn,
            views,
            rng,
            pairs,
            date(2025, 1, 1),
            date(2026, 10, 31),
            args.moves_1x * 9,
            on_hand,
        )
        conn.execute(
            text(
                f'UPDATE "{stock.name}" AS s SET to_day = n.from_day FROM "{stock.name}" AS n '
                "WHERE s.to_day IS NULL AND n.outlet_id = s.outlet_id AND n.product_id = s.product_id "
                "AND n.from_day > s.from_day AND n.from_day = (SELECT min(m.from_day) FROM "
                f'"{stock.name}" m WHERE m.outlet_id = s.outlet_id AND m.product_id = s.product_id '
                "AND m.from_day > s.from_day)"
            )
            if engine.dialect.name != "sqlite"
            else text(
                f'UPDATE "{stock.name}" SET to_day = (SELECT min(m.from_day) FROM "{stock.name}" m '
                f'WHERE m.outlet_id = "{stock.name}".outlet_id AND m.product_id = "{stock.name}".product_id '
                f'AND m.from_day > "{stock.name}".from_day) WHERE to_day IS NULL'
            )
        )
    results["stock_rows_10x"] = rows_1x + rows_9x
    results["timeline_catch_up_9x_s"] = round(
        timeline_for(engine, views, list(pairs), date(2025, 1, 1)), 2
    )
    results["10x_not_analysed"] = latency(
        engine, views, random.Random(3), args.queries, compare=True
    )
    analyze(engine, views)
    results["10x"] = latency(engine, views, random.Random(4), args.queries, compare=True)
    with engine.connect() as conn:
        status = views.coverage_status.t.status
        results["timeline_rows"] = conn.execute(
            select(text("count(*)")).select_from(status)
        ).scalar()
    engine.dispose()
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--products", type=int, default=20_000)
    p.add_argument("--supermarkets", type=int, default=5_000)
    p.add_argument("--ocop-points", type=int, default=2_000)
    p.add_argument("--listings", type=int, default=8)
    p.add_argument(
        "--moves-1x", type=float, default=2.0, help="stock-changing days per listing in 2024"
    )
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--sqlite", action="store_true")
    p.add_argument("--keep-db", action="store_true")
    args = p.parse_args()
    if args.sqlite:
        results = run(f"sqlite:///{tempfile.mkdtemp()}/probe.sqlite3", args)
    else:
        from pgdb import throwaway_database

        with throwaway_database(keep=args.keep_db) as url:
            print(f"database: {url}")
            results = run(url.replace("postgresql://", "postgresql+psycopg://"), args)
    for key, value in results.items():
        print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
