"""A witness: another party that cosigns the log's checkpoints, each only if it is consistent
with the last one it cosigned, so that an operator cannot show a rewritten history to some and
the true one to others without one of the two signed trees contradicting a witness's record.

The witness keeps one state file: the last checkpoint it cosigned. Its cosignature is a C2SP
tlog-cosignature line (Ed25519 cosignature/v1: its key's algorithm byte is 0x04, the line
carries the time of cosigning) added to the same signed note; the witness hands it to the log
(``ocop witness submit`` or POST /api/v1/audit/checkpoint/cosignatures), which serves it with
the checkpoint.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from marketplace.proofs.merkle import verify_consistency
from marketplace.proofs.note import COSIGNATURE, ED25519, Checkpoint, Signer, Verifier


class Refused(Exception):
    """The witness does not cosign: the message says why."""


@dataclass(frozen=True)
class Witness:
    """A witness's key, the log's verifier key and where the witness keeps its state."""

    signer: Signer
    log: Verifier
    state: Path
    clock: Callable[[], float] = field(default=time.time)

    def cosign(self, note: str, proof: list[bytes]) -> str:
        """The note with this witness's line added, if it is the log's, and consistent with
        the last one cosigned (``proof``: the consistency proof from that one's size)."""
        if self.signer.algorithm != COSIGNATURE:
            raise Refused("the witness's key is not a cosigner key: make one (ocop witness keygen)")
        if self.log.algorithm != ED25519:
            raise Refused("the log's key given is a witness's key, not the log's verifier key")
        if not self.log.verifies(note):
            raise Refused(f"the checkpoint is not signed by the log's key {self.log.name}")
        new = Checkpoint.parse(note)
        if new.origin != self.log.name:
            raise Refused(f"the checkpoint is of {new.origin}, not {self.log.name}")
        if self.state.exists():
            old = Checkpoint.parse(self.state.read_text(encoding="utf-8"))
            if new.size < old.size:
                raise Refused(
                    f"the checkpoint ({new.size}) is smaller than the last cosigned ({old.size})"
                )
            if not verify_consistency(old.size, new.size, old.root, new.root, proof):
                raise Refused(
                    f"the checkpoint is not consistent with the last cosigned, of size {old.size}"
                )
        body = note.rpartition("\n\n")[0] + "\n"
        cosigned = note + self.signer.cosign(body, int(self.clock()))
        self.state.write_text(cosigned, encoding="utf-8")
        return cosigned
