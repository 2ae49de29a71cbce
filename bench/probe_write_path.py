"""What the write path options of issue 6 are worth, measured in one run (about a minute).

On a throwaway PostgreSQL database, one client, no HTTP, it times:
- the library alone, one event a transaction: its default insert, then its database-function
  insert mode (POSTGRES_ENABLE_DB_FUNCTIONS);
- the application's sale as a command (load the outlet, check the rule, save through our
  one-round-trip function with the hash chain): one sale a transaction;
- the same sales with several outlets' sales saved in one transaction (what batching several
  commands into one transaction, "group commit", could at best give the write path).

Each row prints sales (or events) per second and this process's CPU per sale; PostgreSQL's own
CPU is the difference the machine shows. Usage: python bench/probe_write_path.py [--sales 600]
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import BenchBaseline, Tally, library_env
from dataset import build_national
from load import PASSWORD, ROOT
from pgdb import ADMIN_URL, throwaway_database

from domain.base import stamped
from domain.lines import SaleLine
from domain.values import VIETNAM_TIME
from marketplace.application import Marketplace
from marketplace.config import Settings

START = datetime(2024, 6, 1, 9, tzinfo=VIETNAM_TIME)


def timed(label: str, work, count: int, unit: str) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    row = {"label": label, "per_s": count / wall, "client_cpu_ms": 1000 * cpu / count}
    print(f"{label:<58} {row['per_s']:>8.0f} {unit}/s  client CPU {row['client_cpu_ms']:.2f} ms")
    return row


def library(url: str, saves: int, functions: bool) -> None:
    env = library_env(url) | {"POSTGRES_ENABLE_DB_FUNCTIONS": "y" if functions else "n"}
    app = BenchBaseline(env=env)
    tally = Tally()
    app.save(tally)
    for _ in range(saves):
        tally.add(1)
        app.save(tally)
    app.close()


def sales(app: Marketplace, actor: str, shelves, count: int, per_transaction: int, rng) -> None:
    """``count`` sales by ``actor``, ``per_transaction`` outlets' sales saved together."""
    moment = START
    for first in range(0, count, per_transaction):
        outlets = []
        for shelf in rng.sample(shelves, per_transaction):
            outlet = app.get(shelf.outlet_id, object)
            moment += timedelta(seconds=1)
            outlet.sell([SaleLine(shelf.products[0], 1, 50_000)], moment)
            outlets.append(outlet)
        app.save(*stamped(outlets, actor))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sales", type=int, default=600)
    args = p.parse_args(argv)
    os.chdir(ROOT)
    rng = random.Random(7)
    with throwaway_database(ADMIN_URL) as url:
        settings = Settings(database_url=url, secret_key="probe", password_hash_cost="low")
        app = Marketplace.from_settings(settings)
        admin = app.register_user("probe-admin", "admin", PASSWORD)["id"]
        national = build_national(
            app,
            admin,
            rng,
            products=200,
            supermarkets=64,
            ocop_points=0,
            listings=4,
            log=lambda _: None,
        )
        shelves = [s for s in national.shelves if s.stocked]
        n = args.sales
        timed("(1) library, 1 event a transaction", lambda: library(url, n, False), n, "events")
        timed(
            "(1') library, database-function insert mode",
            lambda: library(url, n, True),
            n,
            "events",
        )
        for k in (1, 4, 16):
            timed(
                f"application sale, {k} sale(s) a transaction",
                lambda k=k: sales(app, admin, shelves, n, k, rng),
                n,
                "sales",
            )
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
