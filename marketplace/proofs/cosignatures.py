"""The log's side of witnessing: accept a witness's cosignature of a kept checkpoint, keep it
and serve it with the checkpoint.

The witnesses the log accepts are configured by the operator: ``OCOP_WITNESS_KEYS`` names a file
of their C2SP verifier keys, one a line (``#`` starts a comment): a cosigner key with algorithm
byte 0x04 (``ocop witness keygen`` prints one), or a plain Ed25519 note key (0x01) of a witness,
read as its cosigner key as transparency-dev's ``NewVerifierForCosignatureV1`` does. A submitted note must be a checkpoint the log signed (same body,
byte for byte) and carry at least one line of a configured witness that verifies as its
cosignature/v1; every witness line must verify, or nothing is kept.
"""

import base64
import os
from datetime import UTC, datetime
from pathlib import Path

from marketplace.errors import InvalidRequest
from marketplace.proofs.note import COSIGNATURE, Checkpoint, Verifier, split_note
from marketplace.proofs.store import TreeStore

WITNESS_KEYS_VARIABLE = "OCOP_WITNESS_KEYS"
MAX_SIZE = 2**63 - 1
FUTURE_SLACK = 600
"""Seconds a witness's clock may run ahead of the log's before its line is refused."""


def load_witnesses(environ: dict[str, str] | None = None) -> list[Verifier]:
    """The witnesses' verifier keys of OCOP_WITNESS_KEYS (none when it is not set)."""
    path = (environ if environ is not None else os.environ).get(WITNESS_KEYS_VARIABLE)
    if not path:
        return []
    witnesses = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            key = Verifier.parse(text)
        except ValueError as wrong:
            raise ValueError(f"{WITNESS_KEYS_VARIABLE} line {number}: {wrong}") from None
        witnesses.append(Verifier(key.name, key.public, COSIGNATURE))
    return witnesses


def accept(
    store: TreeStore, witnesses: list[Verifier], note: str, now: float | None = None
) -> list[str]:
    """Keep the witnesses' lines of a cosigned checkpoint; the names of the witnesses whose
    line was new. Refuses (InvalidRequest naming ``note``) a note that is not one the log
    signed, that carries no witness line, or a line that is unknown or does not verify."""
    try:
        body, lines = split_note(note)
        size = Checkpoint.parse(note).size
    except ValueError as wrong:
        raise InvalidRequest.because("not_a_signed_note", "note", problem=str(wrong)) from None
    kept = store.checkpoint(size) if size <= MAX_SIZE else None  # a bigger one fits no column
    if kept is None:
        raise InvalidRequest.because("cosigned_unknown_size", "note", size=size)
    kept_body, own = split_note(kept)
    if kept_body != body:
        raise InvalidRequest.because("not_the_kept_checkpoint", "note", size=size)
    clock = now if now is not None else datetime.now(UTC).timestamp()
    by_id = {(w.name, w.key_hash()): w for w in witnesses}
    found: dict[str, tuple[bytes, int]] = {}
    for name, blob in lines:
        if (name, blob) in own:
            continue  # the log's own signature
        witness = by_id.get((name, blob[:4]))
        if witness is None:
            raise InvalidRequest.because("unknown_witness", "note", witness=name)
        at = witness.check(body, blob)
        if at is None:
            raise InvalidRequest.because("bad_cosignature", "note", witness=name)
        if at > clock + FUTURE_SLACK:
            moment = datetime.fromtimestamp(min(at, 253402300799), UTC).isoformat()
            raise InvalidRequest.because("cosigned_in_future", "note", witness=name, moment=moment)
        found[name] = (blob, at)
    if not found:
        raise InvalidRequest.because("no_cosignature", "note")
    received = datetime.fromtimestamp(clock, UTC).isoformat()
    return [
        name
        for name, (blob, at) in sorted(found.items())
        if store.keep_cosignature(size, name, _line(name, blob), at, received)
    ]


def served(store: TreeStore, size: int | None = None) -> str | None:
    """The kept checkpoint (latest, or of ``size``) with the witnesses' kept lines added."""
    note = store.checkpoint(size)
    if note is None:
        return None
    extra = store.cosignature_lines(Checkpoint.parse(note).size)
    return note + "".join(line for line in extra if line not in note)


def _line(name: str, blob: bytes) -> str:
    return f"— {name} {base64.b64encode(blob).decode()}\n"
