"""Signed checkpoints of the log, and checking the stored rows against one.

A checkpoint signs the root of the first N leaves; it is kept in ``merkle_checkpoints`` and
printed for the operator to publish. ``check_against`` answers whether the log as stored now
still has that root, recomputing every leaf from the rows (never from the kept tree, which an
intruder could rewrite as well as the rows and the hash chain).
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marketplace.proofs.leaf import event_leaf_hash
from marketplace.proofs.merkle import Frontier
from marketplace.proofs.note import Checkpoint, Signer, Verifier, checkpoint_body
from marketplace.proofs.store import TreeStore

KEY_VARIABLE = "OCOP_CHECKPOINT_KEY"
PAGE = 2000


def load_signer(environ: dict[str, str] | None = None) -> Signer | None:
    """The signing key named by OCOP_CHECKPOINT_KEY (a file), or None: the log runs unsigned."""
    path = (environ if environ is not None else os.environ).get(KEY_VARIABLE)
    return Signer.parse(Path(path).read_text(encoding="utf-8")) if path else None


def signing() -> dict[str, Any]:
    """What /healthz says of the checkpoints: signed (by which key) or unsigned, and why."""
    try:
        signer = load_signer()
    except (OSError, ValueError) as unusable:
        return {"signed": False, "problem": f"{KEY_VARIABLE} is unusable: {unusable}"}
    if signer is None:
        return {"signed": False, "problem": f"{KEY_VARIABLE} is not set: the log runs unsigned"}
    return {"signed": True, "key": signer.name}


def sign_checkpoint(store: TreeStore, signer: Signer) -> str:
    """Catch the tree up, sign its root as it is now, keep the note and return it."""
    store.catch_up()
    size = store.size()
    body = checkpoint_body(signer.name, size, store.root(size))
    note = body + "\n" + signer.sign(body)
    store.keep_checkpoint(size, note, datetime.now(UTC).isoformat())
    return note


@dataclass(frozen=True)
class CheckResult:
    """What a check of the stored log against a checkpoint found."""

    ok: bool
    checkpoint_size: int
    log_size: int
    first_bad: dict[str, Any] | None = None
    signature: str = "checked"
    """"checked", or "not checked" when no verifier key was given (then only the root is)."""

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def check_against(
    recorder: Any, store: TreeStore, note: str, verifier: Verifier | None
) -> CheckResult:
    """Is the stored log consistent with the checkpoint ``note`` (signed by ``verifier``)?"""
    if verifier is not None and not verifier.verifies(note):
        bad = {"position": None, "problem": "the checkpoint is not signed by this key"}
        return CheckResult(False, 0, 0, bad, signature="bad")
    result = _check(recorder, store, Checkpoint.parse(note))
    return result if verifier else replace(result, signature="not checked")


def _check(recorder: Any, store: TreeStore, signed: Checkpoint) -> CheckResult:
    """One pass over the rows, keeping only a Merkle frontier: O(log n) memory."""
    frontier, count = Frontier(), 0
    for _, digest in _leaves(recorder):
        if count < signed.size:
            frontier.add(digest)
        count += 1
    if count < signed.size:  # the kept tree may still say where the first missing one was
        kept = store.leaf(count)
        missing = {"leaf_index": count, "position": kept[0] if kept else None}
        missing["problem"] = "the log is shorter than the checkpoint: its tail was removed"
        return CheckResult(False, signed.size, count, missing)
    if frontier.root() == signed.root:
        return CheckResult(True, signed.size, count)
    return CheckResult(False, signed.size, count, _locate(recorder, store, signed))


def _leaves(recorder: Any) -> Iterator[tuple[int, bytes]]:
    """(position, leaf hash) of every stored event, recomputed from the rows, in log order,
    read a page at a time."""
    after = 0
    while page := recorder.select_notifications(start=after, limit=PAGE, inclusive_of_start=False):
        yield from ((n.id, event_leaf_hash(n)) for n in page)
        after = page[-1].id


def _locate(recorder: Any, store: TreeStore, signed: Checkpoint) -> dict:
    """The first leaf that differs from the kept tree, if the kept leaves still have the signed
    root (then the signature vouches for every kept leaf). Two more passes, both streamed."""
    frontier = Frontier()
    for _, digest in store.kept_leaves(signed.size):
        frontier.add(digest)
    if frontier.size == signed.size and frontier.root() == signed.root:
        pairs = zip(_leaves(recorder), store.kept_leaves(signed.size), strict=False)
        for index, ((position, digest), (kept_position, kept_digest)) in enumerate(pairs):
            if digest != kept_digest or position != kept_position:
                problem = (
                    "the event at this leaf is not the one signed: changed, removed or inserted"
                )
                return {"leaf_index": index, "position": kept_position, "problem": problem}
    problem = (
        "the log's root is not the signed one, and the kept tree was changed or removed too: "
        "compare with an export taken when the checkpoint was signed"
    )
    return {"leaf_index": None, "position": None, "problem": problem}
