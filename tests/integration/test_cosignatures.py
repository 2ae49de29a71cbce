"""Witnesses' cosignatures on both stores: cosigned by a witness, accepted by the log only if
they verify against a configured witness key, served with the checkpoint and checked offline;
the tree's tables made by ``ocop init``; ``ocop verify --checkpoint`` streamed over the log."""

import base64
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from marketplace.errors import InvalidRequest
from marketplace.proofs import log as proof_log
from marketplace.proofs import store as proof_store
from marketplace.proofs.cosignatures import accept, load_witnesses, served
from marketplace.proofs.leaf import event_leaf_hash
from marketplace.proofs.log import check_against, sign_checkpoint
from marketplace.proofs.merkle import consistency_path, over, root
from marketplace.proofs.note import COSIGNATURE, Checkpoint, Signer, split_note
from marketplace.proofs.store import TreeStore
from marketplace.proofs.witness import Witness
from tests.integration.conftest import moment
from tests.integration.test_audit_chain import RawStore
from tests.offline_verifier import run_proof_verifier

NOW = datetime(2026, 12, 3, tzinfo=UTC).timestamp()


def sell(marketplace, shelf, day: int) -> None:
    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(day),
    )


@pytest.fixture
def log_key() -> Signer:
    return Signer.generate("test.ocop.example/log")


@pytest.fixture
def tree(marketplace, shelf) -> TreeStore:
    for day in range(2, 6):
        sell(marketplace, shelf, day)
    return TreeStore(marketplace.recorder)


def witness_of(tmp_path, log_key: Signer, name: str = "kiemtoan.test/w1") -> Witness:
    return Witness(
        Signer.generate(name, COSIGNATURE), log_key.verifier(), tmp_path / name.replace("/", "_")
    )


def test_cosigned_submitted_served_and_verified_offline(
    marketplace, shelf, tree, log_key, tmp_path
):
    witness = witness_of(tmp_path, log_key)
    first = sign_checkpoint(tree, log_key)
    cosigned = witness.cosign(first, [])
    assert accept(tree, [witness.signer.verifier()], cosigned) == ["kiemtoan.test/w1"]
    assert accept(tree, [witness.signer.verifier()], cosigned) == []  # a repeat keeps one line
    assert served(tree) == cosigned

    sell(marketplace, shelf, 7)
    second = sign_checkpoint(tree, log_key)
    old, new = Checkpoint.parse(first).size, Checkpoint.parse(second).size
    grown = witness.cosign(second, consistency_path(tree.subtree, old, new))
    accept(tree, [witness.signer.verifier()], grown)
    assert served(tree) == grown and served(tree, old) == cosigned
    assert tree.cosigned() == [
        {
            "witness": "kiemtoan.test/w1",
            "size": new,
            "cosigned_at": witness.signer.verifier().signed_at(grown),
        }
    ]

    files = {"note": served(tree), "log": f"{log_key.verifier()}\n"}
    files["witness"] = f"{witness.signer.verifier()}\n"
    files["stranger"] = f"{Signer.generate('other.test/w', COSIGNATURE).verifier()}\n"
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    check = ["checkpoint", str(tmp_path / "note"), "--key", str(tmp_path / "log")]
    code, out = run_proof_verifier(*check, "--witness-key", str(tmp_path / "witness"))
    assert code == 0 and "cosigned by kiemtoan.test/w1" in out, out
    code, out = run_proof_verifier(*check, "--witness-key", str(tmp_path / "stranger"))
    assert code == 1 and "no valid cosignature by the witness other.test/w" in out, out


def test_witness_keys_are_read_from_ocop_witness_keys(tmp_path, log_key):
    native = Signer.generate("a.test/w", COSIGNATURE).verifier()
    plain = Signer.generate("b.test/w").verifier()  # a witness's 0x01 key: read as its cosigner key
    keys = tmp_path / "witnesses"
    keys.write_text(f"# the state audit\n{native}\n\n{plain}  # province\n", encoding="utf-8")
    read = load_witnesses({"OCOP_WITNESS_KEYS": str(keys)})
    assert [(w.name, w.algorithm) for w in read] == [
        ("a.test/w", COSIGNATURE),
        ("b.test/w", COSIGNATURE),
    ]
    assert load_witnesses({}) == []
    keys.write_text(f"{native}\nnot a key\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_witnesses({"OCOP_WITNESS_KEYS": str(keys)})


def refusal(tree, witnesses, note) -> InvalidRequest:
    with pytest.raises(InvalidRequest) as refused:
        accept(tree, witnesses, note, now=NOW)
    assert refused.value.field == "note"
    return refused.value


def test_a_forged_or_mismatched_cosignature_is_refused_and_nothing_is_kept(
    marketplace, shelf, tree, log_key, tmp_path
):
    witness = witness_of(tmp_path, log_key)
    keys = [witness.signer.verifier()]
    note = sign_checkpoint(tree, log_key)
    size = Checkpoint.parse(note).size
    body = note.rpartition("\n\n")[0] + "\n"
    good = witness.signer.cosign(body, int(NOW))
    name, blob = split_note(note + good)[1][-1]

    def line(b: bytes) -> str:
        return f"— {name} {base64.b64encode(b).decode()}\n"

    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    assert refusal(tree, keys, note + line(flipped)).reason == "bad_cosignature"
    redated = blob[:4] + (int(NOW) - 60).to_bytes(8, "big") + blob[12:]
    assert refusal(tree, keys, note + line(redated)).reason == "bad_cosignature"
    future = witness.signer.cosign(body, int(NOW) + 86400)
    assert refusal(tree, keys, note + future).reason == "cosigned_in_future"
    stranger = Signer.generate(name, COSIGNATURE).cosign(body, int(NOW))  # same name, other key
    assert refusal(tree, keys, note + stranger).reason == "unknown_witness"
    assert refusal(tree, keys, note).reason == "no_cosignature"
    assert refusal(tree, keys, "no blank line").reason == "not_a_signed_note"
    unknown = note.replace(f"\n{size}\n", f"\n{size + 5}\n", 1) + good
    refused = refusal(tree, keys, unknown)
    assert refused.reason == "cosigned_unknown_size" and refused.params == {"size": size + 5}

    sell(marketplace, shelf, 8)
    later = sign_checkpoint(tree, log_key)
    moved = later + good  # the line of the older checkpoint, pasted on the newer one
    assert refusal(tree, keys, moved).reason == "bad_cosignature"
    other_root = body.replace(body.split("\n")[2], base64.b64encode(b"\0" * 32).decode())
    forked = (
        other_root + "\n" + log_key.sign(other_root) + witness.signer.cosign(other_root, int(NOW))
    )
    assert refusal(tree, keys, forked).reason == "not_the_kept_checkpoint"
    other = witness_of(tmp_path, log_key, "tinh.test/w2")
    keys.append(other.signer.verifier())
    bad_other = other.signer.cosign(body.replace("\n", "\n\n", 0) + "x", int(NOW))
    half = note + good + bad_other  # one good line, one bad: none is kept
    assert refusal(tree, keys, half).reason == "bad_cosignature"
    assert tree.cosigned() == [] and served(tree, size) == note


def test_a_cosigned_size_beyond_any_database_integer_is_refused_as_unknown(tree, log_key, tmp_path):
    witness = witness_of(tmp_path, log_key)
    note = sign_checkpoint(tree, log_key)
    size = Checkpoint.parse(note).size
    huge = witness.cosign(note, []).replace(f"\n{size}\n", "\n99999999999999999999999999\n", 1)
    refused = refusal(tree, [witness.signer.verifier()], huge)
    assert refused.reason == "cosigned_unknown_size"


def test_ocop_init_creates_the_tree_tables(database_url, monkeypatch, tmp_path):
    from marketplace.application import Marketplace
    from marketplace.cli import main
    from marketplace.config import Settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    assert main(["init"]) == 0
    app = Marketplace.from_settings(
        Settings(**{**Settings.from_env().__dict__, "create_tables": False})
    )
    try:
        assert app.recorder.missing_tables() == []
        prefix = getattr(app.recorder, "table_prefix", "")
        with app.recorder.datastore.transaction(commit=False) as cursor:
            for table in (
                "merkle_leaves",
                "merkle_nodes",
                "merkle_checkpoints",
                "merkle_cosignatures",
            ):
                cursor.execute(f"SELECT count(*) AS n FROM {prefix}{table}")
                assert cursor.fetchone()["n"] == 0
    finally:
        app.close()


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 rows, so that a streamed pass crosses many page boundaries."""
    monkeypatch.setattr(proof_log, "PAGE", 3)
    monkeypatch.setattr(proof_store, "PAGE", 3)


@hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_streamed_verify_equals_a_whole_computation_and_names_a_changed_row(
    marketplace, shelf, tree, log_key, small_pages, data
):
    rows = marketplace.recorder.select_notifications(start=0, limit=10**6, inclusive_of_start=False)
    leaves = [event_leaf_hash(n) for n in rows]
    size = data.draw(st.integers(1, len(leaves)), label="checkpoint size")
    tree.catch_up()
    body = f"{log_key.name}\n{size}\n{base64.b64encode(root(over(leaves), size)).decode()}\n"
    note = body + "\n" + log_key.sign(body)
    tree.keep_checkpoint(size, note, "2026-12-03T00:00:00+00:00")
    result = check_against(marketplace.recorder, tree, note, log_key.verifier())
    assert result.ok and (result.checkpoint_size, result.log_size) == (size, len(leaves))

    index = data.draw(st.integers(0, size - 1), label="changed leaf")
    raw = RawStore(marketplace)
    target = raw.positions()[index]
    before = raw.state(target)
    raw.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", before + b" ", target)
    try:
        changed = check_against(marketplace.recorder, tree, note, log_key.verifier())
        assert not changed.ok
        assert changed.first_bad["leaf_index"] == index
        assert changed.first_bad["position"] == target
    finally:
        raw.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", before, target)


def test_the_witness_commands_keygen_cosign_and_accept(database_url, monkeypatch, tmp_path, capsys):
    from marketplace.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OCOP_DATABASE_URL", database_url)
    assert main(["init"]) == 0
    assert main(["keygen", "--origin", "ocop.test/log", "-o", "log.key"]) == 0
    (tmp_path / "log.pub").write_text(capsys.readouterr().out.splitlines()[-1], encoding="utf-8")
    assert main(["witness", "keygen", "--name", "kiemtoan.test/w1", "-o", "w.key"]) == 0
    witness_pub = capsys.readouterr().out.strip()
    assert Signer.parse((tmp_path / "w.key").read_text()).algorithm == COSIGNATURE
    assert main(["witness", "keygen", "--name", "has space", "-o", "x.key"]) == 2
    assert main(["witness", "keygen", "--name", "again", "-o", "w.key"]) == 2  # never overwritten
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(tmp_path / "log.key"))
    capsys.readouterr()
    assert main(["checkpoint"]) == 0
    (tmp_path / "cp.txt").write_text(capsys.readouterr().out, encoding="utf-8")
    cosign = ["witness", "cosign", "cp.txt", "--key", "w.key", "--log-key", "log.pub"]
    assert main([*cosign, "--state", "state.txt"]) == 0
    (tmp_path / "cosigned.txt").write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["witness", "accept", "cosigned.txt"]) == 1  # no OCOP_WITNESS_KEYS: unknown
    assert "kiemtoan.test/w1" in capsys.readouterr().err
    (tmp_path / "witnesses").write_text(f"{witness_pub}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_WITNESS_KEYS", str(tmp_path / "witnesses"))
    assert main(["witness", "accept", "cosigned.txt"]) == 0
    assert "kept: kiemtoan.test/w1" in capsys.readouterr().out
    assert main(["witness", "accept", "cosigned.txt"]) == 0
    assert "nothing new" in capsys.readouterr().out
    as_log = ["witness", "cosign", "cp.txt", "--key", "log.key", "--log-key", "log.pub"]
    assert main([*as_log, "--state", "other.txt"]) == 1  # a log's key is no witness's key
    assert "cosigner key" in capsys.readouterr().err
