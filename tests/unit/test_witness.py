"""A witness cosigns checkpoints that only grow, and refuses one inconsistent with its last."""

import pytest

from marketplace.proofs.merkle import consistency_path, leaf_hash, over, root
from marketplace.proofs.note import COSIGNATURE, Signer, checkpoint_body
from marketplace.proofs.witness import Refused, Witness

LOG = Signer.generate("ocop.test/log")


def signed(leaves: list[bytes], size: int) -> str:
    body = checkpoint_body(LOG.name, size, root(over(leaves), size))
    return body + "\n" + LOG.sign(body)


def test_a_witness_cosigns_growth_and_refuses_a_rewritten_history(tmp_path):
    witness_key = Signer.generate("witness.test", COSIGNATURE)
    witness = Witness(witness_key, LOG.verifier(), tmp_path / "state")
    log = [leaf_hash(bytes([i])) for i in range(9)]
    first = witness.cosign(signed(log, 5), [])
    assert witness_key.verifier().verifies(first) and LOG.verifier().verifies(first)
    grown = witness.cosign(signed(log, 9), consistency_path(over(log), 5, 9))
    assert witness_key.verifier().verifies(grown)

    forked = [*log[:3], leaf_hash(b"forged"), *log[4:], leaf_hash(b"more")]
    proof = consistency_path(over(forked), 9, 10)
    with pytest.raises(Refused, match="not consistent"):
        witness.cosign(signed(forked, 10), proof)
    with pytest.raises(Refused, match="smaller"):
        witness.cosign(signed(log, 6), [])
    other = Signer.generate("ocop.test/log")
    body = checkpoint_body(other.name, 9, root(over(log), 9))
    with pytest.raises(Refused, match="not signed"):
        witness.cosign(body + "\n" + other.sign(body), [])
    assert (tmp_path / "state").read_text(encoding="utf-8") == grown  # refusals change nothing


def test_ocop_witness_cosign_prints_the_cosigned_note_or_refuses(tmp_path, capsys):
    import json

    from marketplace.cli import main

    key, log_key = tmp_path / "witness.key", tmp_path / "log.pub"
    key.write_text(f"{Signer.generate('witness.test', COSIGNATURE)}\n", encoding="utf-8")
    log_key.write_text(f"{LOG.verifier()}\n", encoding="utf-8")
    log = [leaf_hash(bytes([i])) for i in range(7)]
    files = {"a": signed(log, 3), "b": signed(log, 7), "fork": signed(log[::-1], 7)}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    proof = tmp_path / "proof.json"
    proof.write_text(json.dumps({"path": [h.hex() for h in consistency_path(over(log), 3, 7)]}))
    base = ["witness", "cosign", "--key", str(key), "--log-key", str(log_key)]
    base += ["--state", str(tmp_path / "state")]
    assert main([*base, str(tmp_path / "a")]) == 0
    assert main([*base, str(tmp_path / "b"), "--proof", str(proof)]) == 0
    assert capsys.readouterr().out.count("— witness.test ") == 2
    assert main([*base, str(tmp_path / "fork"), "--proof", str(proof)]) == 1
    assert "not consistent" in capsys.readouterr().err
