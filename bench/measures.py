"""Figures (3), (4) and (5) and the load-safety check, on the read side and the audit trail.

- the library's read-and-decode rate over the whole log (the baseline of (3));
- projection catch-up from zero, possibly in legs (a runner bounded at a position), so the
  1x coverage query can be asked part way without projecting the first part twice;
- coverage query latency on random days; ``ocop verify`` over the log, as the CLI;
- the inventory view's rows, before and after a from-zero rebuild.
"""

import json
import random
import statistics
import subprocess
import time
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from marketplace.application import Marketplace
from projections.queries.coverage import coverage
from projections.rebuild import rebuild
from projections.runner import Runner
from projections.service import ReadModels


def read_and_decode_rate(app: Marketplace, page: int = 1000) -> dict[str, float]:
    """The library alone: page through the notification log and decode every event."""
    started, count, position = time.perf_counter(), 0, 0
    while batch := app.recorder.select_notifications(
        start=position, limit=page, inclusive_of_start=False
    ):
        for notification in batch:
            app.mapper.to_domain_event(notification)
        count += len(batch)
        position = batch[-1].id
    elapsed = time.perf_counter() - started
    return {"events": count, "seconds": elapsed, "events_per_s": count / elapsed}


class Bounded:
    """The application's notification log, seen only up to ``stop`` (inclusive)."""

    def __init__(self, source: Any, stop: int) -> None:
        self.source, self.stop = source, stop

    def select_notifications(self, start, limit, stop=None, topics=(), *, inclusive_of_start=True):
        stop = self.stop if stop is None else min(stop, self.stop)
        return self.source.select_notifications(
            start, limit, stop=stop, topics=topics, inclusive_of_start=inclusive_of_start
        )

    def max_notification_id(self) -> int:
        return min(self.stop, self.source.max_notification_id() or 0)


def drop_views(read: ReadModels) -> None:
    """Drop every view's tables and positions, then create them empty (from zero)."""
    for view in read.views.all():
        view.metadata.drop_all(read.runner.engine)
    with read.runner.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM projection_positions")
    read.runner.create_tables()


def catch_up_leg(read: ReadModels, up_to: int | None = None) -> dict[str, float]:
    """Catch every view up to ``up_to`` (the head if None); events applied and seconds."""
    runner = read.runner
    if up_to is not None:
        runner = Runner(
            runner.engine,
            Bounded(runner.source, up_to),
            runner.decode,
            runner.views,
            runner.batch_size,
        )
    started = time.perf_counter()
    applied = runner.catch_up()
    return {"events": applied, "seconds": time.perf_counter() - started}


def coverage_latency(
    read: ReadModels, queries: int, rng: random.Random, first: date, last: date
) -> dict[str, Any]:
    """coverage(by="district") on random days in [first, last]: p50/p99 in ms."""
    span = (last - first).days
    read.ask(coverage, first + timedelta(days=span // 2), by="district")  # warm the pool
    samples, outlets = [], 0
    for _ in range(queries):
        day = first + timedelta(days=rng.randrange(span + 1))
        started = time.perf_counter()
        answer = read.ask(coverage, day, by="district")
        samples.append((time.perf_counter() - started) * 1000)
        outlets = max(outlets, answer["total"])
    samples.sort()
    return {
        "queries": queries,
        "p50_ms": statistics.median(samples),
        "p99_ms": samples[max(0, int(len(samples) * 0.99) - 1)],
        "max_outlets_counted": outlets,
    }


def view_rows(read: ReadModels, name: str) -> dict[str, list[tuple]]:
    """Every row of a view's tables, sorted, keyed by table."""
    view = getattr(read.views, name)
    with read.runner.engine.connect() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for table in view.metadata.sorted_tables
        }


def rebuild_matches(read: ReadModels, name: str = "inventory") -> dict[str, Any]:
    """Compare a view caught up live with a from-zero rebuild of it, row by row."""
    read.runner.catch_up()
    before = view_rows(read, name)
    started = time.perf_counter()
    position = rebuild(read.runner, read.views, name)
    seconds = time.perf_counter() - started
    after = view_rows(read, name)
    differing = {table: len(set(before[table]) ^ set(after.get(table, ()))) for table in before}
    return {
        "view": name,
        "rows": {table: len(rows) for table, rows in before.items()},
        "rows_differing": differing,
        "equal": before == after,
        "rebuilt_to": position,
        "rebuild_seconds": seconds,
    }


def verify_cli(command: Sequence[str], env: dict[str, str], cwd: str) -> dict[str, Any]:
    """Run ``ocop verify`` as a subprocess; wall-clock seconds and its JSON answer."""
    started = time.perf_counter()
    done = subprocess.run(command, check=False, env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        answer = json.loads(done.stdout)
    except json.JSONDecodeError:
        answer = {"ok": False, "output": done.stdout[-500:], "stderr": done.stderr[-500:]}
    return {
        "seconds": seconds,
        "exit_code": done.returncode,
        "ok": answer.get("ok"),
        "events_checked": answer.get("events_checked"),
        "head": answer.get("head"),
    }
