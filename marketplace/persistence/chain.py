"""The hash chain over the global order of stored events (tamper evidence for auditors).

Each event row's link is
    sha256(previous link ‖ "\\n" ‖ position ‖ "\\n" ‖ originator id ‖ "\\n" ‖ version ‖ "\\n" ‖
           topic ‖ "\\n" ‖ sha256(state))
in hex, the previous link being that of the row before it in notification order (positions may
have gaps: a transaction that lost a version conflict burns its ids) and 64 zeros for the first.
Changing, deleting, inserting or reordering a row breaks every link from there on; a published
head (position and link) also catches a truncated tail. tools/verify_export.py restates this
definition without importing the project, so an auditor can check an export alone.
"""

import hashlib
from uuid import UUID

GENESIS = "0" * 64


def link(
    previous: str, position: int, originator_id: UUID | str, version: int, topic: str, state: bytes
) -> str:
    """The chain value of one stored event."""
    oid = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    body = "\n".join(
        (
            previous,
            str(position),
            oid,
            str(version),
            topic,
            hashlib.sha256(_as_bytes(state)).hexdigest(),
        )
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _as_bytes(state: bytes | str) -> bytes:
    """A state as stored; SQLite keeps a text written over it as text, which is hashed as
    its UTF-8 (so it breaks the link, as any other change does) rather than crashing."""
    return state.encode("utf-8", "surrogatepass") if isinstance(state, str) else bytes(state)


def links(previous: str, rows) -> list[tuple[int, str]]:
    """Chain values for (position, stored event) rows in ascending position order."""
    chained = []
    for position, event in rows:
        previous = link(
            previous,
            position,
            event.originator_id,
            event.originator_version,
            event.topic,
            event.state,
        )
        chained.append((position, previous))
    return chained
