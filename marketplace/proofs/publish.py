"""The projector's part: keep the Merkle tree caught up and sign a checkpoint every N events
or M minutes (OCOP_CHECKPOINT_EVERY_EVENTS, default 1000; OCOP_CHECKPOINT_EVERY_MINUTES,
default 10), when OCOP_CHECKPOINT_KEY names a key. The projector already polls the log, and
doing it there keeps the work out of every sale's transaction."""

import math
import os
import time
from collections.abc import Callable

from marketplace.proofs.log import load_signer, sign_checkpoint
from marketplace.proofs.note import Checkpoint, Signer
from marketplace.proofs.store import TreeStore


class Publisher:
    """Called at each poll: extends the tree, signs when enough has happened since the last."""

    def __init__(
        self,
        store: TreeStore,
        signer: Signer | None,
        every_events: int = 1000,
        every_seconds: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.signer, self.clock = store, signer, clock
        self.every_events, self.every_seconds = every_events, every_seconds
        last = store.checkpoint()
        self.signed_size = Checkpoint.parse(last).size if last else 0
        self.signed_at = clock() if last else -math.inf  # a log never signed: sign it now

    @classmethod
    def from_env(cls, recorder) -> "Publisher":
        """A publisher with the key and the intervals of the environment."""
        return cls(
            TreeStore(recorder),
            load_signer(),
            int(os.environ.get("OCOP_CHECKPOINT_EVERY_EVENTS", "1000")),
            60 * float(os.environ.get("OCOP_CHECKPOINT_EVERY_MINUTES", "10")),
        )

    def __call__(self) -> str | None:
        """Catch up; return the note if one was signed now."""
        self.store.catch_up()
        if self.signer is None:
            return None
        grown = self.store.size() - self.signed_size
        due = self.clock() - self.signed_at >= self.every_seconds
        if grown <= 0 or (grown < self.every_events and not due):
            return None
        note = sign_checkpoint(self.store, self.signer)
        self.signed_size, self.signed_at = Checkpoint.parse(note).size, self.clock()
        return note
