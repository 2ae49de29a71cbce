"""Figure (2): sales over HTTP through gunicorn, by concurrent clients on keep-alive connections.

The bench starts the production server itself (``gunicorn -c gunicorn.conf.py wsgi:app``) and,
optionally, the ``ocop project`` process beside it, as ``make serve-prod`` does. Each client
signs in once, then posts one-unit sales with an ``Idempotency-Key`` to the outlets it serves.
"""

import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from uuid import UUID

import cpu

from marketplace.application import Marketplace

PASSWORD = "bench-password-2025"

ROOT = Path(__file__).resolve().parent.parent
_NO_CONTROL_SOCKET = ["--no-control-socket"] if int(version("gunicorn").split(".")[0]) >= 27 else []
"""gunicorn 27 opens a control socket in ~/.gunicorn by default; a bench server needs none."""


def ocop_command(*args: str) -> list[str]:
    """The ``ocop`` console script next to this Python, or the module if it is missing."""
    script = Path(sys.executable).with_name("ocop")
    return (
        [str(script), *args]
        if script.exists()
        else [sys.executable, "-m", "marketplace.cli", *args]
    )


def server_env(database_url: str, port: int, workers: int) -> dict[str, str]:
    return {
        **os.environ,
        "OCOP_DATABASE_URL": database_url,
        "OCOP_WORKERS": str(workers),
        "OCOP_BIND": f"127.0.0.1:{port}",
        "OCOP_SECRET_KEY": "bench-secret-key-not-for-production",
        "OCOP_CREATE_TABLES": "no",
        "OCOP_PROJECTIONS": "external",
    }


def _stop(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def gunicorn(env: dict[str, str], port: int, log_path: Path, projector: bool = True):
    """Run gunicorn (and the projector) until the block ends; wait for /healthz first."""
    processes: list[subprocess.Popen] = []
    with open(log_path, "ab") as log:
        try:
            if projector:
                processes.append(
                    subprocess.Popen(
                        ocop_command("project"), cwd=ROOT, env=env, stdout=log, stderr=log
                    )
                )
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    *_NO_CONTROL_SOCKET,
                    "wsgi:app",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
            processes.append(server)
            _wait_healthy(server, port, log_path)
            yield {"server": server.pid, "projector": processes[0].pid if projector else None}
        finally:
            for process in reversed(processes):
                _stop(process)


def _wait_healthy(server: subprocess.Popen, port: int, log_path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log_path}")
        try:
            if _get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer /healthz in {seconds} s; see {log_path}")
        time.sleep(0.2)


def sign_in(port: int, username: str, password: str) -> str:
    """POST /api/v1/auth/token; the bearer token."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        body = json.dumps({"username": username, "password": password})
        conn.request("POST", "/api/v1/auth/token", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"sign-in of {username} failed: {response.status} {payload[:200]!r}")
        return json.loads(payload)["token"]
    finally:
        conn.close()


@dataclass
class Client:
    """One till: a signed-in staff member and the outlets (with listed products) they sell at."""

    name: str
    token: str
    outlets: list[tuple[UUID, list[UUID]]]
    records: list[tuple[float, float, int]] = field(default_factory=list)  # start, end, status
    reconnects: int = 0


def _run_client(client: Client, port: int, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {client.token}", "Content-Type": "application/json"}
    sequence = 0
    while not stop.is_set():
        outlet_id, products = rng.choice(client.outlets)
        body = json.dumps(
            {
                "lines": [
                    {"product_id": str(rng.choice(products)), "qty": 1, "unit_price_vnd": 50_000}
                ]
            }
        )
        sequence += 1
        key = {"Idempotency-Key": f"{client.name}-{seed}-{sequence}"}
        started = time.perf_counter()
        for attempt in range(3):  # a dropped keep-alive connection is retried, same key
            try:
                conn.request("POST", f"/api/v1/outlets/{outlet_id}/sales", body, headers | key)
                response = conn.getresponse()
                response.read()
                status = response.status
                break
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                client.reconnects += 1
                status = 0
        client.records.append((started, time.perf_counter(), status))
    conn.close()


def run_load(
    clients: list[Client], port: int, seconds: float, warmup: float, pids: dict[str, int]
) -> dict:
    """All clients post sales for ``warmup + seconds``; figures over the last ``seconds``
    (responses completed in that window), with the CPU each party spent per sale."""
    stop = threading.Event()
    threads = [
        threading.Thread(target=_run_client, args=(c, port, stop, n), daemon=True)
        for n, c in enumerate(clients)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(warmup)
    cpu_before = cpu.snapshot(pids)
    time.sleep(seconds)
    cpu_after = cpu.snapshot(pids)
    stop.set()
    for thread in threads:
        thread.join(90)
    window_start, window_end = began + warmup, began + warmup + seconds
    every = [r for c in clients for r in c.records]
    timed = [r for r in every if window_start <= r[1] <= window_end]
    latencies = sorted((end - start) * 1000 for start, end, _ in timed)
    statuses = Counter(status for *_, status in every)
    created = sum(1 for *_, status in timed if status == 201)
    return {
        "clients": len(clients),
        "seconds": seconds,
        "warmup_s": warmup,
        "sales_per_s": created / seconds,
        "requests_timed": len(timed),
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "requests_total": len(every),
        "sales_recorded": statuses.get(201, 0),
        "server_errors_5xx": sum(v for k, v in statuses.items() if k >= 500),
        "connection_failures": statuses.get(0, 0),
        "reconnects": sum(c.reconnects for c in clients),
        "cpu": cpu.spent(cpu_before, cpu_after, created),
    }


def load_clients(app: Marketplace, admin: str, national, args, rng: random.Random) -> list[Client]:
    """Staff users bound to their outlet sets (``tills-per-outlet`` clients share a set)."""
    shelf = [
        s for s in national.shelves if s.stocked and s.kind in ("supermarket", "commercial_centre")
    ]
    sets = -(-args.clients // args.tills_per_outlet)
    chosen = rng.sample(shelf, min(len(shelf), sets * args.outlets_per_client))
    clients = []
    as_admin = app.principal(UUID(admin))
    for n in range(args.clients):
        mine = chosen[n // args.tills_per_outlet :: sets][: args.outlets_per_client]
        name = f"till-{n:02d}"
        app.register_user(name, "staff", PASSWORD, [s.outlet_id for s in mine], actor=as_admin)
        clients.append(Client(name, "", [(s.outlet_id, s.products) for s in mine]))
    return clients


def wait_for_projector(read, seconds: float = 300) -> int:
    """Wait until the external projector has applied everything (or time runs out)."""
    deadline = time.monotonic() + seconds
    while (lag := read.runner.lag()) and time.monotonic() < deadline:
        time.sleep(0.5)
    return lag
