"""``ocop keygen``, ``ocop checkpoint`` and ``ocop verify --checkpoint``: the log's signing key,
its signed checkpoints, and checking the stored log against a checkpoint kept outside it."""

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marketplace.proofs.note import COSIGNATURE, ED25519, Checkpoint, Signer, Verifier


def cmd_keygen(args: argparse.Namespace) -> int:
    """Write a new Ed25519 signing key (C2SP signer-key text) and print its verifier key."""
    witness = getattr(args, "witness_command", None) == "keygen"
    try:
        signer = Signer.generate(
            args.name if witness else args.origin, COSIGNATURE if witness else ED25519
        )
    except ValueError as wrong:
        print(f"refused ({'name' if witness else 'origin'}): {wrong}", file=sys.stderr)
        return 2
    path = Path(args.output)
    try:  # created readable by its owner only, and never over an existing key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"refused (output): {path} exists; a key is never overwritten", file=sys.stderr)
        return 2
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"{signer}\n")
    print(signer.verifier())
    return 0


def cmd_checkpoint(args: argparse.Namespace, marketplace: Callable[[], Any]) -> int:
    """Sign a checkpoint of the log as it is now, keep it and print the note."""
    from marketplace.proofs.log import KEY_VARIABLE, load_signer, sign_checkpoint
    from marketplace.proofs.store import TreeStore

    signer = load_signer()
    if signer is None:
        print(f"refused: set {KEY_VARIABLE} to a key file (ocop keygen)", file=sys.stderr)
        return 1
    app = marketplace()
    try:
        sys.stdout.write(sign_checkpoint(TreeStore(app.recorder), signer))
    finally:
        app.close()
    return 0


def verify_checkpoint(args: argparse.Namespace, app: Any) -> int:
    """``ocop verify --checkpoint``: 0 if the stored log is consistent with that checkpoint."""
    from marketplace.proofs.log import check_against
    from marketplace.proofs.store import TreeStore

    try:
        note = Path(args.checkpoint).read_text(encoding="utf-8")
        Checkpoint.parse(note)
    except (OSError, ValueError) as unusable:
        print(f"refused (checkpoint): {unusable}", file=sys.stderr)
        return 2
    verifier = None
    if args.verifier_key:
        key = Path(args.verifier_key)
        try:
            verifier = Verifier.parse(
                key.read_text(encoding="utf-8") if key.is_file() else str(key)
            )
        except (OSError, ValueError) as unusable:
            print(f"refused (verifier-key): {unusable}", file=sys.stderr)
            return 2
    result = check_against(app.recorder, TreeStore(app.recorder), note, verifier)
    print(json.dumps(result.as_dict(), indent=2))
    return 0 if result.ok else 1


def cmd_witness_cosign(args: argparse.Namespace) -> int:
    """As a witness: cosign the log's checkpoint if it is consistent with the last cosigned."""
    from marketplace.proofs.witness import Refused, Witness

    try:
        signer = Signer.parse(Path(args.key).read_text(encoding="utf-8"))
        log = Verifier.parse(_text(args.log_key))
        note = Path(args.checkpoint).read_text(encoding="utf-8")
        proof = json.loads(_text(args.proof))["path"] if args.proof else []
        path = [bytes.fromhex(h) for h in proof]
    except (OSError, ValueError, KeyError, TypeError) as unusable:
        print(f"refused: cannot read the inputs: {unusable}", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(Witness(signer, log, Path(args.state)).cosign(note, path))
    except Refused as refusal:
        print(f"refused: {refusal}", file=sys.stderr)
        return 1
    return 0


def cmd_witness_accept(args: argparse.Namespace, marketplace: Callable[[], Any]) -> int:
    """As the log's operator: keep a witness's cosignature of a checkpoint the log signed (it
    must verify against OCOP_WITNESS_KEYS); it is served with the checkpoint from then on."""
    from marketplace.errors import InvalidRequest
    from marketplace.proofs.cosignatures import accept, load_witnesses
    from marketplace.proofs.store import TreeStore

    try:
        note = _text(args.note)
        witnesses = load_witnesses()
    except (OSError, ValueError) as unusable:
        print(f"refused: {unusable}", file=sys.stderr)
        return 2
    app = marketplace()
    try:
        kept = accept(TreeStore(app.recorder), witnesses, note)
    except InvalidRequest as refused:
        print(f"refused: {refused.message}", file=sys.stderr)
        return 1
    finally:
        app.close()
    print(f"kept: {', '.join(kept)}" if kept else "already kept: nothing new")
    return 0


def _text(value: str) -> str:
    """A file's text, or the value itself when it names no file."""
    path = Path(value)
    return path.read_text(encoding="utf-8") if path.is_file() else value


def add_checkpoint_options(verify: argparse.ArgumentParser) -> None:
    """``--checkpoint`` and ``--verifier-key`` for ``ocop verify``."""
    verify.add_argument(
        "--checkpoint",
        metavar="NOTE_FILE",
        help="check the log against this signed checkpoint, kept outside the database",
    )
    verify.add_argument(
        "--verifier-key",
        metavar="KEY",
        help="the log's verifier key (a file or the key text); checks the note's signature",
    )


def add_proof_parsers(sub: Any, marketplace: Callable[[], Any]) -> None:
    """``ocop keygen`` and ``ocop checkpoint``."""
    keygen = sub.add_parser("keygen", help=cmd_keygen.__doc__)
    keygen.add_argument("--origin", required=True, help="the log's name, e.g. ocop.example.vn/log")
    keygen.add_argument("-o", "--output", required=True, help="the key file to write (new)")
    keygen.set_defaults(run=cmd_keygen)
    checkpoint = sub.add_parser("checkpoint", help=cmd_checkpoint.__doc__)
    checkpoint.set_defaults(run=lambda args: cmd_checkpoint(args, marketplace))
    witness = sub.add_parser("witness", help="as another party, cosign the log's checkpoints")
    witness_commands = witness.add_subparsers(dest="witness_command", required=True)
    witness_keygen = witness_commands.add_parser(
        "keygen", help="write a new witness's cosigner key (Ed25519, C2SP cosignature/v1)"
    )
    witness_keygen.add_argument("--name", required=True, help="e.g. kiemtoan.example.vn/w1")
    witness_keygen.add_argument("-o", "--output", required=True, help="the key file to write")
    witness_keygen.set_defaults(run=cmd_keygen)
    accept = witness_commands.add_parser("accept", help=cmd_witness_accept.__doc__)
    accept.add_argument("note", help="the cosigned checkpoint (a file or its text)")
    accept.set_defaults(run=lambda args: cmd_witness_accept(args, marketplace))
    cosign = witness_commands.add_parser("cosign", help=cmd_witness_cosign.__doc__)
    cosign.add_argument("checkpoint", help="the new checkpoint (GET /api/v1/audit/checkpoint)")
    cosign.add_argument("--key", required=True, help="the witness's own signing key file")
    cosign.add_argument("--log-key", required=True, help="the log's verifier key (file or text)")
    cosign.add_argument("--state", required=True, help="the witness's file: last cosigned")
    cosign.add_argument(
        "--proof", help="/audit/proof/consistency?from=LAST&to=NEW's JSON (file or text)"
    )
    cosign.set_defaults(run=cmd_witness_cosign)
