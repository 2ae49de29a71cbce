"""Health and Prometheus metrics: /healthz and /metrics.

Under gunicorn each worker is its own process, so metrics use prometheus_client's
multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py sets it).

/healthz is public (load balancers ask it). /metrics is not: a scraper sends the operator's
OCOP_METRICS_TOKEN as a bearer token (checked without the database, so the scrape still says
``ocop_database_up 0`` while the database is down, and it does not expire like a user's token);
a person sends their API token, of an admin or an auditor.

Both read the database through a ``Probe``: a probe answers within HEALTH_SECONDS even while
the database hangs (a partition, a server that accepts but never answers), as 503.
"""

import hmac
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, g, jsonify, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from marketplace.access import Principal
from marketplace.proofs.log import signing
from web.application import read_models
from web.auth import allowed

REQUEST_SECONDS = Histogram(
    "ocop_request_seconds",
    "HTTP request latency",
    ["method", "endpoint", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
COMMANDS = Counter(
    "ocop_commands_total", "Commands (writes) by type and outcome", ["command", "outcome"]
)
PROJECTION_LAG = Gauge(
    "ocop_projection_lag_events",
    "Events the read models have not applied yet",
    multiprocess_mode="liveall",
)
VIEW_STOPPED = Gauge(
    "ocop_projection_stopped",
    "1 while a view is stopped on an event it cannot apply (or held back by one it reads)",
    ["view"],
    multiprocess_mode="livemostrecent",
)
VIEW_POSITION = Gauge(
    "ocop_projection_position",
    "The last event a view has applied",
    ["view"],
    multiprocess_mode="livemostrecent",
)
VIEW_LAG = Gauge(
    "ocop_projection_view_lag_events",
    "Events a view has not applied yet",
    ["view"],
    multiprocess_mode="livemostrecent",
)
REPLICA_LAG = Gauge(
    "ocop_read_replica_lag_seconds",
    "Seconds the replica the reads use is behind in replaying the primary (with a replica)",
    multiprocess_mode="livemostrecent",
)
DATABASE_UP = Gauge(
    "ocop_database_up",
    "1 if the database answered the last metrics scrape within the health timeout",
    multiprocess_mode="livemostrecent",
)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
MAX_HEALTHY_LAG = 10_000
HEALTH_SECONDS = 1.5
T = TypeVar("T")


class Probe:
    """Runs a database check in a thread and waits at most ``seconds`` for it.

    A hung check is left to finish on its own, and until it does the next probes answer at
    once (TimeoutError) instead of piling up threads on a database that does not answer."""

    def __init__(self, seconds: float = HEALTH_SECONDS) -> None:
        self.seconds = seconds
        self._busy = threading.Lock()  # one check in flight

    def __call__(self, check: Callable[[], T]) -> T:
        if not self._busy.acquire(blocking=False):
            raise TimeoutError("a previous check is still waiting for the database")
        done, outcome = threading.Event(), {}

        def run() -> None:
            try:
                outcome["value"] = check()
            except Exception as error:  # noqa: BLE001 (handed to the waiting request)
                outcome["error"] = error
            finally:
                self._busy.release()
                done.set()

        threading.Thread(target=run, name="ocop-health-probe", daemon=True).start()
        if not done.wait(self.seconds):
            raise TimeoutError(
                f"no answer within {self.seconds} s: the database does not answer"
                " (or, inline, the read models are still catching up)"
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


def _caught_up_state(models):
    """The read side's state, after catching up if it is fed in this process (inline)."""
    models.catch_up_quietly()
    return models.state()


def _health_body(state) -> dict:
    """What /healthz says of the read models: lag, each view, the stopped, rebuilding and held
    ones."""
    held = state.held()
    replica = {} if state.replica_delay is None else {"replica_lag_seconds": state.replica_delay}
    return replica | {
        "ok": not state.stops
        and not state.rebuilding
        and not held
        and state.lag() <= MAX_HEALTHY_LAG,
        "database": "ok",
        "events": state.head,
        "projection_lag": state.lag(),
        "views": {
            name: {"position": position, "lag": state.lag([name])}
            for name, position in state.positions.items()
        },
        "stopped": [stop.as_dict() for stop in state.stops.values()],
        "rebuilding": sorted(state.rebuilding),  # built by an older version, not yet rebuilt
        "held": [
            {"view": name, "position": state.positions[name], "upstream_stopped": cause}
            for name, cause in held.items()
        ],
    }


def _export(state) -> None:
    PROJECTION_LAG.set(state.lag())
    if state.replica_delay is not None:
        REPLICA_LAG.set(state.replica_delay)
    not_running = {name for name, _ in state.not_running()}
    for name, position in state.positions.items():
        VIEW_STOPPED.labels(name).set(1 if name in not_running else 0)
        VIEW_POSITION.labels(name).set(position)
        VIEW_LAG.labels(name).set(state.lag([name]))


def _outcome(status: int) -> str:
    if status < 400:
        return "recorded"
    return "refused" if status < 500 else "failed"


def _scraper_token_presented(metrics_token: str) -> bool:
    """The request carries the operator's metrics token (compared in constant time)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return (
        bool(metrics_token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(token.strip().encode(), metrics_token.encode())
    )


def _reads_metrics(principal: Principal, _: dict) -> bool:
    return principal.may_read_metrics


@allowed(_reads_metrics, "only admins and auditors may read the metrics")
def _person_may_read_metrics() -> None:
    """401 without a valid API token, 403 for a role that may not read the metrics."""


def register_observability(app: Flask, metrics_token: str = "") -> None:
    """Time every request, count commands, and serve /healthz and /metrics."""

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def observe(response: Response) -> Response:
        endpoint = request.endpoint or "unknown"
        if "started" in g:
            REQUEST_SECONDS.labels(request.method, endpoint, response.status_code).observe(
                time.perf_counter() - g.started
            )
        if request.method in WRITE_METHODS and not endpoint.startswith("auth."):
            COMMANDS.labels(endpoint.rpartition(".")[2], _outcome(response.status_code)).inc()
        return response

    probe = Probe()

    @app.get("/healthz")
    def healthz():
        """Is the database reachable, and are the read models running and caught up?"""
        models = read_models()
        try:
            state = probe(lambda: _caught_up_state(models))
        except Exception as unreachable:  # noqa: BLE001 (any failure means unhealthy)
            return jsonify({"ok": False, "database": "unreachable", "error": str(unreachable)}), 503
        _export(state)
        body = _health_body(state) | {"checkpoints": signing()}
        return jsonify(body), 200 if body["ok"] else 503

    @app.get("/metrics")
    def metrics():
        """Prometheus metrics of every worker, for the scraper's token or an admin or auditor."""
        if not _scraper_token_presented(metrics_token):
            _person_may_read_metrics()
        try:
            _export(probe(read_models().state))
            DATABASE_UP.set(1)
        except Exception:  # noqa: BLE001 (the scrape still answers, saying the database is down)
            DATABASE_UP.set(0)
        registry = None
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry) if registry else generate_latest()
        return Response(body, mimetype=CONTENT_TYPE_LATEST)
