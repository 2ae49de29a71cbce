"""GET /audit/checkpoint, /audit/verifier-key, /audit/proof/inclusion, /audit/proof/consistency:
what an auditor needs to check the log against a checkpoint kept outside it (RFC 9162, C2SP);
POST /audit/checkpoint/cosignatures: a witness's cosignature, kept and served with it."""

from flask import Response
from marshmallow import Schema, fields, validate

from marketplace.errors import InvalidRequest, NotFound
from marketplace.proofs.cosignatures import accept, load_witnesses, served
from marketplace.proofs.log import load_signer
from marketplace.proofs.merkle import consistency_path, inclusion_path
from marketplace.proofs.note import Checkpoint
from marketplace.proofs.store import TreeStore
from web.api.audit.kept_tree import tree
from web.api.audit.routes import AUDITORS_ONLY, blp
from web.api.common import MAX_SQL_INTEGER
from web.auth import allowed, reads_log

TEXT = {
    "200": {"description": "C2SP text", "content": {"text/plain": {"schema": {"type": "string"}}}}
}
WHOLE = validate.Range(min=0, max=MAX_SQL_INTEGER)


class CheckpointArgs(Schema):
    size = fields.Integer(load_default=None, validate=WHOLE)


class CosignedSchema(Schema):
    note = fields.String(
        required=True,
        validate=validate.Length(min=1, max=65536),
        metadata={"description": "the checkpoint with the witness's cosignature line(s) added"},
    )


class KeptCosignaturesSchema(Schema):
    tree_size = fields.Integer()
    kept = fields.List(fields.String(), metadata={"description": "witnesses whose line is new"})
    checkpoint = fields.String(metadata={"description": "the note as now served"})


class InclusionArgs(Schema):
    position = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_SQL_INTEGER))
    size = fields.Integer(load_default=None, validate=WHOLE)


class ConsistencyArgs(Schema):
    first = fields.Integer(data_key="from", required=True, validate=WHOLE)
    second = fields.Integer(data_key="to", required=True, validate=WHOLE)


class InclusionSchema(Schema):
    leaf_index = fields.Integer()
    tree_size = fields.Integer()
    leaf_hash = fields.String()
    path = fields.List(fields.String(), metadata={"description": "hex, RFC 9162 order"})


class ConsistencySchema(Schema):
    first = fields.Integer(data_key="from")
    second = fields.Integer(data_key="to")
    path = fields.List(fields.String())


def _within(kept: TreeStore, size: int, field: str) -> int:
    if size > kept.size():
        raise InvalidRequest.because("past_tree_size", field, size=kept.size())
    return size


@blp.route("/audit/checkpoint", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(CheckpointArgs, location="query")
@blp.doc(responses=TEXT)
@blp.alt_response(404, description="No checkpoint has been signed (of that size)")
def checkpoint(args):
    """The latest signed checkpoint (or the one of ?size=), as a C2SP signed note, with the
    cosignature lines the witnesses have submitted for it."""
    note = served(tree(), args["size"])
    if note is None:
        raise NotFound.because("no_checkpoint", "size")
    return Response(note, mimetype="text/plain")


@blp.route("/audit/checkpoint/cosignatures", methods=["POST"])
@allowed(reads_log, "only auditors and admins submit witnesses' cosignatures")
@blp.arguments(CosignedSchema)
@blp.response(201, KeptCosignaturesSchema)
def add_cosignatures(args):
    """Keep a witness's cosignature (C2SP tlog-cosignature) of a checkpoint the log signed:
    it must verify against a key of OCOP_WITNESS_KEYS; it is then served with the checkpoint."""
    kept = tree()
    try:
        witnesses = load_witnesses()
    except (OSError, ValueError) as unusable:
        raise InvalidRequest.because(
            "file_unusable", "note", path="OCOP_WITNESS_KEYS", problem=str(unusable)
        ) from None
    new = accept(kept, witnesses, args["note"])
    size = Checkpoint.parse(args["note"]).size
    return {"tree_size": size, "kept": new, "checkpoint": served(kept, size)}


@blp.route("/audit/verifier-key", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.doc(responses=TEXT)
@blp.alt_response(404, description="The log runs unsigned: no OCOP_CHECKPOINT_KEY")
def verifier_key():
    """The log's C2SP verifier key (the public half of OCOP_CHECKPOINT_KEY)."""
    signer = load_signer()
    if signer is None:
        raise NotFound.because("no_checkpoint")
    return Response(f"{signer.verifier()}\n", mimetype="text/plain")


@blp.route("/audit/proof/inclusion", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(InclusionArgs, location="query")
@blp.response(200, InclusionSchema)
@blp.alt_response(404, description="No event of the log is at that position")
def inclusion(args):
    """The audit path of the event at ?position= in the tree of ?size= leaves (default: all)."""
    kept = tree()
    size = _within(kept, args["size"] if args["size"] is not None else kept.size(), "size")
    index = kept.index_of(args["position"])
    if index is None:
        raise NotFound.because("not_in_tree", "position")
    if index >= size:
        raise InvalidRequest.because("past_tree_size", "position", size=size)
    path = inclusion_path(kept.subtree, index, size)
    leaf = kept.subtree(index, index + 1)
    return {
        "leaf_index": index,
        "tree_size": size,
        "leaf_hash": leaf.hex(),
        "path": [h.hex() for h in path],
    }


@blp.route("/audit/proof/consistency", methods=["GET"])
@allowed(reads_log, AUDITORS_ONLY)
@blp.arguments(ConsistencyArgs, location="query")
@blp.response(200, ConsistencySchema)
def consistency(args):
    """The proof that the tree of ?from= leaves is a prefix of the tree of ?to= leaves."""
    kept = tree()
    second = _within(kept, args["second"], "to")
    if args["first"] > second:
        raise InvalidRequest.because("past_tree_size", "from", size=second)
    path = consistency_path(kept.subtree, args["first"], second)
    return {"first": args["first"], "second": second, "path": [h.hex() for h in path]}
