"""C2SP signed notes with Ed25519 keys, and tlog-checkpoint bodies (https://c2sp.org).

    checkpoint body:  <origin>\\n<tree size>\\n<base64 root hash>\\n
    signed note:      <body>\\n— <key name> <base64(4-byte key hash ‖ signature)>\\n ...
    verifier key:     <name>+<8 hex digits key hash>+<base64(0x01 ‖ public key)>
    signer key:       PRIVATE+KEY+<name>+<8 hex digits key hash>+<base64(0x01 ‖ seed)>

The key hash is the first 4 bytes of SHA-256(name ‖ "\\n" ‖ 0x01 ‖ public key); the signature
covers the body exactly. tools/verify_proof.py restates the checking side.
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
NAME = re.compile(r"^[^\s+]+$")


def key_hash(name: str, public: bytes) -> bytes:
    """The 4 bytes that tie a signature line to a key."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    """A public key able to check one name's signatures."""

    name: str
    public: bytes

    def __str__(self) -> str:
        encoded = base64.b64encode(ED25519 + self.public).decode()
        return f"{self.name}+{key_hash(self.name, self.public).hex()}+{encoded}"

    @classmethod
    def parse(cls, text: str) -> "Verifier":
        name, hash_hex, encoded = _three(text.strip(), "a verifier key is NAME+HASH+KEY")
        raw = base64.b64decode(encoded, validate=True)
        if raw[:1] != ED25519 or len(raw) != 33 or key_hash(name, raw[1:]).hex() != hash_hex:
            raise ValueError("the verifier key is not a well-formed Ed25519 key")
        return cls(name, raw[1:])

    def verifies(self, note: str) -> bool:
        """Does a line of the note carry a good signature by this key?"""
        body, lines = split_note(note)
        mine = key_hash(self.name, self.public)
        key = Ed25519PublicKey.from_public_bytes(self.public)
        for name, blob in lines:
            if name == self.name and blob[:4] == mine:
                try:
                    key.verify(blob[4:], body.encode())
                    return True
                except InvalidSignature:
                    continue
        return False


@dataclass(frozen=True)
class Signer:
    """A private key and its name: signs notes."""

    name: str
    seed: bytes

    @classmethod
    def generate(cls, name: str) -> "Signer":
        if not NAME.match(name):
            raise ValueError("a key name has no spaces and no '+'")
        return cls(name, Ed25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def parse(cls, text: str) -> "Signer":
        if not text.startswith("PRIVATE+KEY+"):
            raise ValueError("a signer key begins with PRIVATE+KEY+")
        name, hash_hex, encoded = _three(
            text.strip()[12:], "a signer key is PRIVATE+KEY+NAME+HASH+KEY"
        )
        raw = base64.b64decode(encoded, validate=True)
        if raw[:1] != ED25519 or len(raw) != 33:
            raise ValueError("the signer key is not a well-formed Ed25519 key")
        signer = cls(name, raw[1:])
        if key_hash(name, signer.verifier().public).hex() != hash_hex:
            raise ValueError("the signer key's hash does not match its key")
        return signer

    def __str__(self) -> str:
        public = self.verifier().public
        encoded = base64.b64encode(ED25519 + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{key_hash(self.name, public).hex()}+{encoded}"

    def verifier(self) -> Verifier:
        public = Ed25519PrivateKey.from_private_bytes(self.seed).public_key()
        return Verifier(self.name, public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    def sign(self, body: str) -> str:
        """The signature line for a note body."""
        signature = Ed25519PrivateKey.from_private_bytes(self.seed).sign(body.encode())
        blob = key_hash(self.name, self.verifier().public) + signature
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
