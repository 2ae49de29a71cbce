"""Evidence in people's hands (issue 18): a sale's receipt and a certificate on the public
product page say where their event stands in the log's Merkle tree (its leaf index) and the
latest signed checkpoint that includes it; the public page links a proof bundle that anyone
checks offline with ``python3 tools/verify_proof.py bundle FILE``."""

import json
from uuid import UUID

from flask import Response, abort

from marketplace.clock import today
from marketplace.proofs.evidence import Evidence, bundle, evaluation_position, evidence
from marketplace.proofs.log import load_signer
from marketplace.proofs.note import Verifier
from projections.queries.catalogue import catalogue
from web.api.audit.kept_tree import tree
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.counter import reads_here, receipt_or_404
from web.pages.session import page
from web.read import ask


def verifier() -> Verifier | None:
    """The log's verifier key, if this app signs its checkpoints (else no bundle is offered)."""
    try:
        signer = load_signer()
    except (OSError, ValueError):
        return None
    return signer.verifier() if signer else None


def of_position(position: int | None) -> Evidence | None:
    """Where the event at ``position`` stands in the log's tree, and its latest checkpoint."""
    return evidence(tree(), position) if position is not None else None


def certificate_position(product: dict) -> int | None:
    """The log position of the evaluation that issued the product's certificate, if any."""
    certificate = product.get("certificate")
    if not certificate:
        return None
    app = marketplace()
    return evaluation_position(
        app.recorder, app.mapper, UUID(str(product["id"])), certificate["certificate_no"]
    )


def _bundle_response(position: int | None, name: str) -> Response:
    key = verifier()
    found = bundle(tree(), marketplace().recorder, position, key) if position and key else None
    if found is None:
        abort(404)
    body = json.dumps(found, ensure_ascii=False, indent=1) + "\n"
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/p/<uuid:product_id>/proof.json")
def certificate_proof(product_id: UUID):
    """The proof bundle of the evaluation that issued the product's certificate: 404 if it has
    none, or the evaluation is not yet in a checkpoint signed by this log's key."""
    found = ask(catalogue, today(), product_id=product_id)["items"]
    if not found:
        abort(404)
    return _bundle_response(certificate_position(found[0]), f"ocop-proof-{product_id}.json")


@bp.get("/counter/<uuid:outlet_id>/sales/<uuid:sale_id>/proof.json")
@page(reads_here)
def sale_proof(outlet_id: UUID, sale_id: UUID):
    """The proof bundle of a sale's event, for whoever may read its receipt."""
    _, receipt = receipt_or_404(outlet_id, sale_id)
    return _bundle_response(receipt["position"], f"ocop-proof-sale-{sale_id}.json")
