"""The machine a run came from, the summary table against the issue's targets, the JSON file."""

import json
import os
import platform
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any


class Phases:
    """Prints and records the elapsed time of each phase."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        print(f"[{time.perf_counter() - self.started:6.0f}s] {name} ...", flush=True)
        began = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - began, 2)
        print(f"         {name}: {self.seconds[name]:.1f}s", flush=True)

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started


RESULTS = Path(__file__).resolve().parent / "results"
FLAT = 1.25
"""Coverage counts as flat if its 10x p50 is within this factor of its 1x p50."""


def machine(pg_version: str) -> dict[str, Any]:
    """nproc, CPU model, memory, load, Python, PostgreSQL, library, commit."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": round(mem_kb / 1024**2, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "postgresql": pg_version,
        "eventsourcing": version("eventsourcing"),
        "platform": platform.platform(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "tree_dirty": bool(_git("status", "--porcelain")),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            check=False,
            capture_output=True,
            text=True,
            timeout=10,
            cwd=RESULTS.parent.parent,
        )
        return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _row(figure, value, unit, baseline=None, target="", met=None) -> dict[str, Any]:
    ratio = value / baseline if baseline and value is not None else None
    return {
        "figure": figure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def summary(r: dict[str, Any]) -> list[dict[str, Any]]:
    """The table's rows from a run's results; targets as in issue 6."""
    base = r["baseline"]["events_per_s"]
    load, catch, decode = r["load"], r["catch_up"], r["read_and_decode"]["events_per_s"]
    c1, c10 = r["coverage_1x"], r["coverage_10x"]
    flat = c10["p50_ms"] / c1["p50_ms"]
    rows = [
        _row("(1) library: 1 event/transaction", base, "events/s"),
        _row(
            "(2) HTTP sales, 16 clients",
            load["sales_per_s"],
            "sales/s",
            base,
            ">= 1.0x (1)",
            load["sales_per_s"] >= base,
        ),
        _row("(2) sale latency p50", load["p50_ms"], "ms"),
        _row("(2) sale latency p99", load["p99_ms"], "ms"),
        _row(
            "(3) projection catch-up",
            catch["events_per_s"],
            "events/s",
            decode,
            ">= 0.5x read+decode",
            catch["events_per_s"] >= 0.5 * decode,
        ),
        _row("(4) coverage p50 at 1x", c1["p50_ms"], "ms"),
        _row("(4) coverage p99 at 1x", c1["p99_ms"], "ms", None, "< 20 ms", c1["p99_ms"] < 20),
        _row(
            "(4) coverage p50 at 10x",
            c10["p50_ms"],
            "ms",
            c1["p50_ms"],
            f"flat: <= {FLAT}x 1x",
            flat <= FLAT,
        ),
        _row(
            "(4) coverage p99 at 10x",
            c10["p99_ms"],
            "ms",
            c1["p99_ms"],
            "< 20 ms",
            c10["p99_ms"] < 20,
        ),
        _row(
            "(5) ocop verify",
            r["verify"]["seconds"],
            "s",
            None,
            "< 30 s",
            r["verify"]["seconds"] < 30 and bool(r["verify"]["ok"]),
        ),
        _row(
            "load: 5xx responses",
            load["server_errors_5xx"],
            "",
            None,
            "0",
            load["server_errors_5xx"] == 0 and load["connection_failures"] == 0,
        ),
        _row(
            "load: inventory = rebuild",
            r["safety"]["equal"],
            "",
            None,
            "equal",
            bool(r["safety"]["equal"]),
        ),
    ]
    return rows


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def print_table(rows: list[dict[str, Any]]) -> None:
    head = (
        f"{'figure':<36} {'value':>10} {'unit':<9} {'baseline':>10} {'ratio':>7}  "
        f"{'target':<22} met"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        ratio = f"{row['ratio']:.2f}x" if row["ratio"] is not None else "-"
        met = "" if row["met"] is None else ("MET" if row["met"] else "NOT MET")
        print(
            f"{row['figure']:<36} {_fmt(row['value']):>10} {row['unit']:<9} "
            f"{_fmt(row['baseline']):>10} {ratio:>7}  {row['target']:<22} {met}"
        )


def write_json(results: dict[str, Any]) -> Path:
    """bench/results/national-<UTC timestamp>.json and bench/results/latest.json."""
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"national-{stamp}.json"
    text = json.dumps(results, indent=2, default=str, ensure_ascii=False)
    path.write_text(text)
    (RESULTS / "latest.json").write_text(text)
    return path
