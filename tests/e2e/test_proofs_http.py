"""GET /audit/checkpoint, /audit/verifier-key and the proofs: an auditor checks them alone."""

import base64
import json

import pytest

from marketplace.proofs.log import sign_checkpoint
from marketplace.proofs.merkle import verify_consistency, verify_inclusion
from marketplace.proofs.note import Checkpoint, Signer, Verifier
from marketplace.proofs.store import TreeStore
from tests.e2e.conftest import API, assert_error
from tests.offline_verifier import run_proof_verifier


@pytest.fixture
def signed(market, monkeypatch, tmp_path) -> Signer:
    market.headers("auditor"), market.headers("staff")  # their accounts are in the checkpoint
    signer = Signer.generate("ocop.test/log")
    key = tmp_path / "log.key"
    key.write_text(f"{signer}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(key))
    sign_checkpoint(TreeStore(market.app.extensions["ocop"].recorder), signer)
    return signer


def get(market, path: str, who: str = "auditor"):
    return market.client.get(f"{API}{path}", headers=market.headers(who))


def test_an_auditor_checks_every_event_and_the_growth_against_the_signed_checkpoint(market, signed):
    key = get(market, "/audit/verifier-key")
    assert key.mimetype == "text/plain"
    verifier = Verifier.parse(key.get_data(as_text=True))
    note = get(market, "/audit/checkpoint")
    assert note.status_code == 200 and note.mimetype == "text/plain"
    assert verifier.verifies(note.get_data(as_text=True))
    first = Checkpoint.parse(note.get_data(as_text=True))
    events = get(market, "/events?limit=1000").get_json()["items"]
    assert len(events) == first.size
    assert [e["leaf_index"] for e in events] == list(range(first.size))
    for event in events:
        proof = get(
            market, f"/audit/proof/inclusion?position={event['position']}&size={first.size}"
        )
        body = proof.get_json()
        path = [bytes.fromhex(h) for h in body["path"]]
        assert verify_inclusion(
            bytes.fromhex(body["leaf_hash"]), body["leaf_index"], first.size, path, first.root
        )
    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)).status_code == 201
    second = Checkpoint.parse(
        sign_checkpoint(TreeStore(market.app.extensions["ocop"].recorder), signed)
    )
    assert get(market, f"/audit/checkpoint?size={first.size}").get_data(
        as_text=True
    ) == note.get_data(as_text=True)
    proof = get(market, f"/audit/proof/consistency?from={first.size}&to={second.size}").get_json()
    path = [bytes.fromhex(h) for h in proof["path"]]
    assert verify_consistency(first.size, second.size, first.root, second.root, path)
    assert base64.b64encode(second.root).decode() in get(market, "/audit/checkpoint").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/audit/proof/inclusion?position=abc", "position"),
        ("/audit/proof/inclusion?position=1&size=999999", "size"),
        ("/audit/proof/inclusion?position=999999", "position"),
        ("/audit/proof/consistency?from=3", "to"),
        ("/audit/proof/consistency?from=5&to=2", "from"),
        ("/audit/proof/consistency?from=1&to=999999", "to"),
        ("/audit/checkpoint?size=2", "size"),
    ],
)
def test_bad_proof_parameters_are_refused_naming_the_field(market, signed, query, field):
    response = get(market, query)
    assert response.status_code in (404, 422)
    error = assert_error(response, response.status_code)
    assert field in str(error.get("fields", {})) or field in error["message"], error


def test_outlet_staff_may_not_read_proofs(market, signed):
    for path in (
        "/audit/checkpoint",
        "/audit/verifier-key",
        "/audit/proof/consistency?from=0&to=1",
    ):
        assert_error(get(market, path, "staff"), 403, "forbidden")


def test_health_says_whether_the_log_is_signed(client, monkeypatch, tmp_path):
    monkeypatch.delenv("OCOP_CHECKPOINT_KEY", raising=False)
    unsigned = client.get("/healthz").get_json()
    assert unsigned["checkpoints"]["signed"] is False and unsigned["ok"] is True
    assert "unsigned" in unsigned["checkpoints"]["problem"]
    key = tmp_path / "log.key"
    key.write_text(f"{Signer.generate('ocop.test/log')}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(key))
    assert client.get("/healthz").get_json()["checkpoints"] == {
        "signed": True,
        "key": "ocop.test/log",
    }
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(tmp_path / "missing.key"))
    assert "unusable" in client.get("/healthz").get_json()["checkpoints"]["problem"]


def test_the_offline_verifier_checks_a_checkpoint_an_exported_event_and_the_growth(
    market, signed, tmp_path
):
    files = {
        "key": get(market, "/audit/verifier-key").get_data(as_text=True),
        "old": get(market, "/audit/checkpoint").get_data(as_text=True),
    }
    size = Checkpoint.parse(files["old"]).size
    export = get(market, "/events/export?format=jsonl").get_data(as_text=True).splitlines()
    files["event"] = export[3]  # the third event (the first line is the chain's start)
    position = json.loads(files["event"])["position"]
    files["inclusion"] = get(
        market, f"/audit/proof/inclusion?position={position}&size={size}"
    ).get_data(as_text=True)
    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)).status_code == 201
    files["new"] = sign_checkpoint(TreeStore(market.app.extensions["ocop"].recorder), signed)
    new_size = Checkpoint.parse(files["new"]).size
    files["consistency"] = get(
        market, f"/audit/proof/consistency?from={size}&to={new_size}"
    ).get_data(as_text=True)
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / name
        paths[name].write_text(content, encoding="utf-8")
    key = ["--key", str(paths["key"])]
    code, out = run_proof_verifier("checkpoint", str(paths["old"]), *key)
    assert code == 0 and f"size {size}" in out, out
    inclusion = ["inclusion", str(paths["old"]), *key, "--proof", str(paths["inclusion"])]
    code, out = run_proof_verifier(*inclusion, "--event", str(paths["event"]))
    assert code == 0 and out.startswith("OK"), out
    code, out = run_proof_verifier(
        "consistency",
        str(paths["old"]),
        str(paths["new"]),
        *key,
        "--proof",
        str(paths["consistency"]),
    )
    assert code == 0 and out.startswith("OK"), out

    edited = json.loads(files["event"])
    state = base64.b64decode(edited["stored"]["state_b64"]).replace(b'"', b"'", 1)
    edited["stored"]["state_b64"] = base64.b64encode(state).decode()
    paths["event"].write_text(json.dumps(edited), encoding="utf-8")
    assert run_proof_verifier(*inclusion, "--event", str(paths["event"]))[0] == 1
    forged = files["old"].replace(f"\n{size}\n", f"\n{size + 1}\n")
    paths["old"].write_text(forged, encoding="utf-8")
    code, out = run_proof_verifier("checkpoint", str(paths["old"]), *key)
    assert code == 1 and "no good signature" in out, out
