"""Running the read models' runner as its own process, and rebuilding views, with progress."""

import signal
import threading

from tqdm import tqdm

from projections.rebuild import rebuild
from projections.service import ReadModels
from projections.views import VIEW_NAMES


def run_projector(read_models: ReadModels, once: bool = False, interval: float = 0.5) -> int:
    """Catch up, then poll for new events until SIGTERM or SIGINT; finish the batch in hand."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    runner = read_models.runner
    with tqdm(total=runner.lag(), unit="event", desc="catching up") as bar:
        while not stop.is_set():
            applied = runner.run_batch()
            bar.update(applied)
            if not applied:
                break
    print(f"projections up to date (lag {runner.lag()} events)", flush=True)
    while not once and not stop.wait(interval):
        runner.catch_up()
    read_models.close()
    print("projector stopped", flush=True)
    return 0


def rebuild_views(read_models: ReadModels, names: list[str]) -> int:
    """Rebuild each named view (all by default) with a progress bar."""
    for name in names or VIEW_NAMES:
        with tqdm(unit="event", desc=f"rebuilding {name}") as bar:

            def progress(position: int, head: int, bar=bar) -> None:
                bar.total = head
                bar.update(position - bar.n)

            position = rebuild(read_models.runner, read_models.views, name, progress)
            bar.update(max(0, position - bar.n))
        print(f"{name}: rebuilt up to event {position}", flush=True)
    read_models.close()
    return 0
