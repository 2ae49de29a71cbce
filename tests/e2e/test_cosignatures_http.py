"""A witness's cosignature over HTTP: submitted by an auditor, refused naming why, served with
the checkpoint, checked by the offline verifier, and shown on the auditors' page of checkpoints."""

import re

import pytest

from marketplace.proofs.log import sign_checkpoint
from marketplace.proofs.note import COSIGNATURE, Checkpoint, Signer
from marketplace.proofs.store import TreeStore
from marketplace.proofs.witness import Witness
from tests.e2e.conftest import API, assert_error
from tests.e2e.test_auditor_pages import sign_in_page
from tests.offline_verifier import run_proof_verifier


@pytest.fixture
def logged(market, monkeypatch, tmp_path):
    """A signed log with one configured witness (and a file naming its key)."""
    market.headers("auditor"), market.headers("staff")
    log_key = Signer.generate("ocop.test/log")
    (tmp_path / "log.key").write_text(f"{log_key}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(tmp_path / "log.key"))
    witness = Witness(
        Signer.generate("kiemtoan.test/w1", COSIGNATURE), log_key.verifier(), tmp_path / "state"
    )
    (tmp_path / "witnesses").write_text(f"{witness.signer.verifier()}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_WITNESS_KEYS", str(tmp_path / "witnesses"))
    store = TreeStore(market.app.extensions["ocop"].recorder)
    sign_checkpoint(store, log_key)
    return log_key, witness, store


def get(market, path: str, who: str = "auditor"):
    return market.client.get(f"{API}{path}", headers=market.headers(who))


def test_cosign_submit_serve_and_verify_offline(market, logged, tmp_path):
    log_key, witness, store = logged
    first = get(market, "/audit/checkpoint").get_data(as_text=True)
    cosigned = witness.cosign(first, [])
    answer = market.post("/audit/checkpoint/cosignatures", {"note": cosigned}, as_="auditor")
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["kept"] == ["kiemtoan.test/w1"]
    assert get(market, "/audit/checkpoint").get_data(as_text=True) == cosigned
    again = market.post("/audit/checkpoint/cosignatures", {"note": cosigned}, as_="admin")
    assert again.status_code == 201 and again.get_json()["kept"] == []

    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)).status_code == 201
    second = sign_checkpoint(store, log_key)
    old, new = Checkpoint.parse(first).size, Checkpoint.parse(second).size
    proof = get(market, f"/audit/proof/consistency?from={old}&to={new}").get_json()["path"]
    grown = witness.cosign(second, [bytes.fromhex(h) for h in proof])
    assert (
        market.post("/audit/checkpoint/cosignatures", {"note": grown}, as_="auditor").status_code
        == 201
    )
    served = get(market, f"/audit/checkpoint?size={new}").get_data(as_text=True)
    assert (
        served == grown
        and get(market, f"/audit/checkpoint?size={old}").get_data(as_text=True) == cosigned
    )
    for name, text in {
        "note": served,
        "log": get(market, "/audit/verifier-key").get_data(as_text=True),
        "witness": f"{witness.signer.verifier()}\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out = run_proof_verifier(
        "checkpoint",
        str(tmp_path / "note"),
        "--key",
        str(tmp_path / "log"),
        "--witness-key",
        str(tmp_path / "witness"),
    )
    assert code == 0 and "cosigned by kiemtoan.test/w1" in out, out
    code, out = run_proof_verifier(
        "checkpoint",
        str(tmp_path / "note"),
        "--key",
        str(tmp_path / "log"),
        "--witness-key",
        f"{Signer.generate('kiemtoan.test/w1', COSIGNATURE).verifier()}",
    )
    assert code == 1, out


def test_a_forged_cosignature_or_an_unknown_size_is_refused_naming_why(market, logged):
    _, witness, _ = logged
    note = get(market, "/audit/checkpoint").get_data(as_text=True)
    cosigned = witness.cosign(note, [])
    at = (
        len(cosigned) - 20
    )  # inside the signature (the last base64 group's padding bits do nothing)
    forged = cosigned[:at] + ("A" if cosigned[at] != "A" else "B") + cosigned[at + 1 :]
    error = assert_error(
        market.post("/audit/checkpoint/cosignatures", {"note": forged}, as_="auditor"), 422
    )
    assert error["reason"] == "bad_cosignature" and "note" in error["fields"]
    size = Checkpoint.parse(note).size
    unknown = cosigned.replace(f"\n{size}\n", f"\n{size + 1000}\n", 1)
    error = assert_error(
        market.post("/audit/checkpoint/cosignatures", {"note": unknown}, as_="auditor"), 422
    )
    assert error["reason"] == "cosigned_unknown_size" and error["params"] == {"size": size + 1000}
    for body in ({"note": ""}, {"note": "x\u0000y"}, {}, {"note": 7}):
        assert_error(market.post("/audit/checkpoint/cosignatures", body, as_="auditor"), 422)
    assert_error(
        market.post("/audit/checkpoint/cosignatures", {"note": cosigned}, as_="staff"), 403
    )
    assert get(market, "/audit/checkpoint").get_data(as_text=True) == note  # nothing kept


def test_the_auditors_page_lists_checkpoints_newest_first_with_their_cosigners(
    app, client, market, logged
):
    log_key, witness, store = logged
    first = get(market, "/audit/checkpoint").get_data(as_text=True)
    market.post(
        "/audit/checkpoint/cosignatures", {"note": witness.cosign(first, [])}, as_="auditor"
    )
    assert market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)).status_code == 201
    second = sign_checkpoint(store, log_key)
    sign_in_page(app, client, "an", "auditor")
    page = client.get("/audit/checkpoints").get_data(as_text=True)
    sizes = [int(s) for s in re.findall(r'<tr data-size="(\d+)"', page)]
    assert sizes == [Checkpoint.parse(second).size, Checkpoint.parse(first).size]
    witness_row = re.search(
        r'<tr data-witness="kiemtoan.test/w1">(.*?)</tr>', page, re.DOTALL
    ).group(1)
    assert f"<td>{Checkpoint.parse(first).size}</td>" in witness_row
    assert "Điểm kiểm tra của nhật ký" in page and 'href="/audit/checkpoints"' in page
    english = client.get("/audit/checkpoints?lang=en").get_data(as_text=True)
    assert "The log's checkpoints" in english and "Cosigned up to size" in english
    bad = client.get("/audit/checkpoints?below=-1")
    assert bad.status_code == 422 and "below" in bad.get_data(as_text=True)
    sign_in_page(app, client, "ba", "staff")
    assert client.get("/audit/checkpoints").status_code == 403
