"""Evidence in people's hands (issue 18): where one event stands in the log's Merkle tree, the
latest signed checkpoint that includes it, and a proof bundle anyone can check offline.

A bundle is one JSON file: the checkpoint note, the log's verifier key, the leaf's bytes (the
stored event, docs/AUDITING.md), its index and the inclusion proof (RFC 9162) in the tree of the
checkpoint's size. ``python tools/verify_proof.py bundle FILE`` checks that the note is signed by
the key, that the leaf hashes to the proven leaf and that the path leads to the signed root.
"""

import base64
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from marketplace.proofs.leaf import leaf_bytes
from marketplace.proofs.merkle import inclusion_path, leaf_hash
from marketplace.proofs.note import Checkpoint, Verifier
from marketplace.proofs.store import TreeStore

BUNDLE_FORMAT = "ocop-inclusion-bundle-v1"


@dataclass(frozen=True)
class Evidence:
    """Where the event at ``position`` stands: its leaf, and the latest checkpoint with it."""

    position: int
    leaf_index: int | None  # None: the kept tree has not reached it yet
    checkpoint: Checkpoint | None  # None: not yet in a signed checkpoint
    signed_at: str | None = None

    @property
    def signed(self) -> bool:
        return self.checkpoint is not None


def evidence(store: TreeStore, position: int) -> Evidence:
    """The event's leaf index and the latest signed checkpoint that includes it, if any (the
    tree is caught up first: a leaf not in it is in no checkpoint, which are signed from it)."""
    store.catch_up()
    index = store.index_of(position)
    latest = store.latest_signed() if index is not None else None
    if latest is None:
        return Evidence(position, index, None)
    signed = Checkpoint.parse(latest[0])
    if signed.size <= index:
        return Evidence(position, index, None)
    return Evidence(position, index, signed, latest[1])


def bundle(store: TreeStore, recorder: Any, position: int, verifier: Verifier) -> dict | None:
    """The proof bundle of the event at ``position`` against the latest signed checkpoint, or
    None if it is not yet in one (or that checkpoint is not signed by ``verifier``)."""
    found = evidence(store, position)
    latest = store.latest_signed()
    if not found.signed or latest is None or not verifier.verifies(latest[0]):
        return None
    stored = recorder.select_notifications(start=position, limit=1)
    if not stored or stored[0].id != position:
        return None
    event = stored[0]
    leaf = leaf_bytes(
        event.id, event.originator_id, event.originator_version, event.topic, event.state
    )
    index, size = found.leaf_index, found.checkpoint.size
    if leaf_hash(leaf) != store.subtree(index, index + 1):
        return None  # the kept tree disagrees with the row: `ocop verify --checkpoint` says why
    return {
        "format": BUNDLE_FORMAT,
        "position": position,
        "leaf_index": index,
        "tree_size": size,
        "leaf_hash": leaf_hash(leaf).hex(),
        "path": [h.hex() for h in inclusion_path(store.subtree, index, size)],
        "leaf_b64": base64.b64encode(leaf).decode(),
        "checkpoint": latest[0],
        "verifier_key": str(verifier),
        "signed_at": latest[1],
    }


def evaluation_position(
    recorder: Any, mapper: Any, product_id: UUID, certificate_no: str
) -> int | None:
    """The log position of the evaluation that issued a product's certificate, if any."""
    found = None
    for position, stored, _ in recorder.select_history(product_id):
        evaluated = stored.topic.endswith("Product.Evaluated")
        if evaluated and mapper.to_domain_event(stored).certificate_no == certificate_no:
            found = position
    return found
