"""Running the read models' runner as its own process, and rebuilding views, with progress.

A view that cannot apply an event stops alone (the runner logs it at ERROR, once per stop, and
records it for /healthz); this process keeps the other views running. A database that cannot be
reached is logged and tried again at every poll instead of ending the process. A restart tries
each stopped view once more; ``ocop rebuild NAME`` rebuilds one from zero and clears its stop.
"""

import logging
import signal
import sys
import threading

from tqdm import tqdm

from projections.containment import is_transient
from projections.rebuild import RebuildFailed, rebuild
from projections.runner import PositionMoved, Runner
from projections.service import ReadModels
from projections.views import VIEW_NAMES

log = logging.getLogger("ocop.projections")


def upgrade_views(read_models: ReadModels) -> None:
    """Rebuild the views built by an older version before feeding them; a database that
    cannot be reached now is logged (they wait, "rebuilding", until the next start)."""
    try:
        for name in read_models.upgrade():
            print(f"view {name} rebuilt: it was built by another version", flush=True)
    except Exception as error:
        if not is_transient(error):
            raise
        log.error("cannot reach the database to upgrade the views (%s)", type(error).__name__)


def run_projector(
    read_models: ReadModels, once: bool = False, interval: float = 0.5, on_poll=None
) -> int:
    """Catch up, then poll for new events until SIGTERM or SIGINT; finish the batch in hand.
    ``on_poll`` runs after each poll (the log's Merkle tree and checkpoints)."""
    stop = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        _run(read_models.runner, stop, once, interval, on_poll)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        read_models.close()
    print("projector stopped", flush=True)
    return 0


def _run(runner: Runner, stop: threading.Event, once: bool, interval: float, on_poll=None) -> None:
    """Catch up with a progress bar, say where the views stand, then poll unless ``once``."""
    with tqdm(total=runner.lag(), unit="event", desc="catching up") as bar:
        while not stop.is_set():
            applied = _step(runner.run_batch, stop, interval)
            bar.update(applied or 0)
            if applied == 0:
                break
    _report(runner)
    if on_poll:
        _step(on_poll, stop, interval)
    while not once and not stop.wait(interval):
        _step(runner.catch_up, stop, interval)
        if on_poll:
            _step(on_poll, stop, interval)


def _step(work, stop: threading.Event, interval: float) -> int | None:
    """Run one step; a lost race or an unreachable database is not the end (None: retry)."""
    try:
        return work()
    except PositionMoved:
        return None
    except Exception as error:
        if not is_transient(error):
            raise
        log.error("cannot reach the database (%s); trying again", error.__class__.__name__)
        stop.wait(interval)
        return None


def _report(runner: Runner) -> None:
    """Say where the views stand; a stopped view goes to standard error as well."""
    state = runner.state()
    if state.stops:
        print(f"projections caught up but for the stopped views (lag {state.lag()} events)")
    else:
        print(f"projections up to date (lag {state.lag()} events)", flush=True)
    for stop in state.stops.values():
        print(
            f"view {stop.view} STOPPED at event {stop.position} ({stop.event_type}): "
            f"{stop.message}; after the fix, restart or run: ocop rebuild {stop.view}",
            file=sys.stderr,
            flush=True,
        )
    for view, upstream in state.held().items():
        print(f"view {view} waits for view {upstream}", file=sys.stderr, flush=True)


def rebuild_views(read_models: ReadModels, names: list[str]) -> int:
    """Rebuild each named view (all by default) with a progress bar; 1 if any could not be."""
    failed = 0
    for name in names or VIEW_NAMES:
        with tqdm(unit="event", desc=f"rebuilding {name}") as bar:

            def progress(position: int, head: int, bar=bar) -> None:
                bar.total = head
                bar.update(position - bar.n)

            try:
                position = rebuild(read_models.runner, read_models.views, name, progress)
            except RebuildFailed as failure:
                print(f"{name}: NOT rebuilt, left as it was: {failure}", file=sys.stderr)
                failed += 1
                continue
            bar.update(max(0, position - bar.n))
        print(f"{name}: rebuilt up to event {position}", flush=True)
    read_models.close()
    return 1 if failed else 0
