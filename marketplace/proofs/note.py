"""C2SP signed notes with Ed25519 keys, and tlog-checkpoint bodies (https://c2sp.org).

    checkpoint body:  <origin>\\n<tree size>\\n<base64 root hash>\\n
    signed note:      <body>\\n— <key name> <base64(4-byte key hash ‖ signature)>\\n ...
    verifier key:     <name>+<8 hex digits key hash>+<base64(0x01 ‖ public key)>
    signer key:       PRIVATE+KEY+<name>+<8 hex digits key hash>+<base64(0x01 ‖ seed)>

The key hash is the first 4 bytes of SHA-256(name ‖ "\\n" ‖ 0x01 ‖ public key); the signature
covers the body exactly. tools/verify_proof.py restates the checking side.

A witness's key has the algorithm byte 0x04 instead (C2SP tlog-cosignature, Ed25519
cosignature/v1), and its line carries base64(4-byte key hash ‖ 8-byte big-endian POSIX time ‖
signature), the signature covering "cosignature/v1\\ntime <time>\\n" followed by the note body.
"""

import base64
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
COSIGNATURE = b"\x04"
"""The algorithm byte of an Ed25519 cosigner key (C2SP tlog-cosignature, cosignature/v1)."""
ALGORITHMS = (ED25519, COSIGNATURE)
NAME = re.compile(r"^[^\s+]+$")
MAX_TIME = 2**63 - 1


def key_hash(name: str, public: bytes, algorithm: bytes = ED25519) -> bytes:
    """The 4 bytes that tie a signature line to a key."""
    return hashlib.sha256(name.encode() + b"\n" + algorithm + public).digest()[:4]


def cosigned_message(body: str, timestamp: int) -> bytes:
    """What a cosignature/v1 signs: a header line, a time line, then the whole note body."""
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


@dataclass(frozen=True)
class Verifier:
    """A public key able to check one name's signatures."""

    name: str
    public: bytes
    algorithm: bytes = ED25519

    def __str__(self) -> str:
        encoded = base64.b64encode(self.algorithm + self.public).decode()
        return f"{self.name}+{self.key_hash().hex()}+{encoded}"

    def key_hash(self) -> bytes:
        return key_hash(self.name, self.public, self.algorithm)

    @classmethod
    def parse(cls, text: str) -> "Verifier":
        name, hash_hex, encoded = _three(text.strip(), "a verifier key is NAME+HASH+KEY")
        raw = base64.b64decode(encoded, validate=True)
        if raw[:1] not in ALGORITHMS or len(raw) != 33:
            raise ValueError("the verifier key is not a well-formed Ed25519 key")
        if key_hash(name, raw[1:], raw[:1]).hex() != hash_hex:
            raise ValueError("the verifier key's hash does not match its key")
        return cls(name, raw[1:], raw[:1])

    def verifies(self, note: str) -> bool:
        """Does a line of the note carry a good signature by this key?"""
        return self.signed_at(note) is not None

    def signed_at(self, note: str) -> int | None:
        """For a good line of this key on the note: its cosignature's time (0 for a plain
        note signature, which has none); None if no line of the note verifies."""
        body, lines = split_note(note)
        for name, blob in lines:
            if name == self.name and (at := self.check(body, blob)) is not None:
                return at
        return None

    def check(self, body: str, blob: bytes) -> int | None:
        """The time of one decoded signature by this key over ``body`` (0 for a plain note
        signature), or None if it is not this key's or does not verify."""
        key = Ed25519PublicKey.from_public_bytes(self.public)
        if blob[:4] != self.key_hash():
            return None
        if self.algorithm == ED25519:
            message, signature, at = body.encode(), blob[4:], 0
        elif len(blob) == 4 + 8 + 64:
            at = int.from_bytes(blob[4:12], "big")
            message, signature = cosigned_message(body, at), blob[12:]
            if at > MAX_TIME:
                return None
        else:
            return None
        try:
            key.verify(signature, message)
        except InvalidSignature:
            return None
        return at


@dataclass(frozen=True)
class Signer:
    """A private key and its name: signs notes."""

    name: str
    seed: bytes
    algorithm: bytes = ED25519

    @classmethod
    def generate(cls, name: str, algorithm: bytes = ED25519) -> "Signer":
        """A new key: a log's (0x01, signs notes) or a witness's (0x04, cosigns them)."""
        if not NAME.match(name):
            raise ValueError("a key name has no spaces and no '+'")
        return cls(name, Ed25519PrivateKey.generate().private_bytes_raw(), algorithm)

    @classmethod
    def parse(cls, text: str) -> "Signer":
        if not text.startswith("PRIVATE+KEY+"):
            raise ValueError("a signer key begins with PRIVATE+KEY+")
        name, hash_hex, encoded = _three(
            text.strip()[12:], "a signer key is PRIVATE+KEY+NAME+HASH+KEY"
        )
        raw = base64.b64decode(encoded, validate=True)
        if raw[:1] not in ALGORITHMS or len(raw) != 33:
            raise ValueError("the signer key is not a well-formed Ed25519 key")
        signer = cls(name, raw[1:], raw[:1])
        if signer.verifier().key_hash().hex() != hash_hex:
            raise ValueError("the signer key's hash does not match its key")
        return signer

    def __str__(self) -> str:
        encoded = base64.b64encode(self.algorithm + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier().key_hash().hex()}+{encoded}"

    def verifier(self) -> Verifier:
        public = Ed25519PrivateKey.from_private_bytes(self.seed).public_key()
        raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Verifier(self.name, raw, self.algorithm)

    def sign(self, body: str) -> str:
        """The signature line for a note body (a log's key)."""
        if self.algorithm != ED25519:
            raise ValueError("a witness's key cosigns (cosignature/v1); it does not sign notes")
        signature = Ed25519PrivateKey.from_private_bytes(self.seed).sign(body.encode())
        return self._line(self.verifier().key_hash() + signature)

    def cosign(self, body: str, timestamp: int) -> str:
        """The cosignature/v1 line for a note body at a POSIX time (a witness's key)."""
        if self.algorithm != COSIGNATURE:
            raise ValueError("a log's key signs notes; a witness cosigns with a 0x04 key")
        if not 0 <= timestamp <= MAX_TIME:
            raise ValueError("a cosignature's time is 0 to 2**63 - 1 seconds")
        message = cosigned_message(body, timestamp)
        signature = Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)
        return self._line(self.verifier().key_hash() + timestamp.to_bytes(8, "big") + signature)

    def _line(self, blob: bytes) -> str:
        return f"— {self.name} {base64.b64encode(blob).decode()}\n"


def _three(text: str, shape: str) -> tuple[str, str, str]:
    parts = text.split("+", 2)  # the base64 key may itself hold "+"
    if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        raise ValueError(shape)
    return parts[0], parts[1], parts[2]


def checkpoint_body(origin: str, size: int, root_hash: bytes) -> str:
    """The text a checkpoint signs."""
    return f"{origin}\n{size}\n{base64.b64encode(root_hash).decode()}\n"


def split_note(note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """(body, [(key name, decoded signature blob)]) of a signed note."""
    body, sep, signatures = note.rpartition("\n\n")
    if not sep:
        raise ValueError("a signed note has a blank line before its signatures")
    lines = []
    for line in signatures.rstrip("\n").split("\n"):
        dash, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        if dash != "—" or not name or not encoded:
            raise ValueError("a signature line is '— NAME SIGNATURE'")
        lines.append((name, base64.b64decode(encoded, validate=True)))
    return body + "\n", lines


@dataclass(frozen=True)
class Checkpoint:
    """What a checkpoint body says."""

    origin: str
    size: int
    root: bytes

    @classmethod
    def parse(cls, note: str) -> "Checkpoint":
        body, _ = split_note(note)
        lines = body.split("\n")
        if len(lines) < 4 or not lines[1].isdigit():
            raise ValueError("a checkpoint is ORIGIN, SIZE and ROOT on three lines")
        root_hash = base64.b64decode(lines[2], validate=True)
        if len(root_hash) != 32:
            raise ValueError("a checkpoint's root hash is 32 bytes")
        return cls(lines[0], int(lines[1]), root_hash)
