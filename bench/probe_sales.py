"""A small, fast probe of figure (2) against (1), measured in the same run (about 40 s).

Builds a small data set on a throwaway PostgreSQL database, then alternates the library
baseline (1) and the HTTP sales load (2) through gunicorn ``--rounds`` times, printing sales/s,
the ratio to the baseline measured just before, latency and CPU per sale. With ``--profile DIR``
it records the gunicorn workers with py-spy during each load (raw folded stacks).

    .venv/bin/python bench/probe_sales.py [--rounds 2] [--seconds 8] [--no-projector] [--profile /tmp/prof]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import library_saves_per_second
from dataset import add_history_in_processes, build_national
from load import PASSWORD, ROOT, gunicorn, load_clients, ocop_command, run_load, server_env, sign_in
from national import HISTORY_1X, free_port
from pgdb import ADMIN_URL, throwaway_database

from marketplace.application import Marketplace
from marketplace.config import Settings


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--warmup", type=float, default=2.0)
    p.add_argument("--saves", type=int, default=300)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--history", type=int, default=3000)
    p.add_argument("--no-projector", action="store_true")
    p.add_argument("--profile", help="directory for py-spy raw profiles of the workers")
    p.add_argument("--gil", action="store_true", help="profile only samples holding the GIL")
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    args = p.parse_args(argv)
    os.chdir(ROOT)
    rng = random.Random(2025)
    with throwaway_database(ADMIN_URL) as url:
        port = free_port()
        env = server_env(url, port, args.workers) | dict(e.split("=", 1) for e in args.env)
        subprocess.run(
            ocop_command("init"), env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
        settings = Settings(
            database_url=url, secret_key=env["OCOP_SECRET_KEY"], create_tables=False
        )
        app = Marketplace.from_settings(settings)
        admin = app.register_user("bench-admin", "admin", PASSWORD)["id"]
        national = build_national(
            app,
            admin,
            rng,
            products=400,
            supermarkets=100,
            ocop_points=10,
            listings=8,
            log=lambda _: None,
        )
        add_history_in_processes(url, admin, 1, national.shelves, args.history, *HISTORY_1X, 2)
        shape = SimpleNamespace(clients=args.clients, tills_per_outlet=2, outlets_per_client=4)
        clients = load_clients(app, admin, national, shape, rng)
        app.close()
        logs = Path(tempfile.mkdtemp(prefix="ocop-probe-"))
        rows = []
        with gunicorn(env, port, logs / "server.log", not args.no_projector) as pids:
            for client in clients:
                client.token = sign_in(port, client.name, PASSWORD)
            for n in range(args.rounds):
                base = library_saves_per_second(url, args.saves)["events_per_s"]
                spy = None
                if args.profile:
                    Path(args.profile).mkdir(parents=True, exist_ok=True)
                    spy = subprocess.Popen(
                        [
                            str(Path(sys.executable).with_name("py-spy")),
                            "record",
                            "-f",
                            "raw",
                            "-r",
                            "200",
                            "-s",
                            *(["--gil"] if args.gil else []),
                            "-p",
                            str(pids["server"]),
                            "-d",
                            str(int(args.seconds + args.warmup)),
                            "-o",
                            f"{args.profile}/round{n}.txt",
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                for c in clients:
                    c.records = []
                load = run_load(clients, port, args.seconds, args.warmup, pids)
                if spy:
                    spy.wait()
                cpu = load["cpu"]
                row = (
                    f"round {n}: (1) {base:.0f}/s  (2) {load['sales_per_s']:.0f}/s  "
                    f"ratio {load['sales_per_s'] / base:.3f}  p50 {load['p50_ms']:.0f} ms "
                    f"p99 {load['p99_ms']:.0f} ms  statuses {load['statuses']}  CPU ms/sale: "
                    f"server {cpu['server_ms_per_sale']:.2f} projector "
                    f"{cpu.get('projector_ms_per_sale', 0):.2f} pg {cpu['postgres_ms_per_sale']:.2f} "
                    f"bench {cpu['bench_ms_per_sale']:.2f} others {cpu['others_ms_per_sale']:.2f} "
                    f"busy {cpu['machine_busy_share']:.0%}"
                )
                print(row, flush=True)
                rows.append(row)
                time.sleep(1)
        print(f"server log: {logs / 'server.log'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
