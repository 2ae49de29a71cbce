"""Health and Prometheus metrics: /healthz and /metrics.

Under gunicorn each worker is its own process, so metrics use prometheus_client's
multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py sets it).
"""

import os
import time

from flask import Flask, Response, current_app, g, jsonify, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

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
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
MAX_HEALTHY_LAG = 10_000


def _outcome(status: int) -> str:
    if status < 400:
        return "recorded"
    return "refused" if status < 500 else "failed"


def register_observability(app: Flask) -> None:
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

    @app.get("/healthz")
    def healthz():
        """Is the database reachable, and how far behind are the read models?"""
        try:
            head = current_app.extensions["ocop"].recorder.max_notification_id() or 0
            lag = current_app.extensions["ocop_read"].runner.lag()
        except Exception as unreachable:  # noqa: BLE001 (any failure means unhealthy)
            return jsonify({"ok": False, "database": "unreachable", "error": str(unreachable)}), 503
        PROJECTION_LAG.set(lag)
        healthy = lag <= MAX_HEALTHY_LAG
        body = {"ok": healthy, "database": "ok", "events": head, "projection_lag": lag}
        return jsonify(body), 200 if healthy else 503

    @app.get("/metrics")
    def metrics():
        """Prometheus metrics of every worker."""
        PROJECTION_LAG.set(current_app.extensions["ocop_read"].runner.lag())
        registry = None
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry) if registry else generate_latest()
        return Response(body, mimetype=CONTENT_TYPE_LATEST)
