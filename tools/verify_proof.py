#!/usr/bin/env python3
"""Check the OCOP event log's proofs offline: a signed checkpoint, an inclusion proof and a
consistency proof (RFC 9162 §2.1, C2SP signed-note and tlog-checkpoint), and the witnesses'
cosignatures on a checkpoint (C2SP tlog-cosignature, Ed25519 cosignature/v1).

Needs Python 3.11 and the `cryptography` package (for Ed25519), nothing from the project:
it restates every definition it checks, so an auditor can read exactly what is checked.

    verify_proof.py checkpoint NOTE --key VERIFIER_KEY
    verify_proof.py inclusion NOTE --key VERIFIER_KEY --proof PROOF.json [--event LINE.json]
    verify_proof.py consistency OLD_NOTE NEW_NOTE --key VERIFIER_KEY --proof PROOF.json
    verify_proof.py bundle BUNDLE.json [--key VERIFIER_KEY]
    ... --witness-key WITNESS_KEY [--witness-key ...]   (with checkpoint, inclusion, consistency)

NOTE is a checkpoint saved from GET /api/v1/audit/checkpoint (or `ocop checkpoint`), the key
the text of GET /api/v1/audit/verifier-key (a file or the text itself), PROOF.json the answer
of /audit/proof/inclusion or /audit/proof/consistency. --event takes one line of an export
(`ocop export-events`): the leaf is then rebuilt from the stored row it carries, so the proof
shows that this very event is in the signed log. Each --witness-key (a witness's verifier key:
algorithm byte 0x04, or a plain 0x01 note key read as its cosigner key) must have a valid
cosignature line on the (newer) checkpoint, or the check fails. BUNDLE.json is a proof bundle
downloaded from a public product page (or a receipt): the checkpoint, the verifier key, the
leaf's bytes and its inclusion proof in one file; --key checks it against a key obtained
elsewhere (the bundle's own key proves nothing about who signed: compare it with the published
one). Exit 0: OK; 1: the check failed; 2: bad input.
"""

import argparse
import base64
import hashlib
import json
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def node(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def event_leaf(line: dict) -> bytes:
    """The leaf hash of an exported event: SHA-256(0x00 ‖ leaf), the leaf as docs/AUDITING.md."""
    stored = line["stored"]
    state = base64.b64decode(stored["state_b64"])
    header = f"{line['position']}\n{stored['originator_id']}\n{stored['version']}\n"
    header += f"{stored['topic']}\n{len(state)}\n"
    return sha256(b"\x00" + b"ocop-event-v1\n" + header.encode() + state)


def read_key(key: str, algorithms: bytes, whose: str) -> tuple[str, bytes, Ed25519PublicKey]:
    """A C2SP verifier key ``name+hex key hash+base64(algorithm byte ‖ Ed25519 key)``: its name,
    its algorithm byte and the public key, once the hash over name and key matches."""
    name, key_hash, encoded = key.strip().split("+", 2)
    raw = base64.b64decode(encoded, validate=True)
    if raw[:1] not in [bytes([b]) for b in algorithms] or len(raw) != 33:
        raise ValueError(f"{whose} {name} is not an Ed25519 key")
    if sha256(name.encode() + b"\n" + raw)[:4].hex() != key_hash:
        raise ValueError(f"{whose} {name}'s hash does not match its key")
    return name, raw[:1], Ed25519PublicKey.from_public_bytes(raw[1:])


def signature_lines(note: str, name: str) -> tuple[str, list[bytes]]:
    """The note's body (with its final newline) and the decoded signatures of lines by ``name``."""
    body, _, signatures = note.rpartition("\n\n")
    found = []
    for line in signatures.rstrip("\n").split("\n"):
        dash, signer, blob = (line.split(" ", 2) + ["", ""])[:3]
        if dash == "—" and signer == name:
            found.append(base64.b64decode(blob or ""))
    return body + "\n", found


def open_note(note: str, key: str) -> tuple[str, int, bytes]:
    """(origin, size, root) of a checkpoint whose signature by ``key`` verifies."""
    name, algorithm, public = read_key(key, b"\x01", "the verifier key")
    key_hash = sha256(name.encode() + b"\n" + algorithm + public.public_bytes_raw())[:4]
    body, signatures = signature_lines(note, name)
    for sig in signatures:
        if sig[:4] == key_hash:
            try:
                public.verify(sig[4:], body.encode())
            except InvalidSignature:
                continue
            origin, size, root = body.split("\n")[:3]
            return origin, int(size), base64.b64decode(root, validate=True)
    raise LookupError(f"no good signature by {name} on the checkpoint")


def cosigned_at(note: str, key: str) -> int:
    """The time (POSIX seconds) of a witness's valid cosignature/v1 line on the checkpoint.

    key ID = SHA-256(name ‖ "\\n" ‖ 0x04 ‖ public key)[:4]; the line carries base64(key ID ‖
    8-byte big-endian time ‖ Ed25519 signature); the signature covers
    "cosignature/v1\\ntime <time>\\n" followed by the note's body (C2SP tlog-cosignature)."""
    name, _, public = read_key(key, b"\x01\x04", "the witness key")
    key_id = sha256(name.encode() + b"\n" + b"\x04" + public.public_bytes_raw())[:4]
    body, signatures = signature_lines(note, name)
    for sig in signatures:
        if sig[:4] == key_id and len(sig) == 76:
            at = int.from_bytes(sig[4:12], "big")
            message = f"cosignature/v1\ntime {at}\n{body}".encode()
            try:
                public.verify(sig[12:], message)
            except InvalidSignature:
                continue
            return at
    raise LookupError(f"no valid cosignature by the witness {name} on the checkpoint")


def inclusion_ok(leaf: bytes, index: int, size: int, path: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def consistency_ok(m: int, n: int, old: bytes, new: bytes, path: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2 (and: equal sizes need equal roots and no path)."""
    if not 0 <= m <= n:
        return False
    if m == n or m == 0:
        return not path and (old == new if m == n else old == sha256(b""))
    if not path:
        return False
    if m & (m - 1) == 0:
        path = [old, *path]
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old and sr == new and sn == 0


def text(value: str) -> str:
    """The file's text if ``value`` names a file, else ``value`` itself."""
    try:
        is_file = Path(value).is_file()
    except OSError:  # a long text is no file name
        is_file = False
    return Path(value).read_text(encoding="utf-8") if is_file else value


def leaf_header(leaf: bytes) -> dict:
    """The fields a leaf's bytes bind (docs/AUDITING.md), and its event's data if it is JSON."""
    version, rest = leaf[:14], leaf[14:]
    if version != b"ocop-event-v1\n":
        raise ValueError("the leaf is not an ocop-event-v1 leaf")
    position, originator, number, topic, length, state = rest.split(b"\n", 5)
    if int(length) != len(state):
        raise ValueError("the leaf's state is not as long as its header says")
    said = {"position": int(position), "aggregate": originator.decode(), "version": int(number)}
    said["type"] = topic.decode().rpartition(":")[2]
    try:
        said["data"] = json.loads(state)
    except ValueError:  # a compressed or enciphered store: the bytes are still bound
        said["data"] = None
    return said


def check_bundle(args: argparse.Namespace) -> tuple[bool, str]:
    """A proof bundle: the note signed by the key, the leaf's bytes hash to the proven leaf,
    and the path leads from it to the signed root."""
    found = json.loads(text(args.note))
    key = text(args.key) if args.key else found["verifier_key"]
    origin, size, root = open_note(found["checkpoint"], key)
    leaf = base64.b64decode(found["leaf_b64"], validate=True)
    said = leaf_header(leaf)
    leaf_hash = sha256(b"\x00" + leaf)
    path = [bytes.fromhex(h) for h in found["path"]]
    index = found["leaf_index"]
    ok = (
        leaf_hash.hex() == found["leaf_hash"]
        and found["tree_size"] == size
        and said["position"] == found["position"]
        and inclusion_ok(leaf_hash, index, size, path, root)
    )
    event = f"{said['type']} of {said['aggregate']} (version {said['version']})"
    message = f"{'OK' if ok else 'BAD'}: event {said['position']}, {event}, is leaf {index} "
    message += f"of the checkpoint {origin} size {size} root {root.hex()}"
    if not args.key:
        message += (
            f"\nsigned by the bundle's own key {key.strip()}: compare it with the published one"
        )
    if ok and isinstance(said["data"], dict):
        message += "\n" + json.dumps(said["data"], ensure_ascii=False, sort_keys=True)
    return ok, message


def run(args: argparse.Namespace) -> tuple[bool, str]:
    if args.check == "bundle":
        return check_bundle(args)
    origin, size, root = open_note(text(args.note), text(args.key))
    said = f"{origin} size {size} root {root.hex()}"
    witnessed = ""
    for key in args.witness_key or []:
        newest = text(args.new_note if args.check == "consistency" else args.note)
        at = cosigned_at(newest, text(key))
        witnessed += f"\nOK: cosigned by {text(key).strip().split('+', 1)[0]} at {at} (POSIX)"
    if args.check == "checkpoint":
        return True, f"OK: signed checkpoint of {said}{witnessed}"
    proof = json.loads(text(args.proof))
    path = [bytes.fromhex(h) for h in proof["path"]]
    if args.check == "inclusion":
        leaf = bytes.fromhex(proof["leaf_hash"])
        if args.event and event_leaf(json.loads(text(args.event))) != leaf:
            return False, "BAD: the exported event is not the leaf the proof is about"
        ok = proof["tree_size"] == size and inclusion_ok(
            leaf, proof["leaf_index"], size, path, root
        )
        return ok, f"{'OK' if ok else 'BAD'}: leaf {proof['leaf_index']} in {said}{witnessed}"
    _, new_size, new_root = open_note(text(args.new_note), text(args.key))
    ok = (proof["from"], proof["to"]) == (size, new_size) and consistency_ok(
        size, new_size, root, new_root, path
    )
    return ok, f"{'OK' if ok else 'BAD'}: size {new_size} extends {said}{witnessed}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=["checkpoint", "inclusion", "consistency", "bundle"])
    parser.add_argument("note", help="the (older) checkpoint, or the bundle: a file or its text")
    parser.add_argument("new_note", nargs="?", help="consistency: the newer checkpoint")
    parser.add_argument("--key", help="the log's verifier key (file or text)")
    parser.add_argument("--proof", help="the proof's JSON (file or text)")
    parser.add_argument("--event", help="inclusion: one line of an export (file or text)")
    parser.add_argument(
        "--witness-key",
        action="append",
        help="a witness's verifier key (file or text) whose cosignature must be on the "
        "(newer) checkpoint; give it once per witness",
    )
    args = parser.parse_args()
    if args.check != "bundle" and not args.key:
        parser.error("--key is needed")
    if args.check not in ("checkpoint", "bundle") and not args.proof:
        parser.error("--proof is needed")
    if args.check == "consistency" and not args.new_note:
        parser.error("consistency needs the older and the newer checkpoint")
    try:
        ok, message = run(args)
    except LookupError as bad:
        ok, message = False, f"BAD: {bad}"
    except (ValueError, KeyError, TypeError, OSError) as unusable:
        print(f"cannot check: {unusable}", file=sys.stderr)
        return 2
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
