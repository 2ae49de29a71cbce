"""gunicorn settings for production: ``gunicorn wsgi:app`` (see `make serve-prod`).

Tables are created once by the release step (`ocop init`), not by each worker at start-up:
several workers creating tables at once race ("tuple concurrently updated"). The read models
are fed by their own `ocop project` process.
"""

import multiprocessing
import os
import tempfile

bind = os.environ.get("OCOP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("OCOP_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("OCOP_THREADS", "2"))
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

raw_env = [
    "OCOP_CREATE_TABLES=no",
    "OCOP_PROJECTIONS=external",
]
_metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="ocop-metrics-")
)


def child_exit(server, worker):
    """Forget a dead worker's live gauges."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
