"""The bytes of one leaf of the log's Merkle tree: one stored event, as the store keeps it.

    leaf = "ocop-event-v1\\n" position "\\n" originator id "\\n" version "\\n" topic "\\n"
           length of state "\\n" state

``position`` is the event's notification id (the same number the hash chain and exports use),
the originator id is 32 lowercase hex digits, ``topic`` names the aggregate type and the event
type, and ``state`` is the stored bytes, which hold the event's time (``timestamp``), who
recorded it (``recorded_by``) and its data. Every field of the row is thus bound; the length
keeps the state from being read as anything but the row's last field. An auditor rebuilds the
same bytes from an export's ``stored`` part (docs/AUDITING.md; tools/verify_proof.py).
"""

from typing import Any
from uuid import UUID

from marketplace.persistence.chain import _as_bytes
from marketplace.proofs.merkle import leaf_hash

VERSION = b"ocop-event-v1\n"


def leaf_bytes(
    position: int, originator_id: UUID | str, version: int, topic: str, state: bytes
) -> bytes:
    """The leaf of one stored event."""
    oid = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    body = _as_bytes(state)
    header = f"{position}\n{oid}\n{version}\n{topic}\n{len(body)}\n"
    return VERSION + header.encode() + body


def event_leaf_hash(notification: Any) -> bytes:
    """The leaf hash of a stored event as the recorder returns it (a notification)."""
    return leaf_hash(
        leaf_bytes(
            notification.id,
            notification.originator_id,
            notification.originator_version,
            notification.topic,
            notification.state,
        )
    )
