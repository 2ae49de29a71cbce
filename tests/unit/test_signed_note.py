"""C2SP signed notes: the Go sumdb/note reference vector, keys that hold '+', checkpoints."""

import pytest

from marketplace.proofs.note import Checkpoint, Signer, Verifier, checkpoint_body

# golang.org/x/mod/sumdb/note's documented example.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgK"
    "vqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


def test_the_go_reference_note_is_signed_and_verified_byte_for_byte():
    signer = Signer.parse(GO_SIGNER)
    assert str(signer) == GO_SIGNER and str(signer.verifier()) == GO_VERIFIER
    assert GO_TEXT + "\n" + signer.sign(GO_TEXT) == GO_NOTE
    assert Verifier.parse(GO_VERIFIER).verifies(GO_NOTE)
    assert not Verifier.parse(GO_VERIFIER).verifies(GO_NOTE.replace("problem", "answer", 1))


def test_keys_whose_base64_holds_a_plus_round_trip():
    signers = [Signer.generate("ocop.test/log") for _ in range(40)]
    plus = [s for s in signers if "+" in str(s.verifier()).split("+", 2)[2]]
    assert plus  # 40 keys: the chance that none has a '+' is below 1e-30
    for signer in plus:
        assert Signer.parse(str(signer)) == signer
        assert Verifier.parse(str(signer.verifier())) == signer.verifier()


def test_a_checkpoint_reads_back_and_another_key_does_not_verify_it():
    signer = Signer.generate("ocop.test/log")
    body = checkpoint_body("ocop.test/log", 12, bytes(range(32)))
    note = body + "\n" + signer.sign(body)
    assert Checkpoint.parse(note) == Checkpoint("ocop.test/log", 12, bytes(range(32)))
    assert signer.verifier().verifies(note)
    assert not Signer.generate("ocop.test/log").verifier().verifies(note)


@pytest.mark.parametrize(
    "text", ["", "name+1234+AAAA", "name+zzzzzzzz+" + "A" * 44, GO_VERIFIER.replace("c74f", "c75f")]
)
def test_a_malformed_verifier_key_is_refused(text):
    with pytest.raises(ValueError):
        Verifier.parse(text)
