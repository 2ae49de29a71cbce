"""A witness: another party that cosigns the log's checkpoints, each only if it is consistent
with the last one it cosigned, so that an operator cannot show a rewritten history to some and
the true one to others without one of the two signed trees contradicting a witness's record.

The witness keeps one state file: the last checkpoint it cosigned. Its cosignature is a second
Ed25519 line (its own key name) on the same signed note; C2SP's tlog-cosignature/v1 lines, with
a timestamp, are for a later version.
"""

from dataclasses import dataclass
from pathlib import Path

from marketplace.proofs.merkle import verify_consistency
from marketplace.proofs.note import Checkpoint, Signer, Verifier


class Refused(Exception):
    """The witness does not cosign: the message says why."""


@dataclass(frozen=True)
class Witness:
    """A witness's key, the log's verifier key and where the witness keeps its state."""

    signer: Signer
    log: Verifier
    state: Path

    def cosign(self, note: str, proof: list[bytes]) -> str:
        """The note with this witness's line added, if it is the log's, and consistent with
        the last one cosigned (``proof``: the consistency proof from that one's size)."""
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
        cosigned = note + self.signer.sign(body)
        self.state.write_text(cosigned, encoding="utf-8")
        return cosigned
