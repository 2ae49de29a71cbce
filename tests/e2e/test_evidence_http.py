"""Evidence in people's hands (issue 18): a sale's receipt and a certificate on the public
product page show their leaf index and the latest signed checkpoint that includes it, and the
public page's proof bundle verifies offline with tools/verify_proof.py."""

import base64
import json
import re

import pytest

from marketplace.proofs.log import sign_checkpoint
from marketplace.proofs.note import Signer
from marketplace.proofs.store import TreeStore
from tests.e2e.conftest import PASSWORD, created_id
from tests.offline_verifier import run_proof_verifier


@pytest.fixture
def key_file(monkeypatch, tmp_path) -> Signer:
    signer = Signer.generate("ocop.test/log")
    path = tmp_path / "log.key"
    path.write_text(f"{signer}\n", encoding="utf-8")
    monkeypatch.setenv("OCOP_CHECKPOINT_KEY", str(path))
    return signer


def sign(market, signer: Signer) -> str:
    return sign_checkpoint(TreeStore(market.app.extensions["ocop"].recorder), signer)


def public_page(market, lang: str = "vi") -> str:
    client = market.app.test_client()
    client.get(f"/language/{lang}")
    response = client.get(f"/p/{market.product_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def leaf_of(market, position: int) -> int:
    events = market.client.get(
        "/api/v1/events?limit=1000", headers=market.headers("auditor")
    ).get_json()["items"]
    return next(e["leaf_index"] for e in events if e["position"] == position)


def evaluation_position(market) -> int:
    events = market.client.get(
        "/api/v1/events?limit=1000&type=Evaluated", headers=market.headers("auditor")
    ).get_json()["items"]
    return [e for e in events if e["aggregate_id"] == market.product_id][-1]["position"]


def test_a_certificate_not_yet_signed_says_so_and_offers_no_bundle(market, key_file):
    html = public_page(market)
    assert "chưa có trong điểm kiểm tra đã ký nào" in html
    leaf = leaf_of(market, evaluation_position(market))
    assert f"lá số {leaf} của cây Merkle" in html
    assert 'id="proof-bundle"' not in html
    assert market.app.test_client().get(f"/p/{market.product_id}/proof.json").status_code == 404


def test_the_public_page_shows_the_certificates_leaf_and_checkpoint_in_english(market, key_file):
    sign(market, key_file)
    html = public_page(market, "en")
    leaf = leaf_of(market, evaluation_position(market))
    assert f"leaf {leaf} of the log's Merkle tree" in html
    assert "in the signed checkpoint ocop.test/log, size" in html
    assert 'id="proof-bundle"' in html and "verify_proof.py bundle" in html


def test_the_public_pages_bundle_verifies_offline_with_tools_verify_proof(
    market, key_file, tmp_path
):
    sign(market, key_file)
    created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)))  # later
    html = public_page(market)
    url = re.search(r'href="([^"]+)" id="proof-bundle"', html).group(1)
    assert url == f"/p/{market.product_id}/proof.json"
    response = market.app.test_client().get(url)  # anyone: no sign-in
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    path = tmp_path / "bundle.json"
    path.write_bytes(response.get_data())
    code, said = run_proof_verifier("bundle", str(path), "--key", str(key_file.verifier()))
    assert code == 0, said
    assert said.startswith(f"OK: event {evaluation_position(market)}, Product.Evaluated")
    assert "ISO-CHE" in said or "certificate_no" in said
    code, said = run_proof_verifier("bundle", str(path))  # the bundle's own key: said so
    assert code == 0 and "compare it with the published one" in said, said


def test_a_bundle_with_a_changed_leaf_or_another_key_fails(market, key_file, tmp_path):
    sign(market, key_file)
    bundle = market.app.test_client().get(f"/p/{market.product_id}/proof.json").get_json()
    leaf = base64.b64decode(bundle["leaf_b64"]).replace(b'"stars":4', b'"stars":5')
    assert leaf != base64.b64decode(bundle["leaf_b64"])
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(bundle | {"leaf_b64": base64.b64encode(leaf).decode()}))
    code, said = run_proof_verifier("bundle", str(changed), "--key", str(key_file.verifier()))
    assert code == 1 and said.startswith("BAD"), said
    other = Signer.generate("ocop.test/log").verifier()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(bundle))
    code, said = run_proof_verifier("bundle", str(good), "--key", str(other))
    assert code == 1 and "no good signature" in said, said


def test_a_receipt_shows_its_sales_leaf_and_checkpoint(market, key_file):
    sale_id = created_id(market.post(f"/outlets/{market.supermarket_id}/sales", market.sale(1)))
    client = market.app.test_client()
    client.get("/language/vi")
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]*)"', client.get("/sign-in").get_data(as_text=True)
    ).group(1)
    client.post("/sign-in", data={"csrf_token": token, "username": "admin", "password": PASSWORD})
    url = f"/counter/{market.supermarket_id}/sales/{sale_id}"
    html = client.get(url).get_data(as_text=True)
    assert "chưa có trong điểm kiểm tra đã ký nào" in html
    sign(market, key_file)
    html = client.get(url).get_data(as_text=True)
    sold = market.recorded()
    assert f"lá số {leaf_of(market, sold)} của cây Merkle" in html
    assert "có trong điểm kiểm tra đã ký ocop.test/log" in html
    bundle = client.get(f"{url}/proof.json").get_json()
    assert bundle["position"] == sold
    assert market.app.test_client().get(f"{url}/proof.json").status_code == 302  # sign in first
