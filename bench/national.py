"""National-scale benchmark of issue 6 (a script, not a timed test): `make bench`.

On a throwaway PostgreSQL database it builds Vietnam's 34 provinces with ~20,000 products,
5,000 supermarkets and commercial centres and 2,000 OCOP points through the application, adds
sales history to reach ~1M events, and measures in the same run, each next to its baseline:

1. the eventsourcing library alone, 1 event per transaction, one client (the baseline);
2. sales over HTTP through gunicorn (2 workers) by 16 keep-alive clients: sales/s, p50/p99,
   5xx count, ratio to (1); then load safety (the inventory view equals a from-zero rebuild);
3. projection catch-up from zero over the log, against the library's read-and-decode rate;
4. coverage(by="district") p50/p99 on random days at 1x and at 10x sales history;
5. ``ocop verify`` over the whole log, in seconds.

Order of the run: baseline → build → 1x history → catch-up leg 1 (from zero to the 1x head)
→ coverage 1x → HTTP load (with ``ocop project`` running, as in production) → rebuild check →
9x more history → read-and-decode → catch-up leg 2 (to the head) → coverage 10x → verify.
(3) is the two legs together: every event from zero except the HTTP load's, which the live
projector applied. Results: bench/results/national-<UTC time>.json and bench/results/latest.json.
"""

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import library_saves_per_second
from dataset import add_history_in_processes, build_national
from load import (
    PASSWORD,
    ROOT,
    gunicorn,
    load_clients,
    ocop_command,
    run_load,
    server_env,
    sign_in,
    wait_for_projector,
)
from measures import (
    catch_up_leg,
    coverage_latency,
    drop_views,
    read_and_decode_rate,
    rebuild_matches,
    verify_cli,
)
from pgdb import ADMIN_URL, database_size, server_version, throwaway_database
from report import Phases, machine, print_table, summary, write_json

from domain.values import VIETNAM_TIME
from marketplace.application import Marketplace
from marketplace.config import Settings
from marketplace.read_store import build_read_models

QUICK = {
    "products": 1000,
    "supermarkets": 200,
    "ocop_points": 80,
    "history": 3000,
    "saves": 300,
    "load_seconds": 10.0,
    "warmup": 2.0,
    "queries": 20,
}
COVERAGE_DAYS = (date(2023, 6, 1), date(2026, 10, 31))
HISTORY_1X = (
    datetime(2024, 1, 1, tzinfo=VIETNAM_TIME),
    datetime(2024, 12, 31, tzinfo=VIETNAM_TIME),
)
HISTORY_9X = (
    datetime(2025, 1, 1, tzinfo=VIETNAM_TIME),
    datetime(2026, 10, 31, tzinfo=VIETNAM_TIME),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    p.add_argument("--quick", action="store_true", help="a tiny run (about a minute) to try it out")
    p.add_argument("--products", type=int, default=20_000)
    p.add_argument("--supermarkets", type=int, default=5_000, help="supermarkets and centres")
    p.add_argument("--ocop-points", type=int, default=2_000)
    p.add_argument("--listings", type=int, default=8, help="products listed/stocked per outlet")
    p.add_argument(
        "--history",
        type=int,
        default=90_000,
        help="sales in the 1x history; 9x as many are added for 10x",
    )
    p.add_argument("--processes", type=int, default=2, help="processes adding sales history")
    p.add_argument("--saves", type=int, default=3_000, help="saves timed for the baseline (1)")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    p.add_argument("--outlets-per-client", type=int, default=4)
    p.add_argument(
        "--tills-per-outlet",
        type=int,
        default=2,
        help="clients sharing each outlet set (bounded version conflicts)",
    )
    p.add_argument("--load-seconds", type=float, default=30.0, help="timed window of (2)")
    p.add_argument("--warmup", type=float, default=5.0, help="untimed seconds before it")
    p.add_argument(
        "--no-projector",
        action="store_true",
        help="do not run `ocop project` beside gunicorn during the load",
    )
    p.add_argument("--queries", type=int, default=50, help="coverage queries per history size")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--admin-url", default=ADMIN_URL, help="where to create the throwaway database")
    p.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    args = p.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if getattr(args, name) == p.get_default(name):
                setattr(args, name, value)
    return args


def median_baseline(runs: list[dict]) -> dict:
    """(1) is one client waiting on each commit, so it follows the disk and whatever else the
    machine does at that moment: take it three times around the load and keep the median."""
    ordered = sorted(runs, key=lambda run: run["events_per_s"])
    return {**ordered[len(ordered) // 2], "runs": runs}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: argparse.Namespace) -> dict:
    phases, rng = Phases(), random.Random(args.seed)
    results: dict = {"params": {k: v for k, v in vars(args).items() if k != "admin_url"}}
    with throwaway_database(args.admin_url, keep=args.keep_db) as url:
        print(f"database: {url}")
        port = free_port()
        env = server_env(url, port, args.workers)
        results["machine"] = machine(server_version(url))
        with phases("ocop init (release step)"):
            subprocess.run(
                ocop_command("init"), env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        baseline_runs = []
        with phases("(1) baseline: library alone (1 of 3)"):
            baseline_runs.append(library_saves_per_second(url, args.saves))
        print(f"         {baseline_runs[-1]['events_per_s']:.0f} events/s")

        settings = Settings(
            database_url=url, secret_key=env["OCOP_SECRET_KEY"], create_tables=False
        )
        app = Marketplace.from_settings(settings)
        admin = app.register_user("bench-admin", "admin", PASSWORD)["id"]
        with phases("build national data set"):
            national = build_national(
                app,
                admin,
                rng,
                products=args.products,
                supermarkets=args.supermarkets,
                ocop_points=args.ocop_points,
                listings=args.listings,
            )
        results["dataset"] = {
            "products": len(national.products),
            "outlets": len(national.shelves),
            "events": national.events,
        }
        with phases("1x sales history"):
            results["history_1x_events"] = add_history_in_processes(
                url, admin, args.seed, national.shelves, args.history, *HISTORY_1X, args.processes
            )
        head_1x = app.recorder.max_notification_id()
        print(f"         log head {head_1x}")

        read = build_read_models(app, settings)
        with phases("(3) catch-up leg 1: from zero to the 1x head"):
            drop_views(read)
            leg1 = catch_up_leg(read, head_1x)
        print(f"         {leg1['events']} events, {leg1['events'] / leg1['seconds']:.0f}/s")
        with phases("(4) coverage at 1x"):
            results["coverage_1x"] = coverage_latency(read, args.queries, rng, *COVERAGE_DAYS)

        with phases("(1) baseline: library alone (2 of 3, just before the load)"):
            baseline_runs.append(library_saves_per_second(url, args.saves))
        print(f"         {baseline_runs[-1]['events_per_s']:.0f} events/s")
        with phases("(2) HTTP load through gunicorn"):
            clients = load_clients(app, admin, national, args, rng)
            logs = Path(tempfile.mkdtemp(prefix="ocop-bench-"))
            with gunicorn(env, port, logs / "server.log", not args.no_projector) as pids:
                for client in clients:
                    client.token = sign_in(port, client.name, PASSWORD)
                results["load"] = run_load(clients, port, args.load_seconds, args.warmup, pids)
                results["load"]["server_log"] = str(logs / "server.log")
                results["load"]["projector"] = not args.no_projector
                if not args.no_projector:
                    results["load"]["projector_lag_after"] = wait_for_projector(read)
        load = results["load"]
        print(
            f"         {load['sales_per_s']:.0f} sales/s, p50 {load['p50_ms']:.1f} ms, "
            f"p99 {load['p99_ms']:.1f} ms, 5xx {load['server_errors_5xx']}, "
            f"statuses {load['statuses']}"
        )
        shares = ", ".join(
            f"{k.removesuffix('_ms_per_sale')} {v:.1f}"
            for k, v in load["cpu"].items()
            if k.endswith("_ms_per_sale")
        )
        print(
            f"         CPU ms per sale: {shares}; machine busy {load['cpu']['machine_busy_share']:.0%}"
        )
        with phases("(1) baseline: library alone (3 of 3, just after the load)"):
            baseline_runs.append(library_saves_per_second(url, args.saves))
        results["baseline"] = median_baseline(baseline_runs)
        print(
            f"         {baseline_runs[-1]['events_per_s']:.0f} events/s; "
            f"median of 3: {results['baseline']['events_per_s']:.0f}"
        )
        with phases("load safety: inventory view vs from-zero rebuild"):
            results["safety"] = rebuild_matches(read, "inventory")
        print(f"         equal: {results['safety']['equal']}  rows {results['safety']['rows']}")

        load_outlets = {o for c in clients for o, _ in c.outlets}
        with phases("9x more sales history (10x in all)"):
            rest = [s for s in national.shelves if s.outlet_id not in load_outlets]
            results["history_9x_events"] = add_history_in_processes(
                url, admin, args.seed + 100, rest, 9 * args.history, *HISTORY_9X, args.processes
            )
        results["log_events"] = app.recorder.max_notification_id()
        print(f"         log head {results['log_events']}")
        with phases("(3) library read-and-decode over the log"):
            results["read_and_decode"] = read_and_decode_rate(app)
        print(f"         {results['read_and_decode']['events_per_s']:.0f} events/s")
        with phases("(3) catch-up leg 2: to the head"):
            leg2 = catch_up_leg(read)
        events, seconds = leg1["events"] + leg2["events"], leg1["seconds"] + leg2["seconds"]
        results["catch_up"] = {
            "events": events,
            "seconds": seconds,
            "events_per_s": events / seconds,
            "legs": [leg1, leg2],
        }
        print(f"         {events} events in {seconds:.0f}s: {events / seconds:.0f}/s")
        with phases("(4) coverage at 10x"):
            results["coverage_10x"] = coverage_latency(read, args.queries, rng, *COVERAGE_DAYS)
        read.close()
        app.close()
        with phases("(5) ocop verify"):
            results["verify"] = verify_cli(ocop_command("verify"), env, str(ROOT))
        results["database_bytes"] = database_size(url)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["phases_s"] = phases.seconds
    results["total_s"] = round(phases.total, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    results = run(args)
    rows = summary(results)
    results["summary"] = rows
    path = write_json(results)
    print()
    print_table(rows)
    print(
        f"\nlog: {results['log_events']:,} events; total {results['total_s'] / 60:.1f} min; "
        f"results: {path.relative_to(ROOT)} (and bench/results/latest.json)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
