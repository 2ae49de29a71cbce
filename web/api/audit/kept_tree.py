"""This app's kept Merkle tree of the log (one per app), caught up before it answers."""

from flask import current_app

from marketplace.proofs.store import TreeStore
from web.application import marketplace


def tree() -> TreeStore:
    """The app's kept tree, caught up with the log."""
    kept = current_app.extensions.get("ocop_tree")
    if kept is None:
        kept = current_app.extensions["ocop_tree"] = TreeStore(marketplace().recorder)
    kept.catch_up()
    return kept
