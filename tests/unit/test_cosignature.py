"""C2SP tlog-cosignature (Ed25519 cosignature/v1): the key ID's 0x04 byte, the timestamped
signature, the signed message, published vectors, and the streamed Merkle root."""

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st

from marketplace.proofs.merkle import Frontier, leaf_hash, over, root
from marketplace.proofs.note import COSIGNATURE, Signer, Verifier, checkpoint_body, split_note

LOG = Signer.generate("ocop.test/log")
BODY = checkpoint_body(LOG.name, 20852163, hashlib.sha256(b"root").digest())
NOTE = BODY + "\n" + LOG.sign(BODY)

# transparency-dev/formats note/note_cosigv1_test.go: a native cosignature/v1 verifier key,
# and a cosignature whose timestamp that package reads as 1727964367.
NATIVE_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
GO_COSIGNATURE = (
    "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJ"
    "XORmnFBOBA=="
)


def test_a_published_native_cosigner_key_parses_and_its_hash_uses_the_0x04_byte():
    key = Verifier.parse(NATIVE_VKEY)
    assert key.algorithm == COSIGNATURE and str(key) == NATIVE_VKEY
    assert hashlib.sha256(b"remora.n621.de\n\x04" + key.public).digest()[:4].hex() == "da77ade7"


def test_the_timestamp_sits_after_the_key_id_as_eight_big_endian_bytes():
    blob = base64.b64decode(GO_COSIGNATURE)
    assert len(blob) == 4 + 8 + 64 and int.from_bytes(blob[4:12], "big") == 1727964367


def test_a_cosignature_line_is_exactly_the_c2sp_format():
    witness = Signer.generate("witness.example/w1", COSIGNATURE)
    line = witness.cosign(BODY, 1679315147)
    dash, name, encoded = line.rstrip("\n").split(" ")
    assert (dash, name) == ("—", "witness.example/w1")
    blob = base64.b64decode(encoded)
    public = witness.verifier().public
    assert blob[:4] == hashlib.sha256(b"witness.example/w1\n\x04" + public).digest()[:4]
    assert blob[4:12] == (1679315147).to_bytes(8, "big")
    message = b"cosignature/v1\ntime 1679315147\n" + BODY.encode()
    Ed25519PublicKey.from_public_bytes(public).verify(blob[12:], message)  # raises if not
    cosigned = NOTE + line
    assert witness.verifier().signed_at(cosigned) == 1679315147
    assert LOG.verifier().verifies(cosigned)  # the log's own line still verifies


def test_a_cosignature_is_not_a_note_signature_nor_the_other_way_round():
    witness = Signer.generate("w", COSIGNATURE)
    as_note_key = Verifier("w", witness.verifier().public)  # the same key, algorithm 0x01
    cosigned = NOTE + witness.cosign(BODY, 1700000000)
    assert not as_note_key.verifies(cosigned)
    with pytest.raises(ValueError, match="cosigns"):
        witness.sign(BODY)
    with pytest.raises(ValueError, match="signs notes"):
        LOG.cosign(BODY, 1700000000)


def test_a_changed_time_root_or_extension_line_breaks_the_cosignature():
    witness = Signer.generate("w", COSIGNATURE)
    line = witness.cosign(BODY, 1700000000)
    blob = split_note(NOTE + line)[1][-1][1]
    later = blob[:4] + (1700000001).to_bytes(8, "big") + blob[12:]
    key = witness.verifier()
    assert key.check(BODY, blob) == 1700000000
    assert key.check(BODY, later) is None
    assert key.check(BODY.replace("20852163", "20852164"), blob) is None
    assert key.check(BODY + "extension\n", blob) is None
    assert key.check(BODY, blob[:-1]) is None


def test_a_witness_key_round_trips_as_text():
    witness = Signer.generate("kiemtoan.example.vn/w1", COSIGNATURE)
    again = Signer.parse(str(witness))
    assert again == witness and str(witness).startswith("PRIVATE+KEY+kiemtoan.example.vn/w1+")
    assert Verifier.parse(str(witness.verifier())) == witness.verifier()
    assert base64.b64decode(str(witness.verifier()).split("+", 2)[2])[:1] == COSIGNATURE


@given(st.lists(st.binary(max_size=8), max_size=300))
def test_the_streamed_root_equals_the_recursive_one(data):
    leaves = [leaf_hash(d) for d in data]
    frontier = Frontier()
    for index, digest in enumerate(leaves):
        assert frontier.root() == root(over(leaves), index)
        frontier.add(digest)
    assert frontier.root() == root(over(leaves), len(leaves)) and frontier.size == len(leaves)
    assert len(frontier.stack) <= max(1, len(leaves)).bit_length()  # O(log n) kept
