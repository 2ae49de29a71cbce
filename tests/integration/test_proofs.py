"""The log's Merkle tree and signed checkpoints on both stores: kept incrementally, equal to a
computation from scratch, and catching a changed row, a removed tail or a recomputed chain."""

import pytest

from marketplace.application import Marketplace
from marketplace.audit import verify
from marketplace.persistence.chain import GENESIS, links
from marketplace.proofs.leaf import event_leaf_hash
from marketplace.proofs.log import check_against, sign_checkpoint
from marketplace.proofs.merkle import (
    consistency_path,
    inclusion_path,
    over,
    root,
    verify_consistency,
    verify_inclusion,
)
from marketplace.proofs.note import Checkpoint, Signer
from marketplace.proofs.store import TreeStore
from tests.integration.conftest import moment
from tests.integration.test_audit_chain import RawStore


def sell(marketplace, shelf, day: int) -> None:
    marketplace.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(day),
    )


def from_scratch(app: Marketplace) -> list[bytes]:
    rows = app.recorder.select_notifications(start=0, limit=10**6, inclusive_of_start=False)
    return [event_leaf_hash(n) for n in rows]


@pytest.fixture
def signer() -> Signer:
    return Signer.generate("test.ocop.example/log")


@pytest.fixture
def tree(marketplace, shelf) -> TreeStore:
    for day in range(2, 7):
        sell(marketplace, shelf, day)
    return TreeStore(marketplace.recorder)


def test_the_kept_tree_equals_one_computed_from_scratch_as_the_log_grows(
    marketplace, shelf, tree, settings
):
    tree.catch_up()
    for day in range(7, 10):
        sell(marketplace, shelf, day)
        if day == 8:
            tree.catch_up()  # in several steps, so the kept subtrees are extended, not rebuilt
    again = Marketplace.from_settings(settings)  # a restart: the tree is read back and caught up
    try:
        kept = TreeStore(again.recorder)
        assert kept.catch_up() > 0
        leaves = from_scratch(again)
        assert kept.size() == len(leaves)
        for size in range(1, len(leaves) + 1):
            assert kept.root(size) == root(over(leaves), size)
    finally:
        again.close()


def test_proofs_from_the_kept_tree_verify_for_every_position(tree):
    tree.catch_up()
    leaves, size = [h for _, h in tree.kept_leaves(tree.size())], tree.size()
    top = tree.root(size)
    for index in range(size):
        assert verify_inclusion(
            leaves[index], index, size, inclusion_path(tree.subtree, index, size), top
        )
    for first in range(size + 1):
        path = consistency_path(tree.subtree, first, size)
        assert verify_consistency(first, size, tree.root(first), top, path)


def test_a_signed_checkpoint_is_kept_and_the_untouched_log_is_consistent_with_it(
    marketplace, shelf, tree, signer
):
    note = sign_checkpoint(tree, signer)
    assert signer.verifier().verifies(note) and tree.checkpoint() == note
    assert Checkpoint.parse(note).size == len(from_scratch(marketplace))
    sell(marketplace, shelf, 9)  # the log grew: still consistent with the older checkpoint
    result = check_against(marketplace.recorder, tree, note, signer.verifier())
    assert result.ok and result.log_size == len(from_scratch(marketplace)) > result.checkpoint_size
    assert result.signature == "checked"
    assert check_against(marketplace.recorder, tree, note, None).signature == "not checked"


def test_a_changed_row_is_caught_at_its_position(marketplace, tree, signer):
    note = sign_checkpoint(tree, signer)
    raw = RawStore(marketplace)
    target = raw.positions()[-3]  # a sale: its quantity goes from 1 to 7
    state = raw.state(target).replace(b'"qty":1', b'"qty":7')
    assert state != raw.state(target)
    raw.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", state, target)
    result = check_against(marketplace.recorder, tree, note, signer.verifier())
    assert not result.ok and result.first_bad["position"] == target


def test_a_removed_tail_is_caught(marketplace, tree, signer):
    note = sign_checkpoint(tree, signer)
    raw = RawStore(marketplace)
    removed = raw.positions()[-2:]
    for position in removed:
        raw.run("DELETE FROM {events} WHERE {id} = {p}", position)
        raw.run("DELETE FROM {chain} WHERE notification_id = {p}", position)
    assert verify(marketplace.recorder).ok  # the chain alone cannot tell
    result = check_against(marketplace.recorder, tree, note, signer.verifier())
    assert not result.ok and result.log_size == result.checkpoint_size - 2
    assert result.first_bad["leaf_index"] == result.log_size
    assert result.first_bad["position"] == removed[0]


def test_a_chain_recomputed_after_a_change_is_caught(marketplace, tree, signer):
    note = sign_checkpoint(tree, signer)
    raw = RawStore(marketplace)
    target = raw.positions()[-4]
    state = raw.state(target).replace(b'"qty":1', b'"qty":2')
    assert state != raw.state(target)
    raw.run("UPDATE {events} SET state = {p} WHERE {id} = {p}", state, target)
    rows = marketplace.recorder.select_notifications(start=0, limit=10**6, inclusive_of_start=False)
    raw.run("DELETE FROM {chain}")
    for position, link in links(GENESIS, [(n.id, n) for n in rows]):
        raw.run("INSERT INTO {chain} VALUES ({p}, {p})", position, link)
    assert verify(marketplace.recorder).ok  # the intruder's chain is consistent on its own
    result = check_against(marketplace.recorder, tree, note, signer.verifier())
    assert not result.ok and result.first_bad["position"] == target


def test_a_checkpoint_signed_by_another_key_is_refused(marketplace, tree, signer):
    note = sign_checkpoint(tree, signer)
    other = Signer.generate("test.ocop.example/log").verifier()
    result = check_against(marketplace.recorder, tree, note, other)
    assert not result.ok and result.signature == "bad"


def test_two_processes_catching_up_at_once_keep_one_tree(marketplace, shelf, tree, settings):
    import threading

    rival_app = Marketplace.from_settings(settings)
    try:
        stores = [tree, TreeStore(rival_app.recorder)]
        for day in range(7, 12):
            sell(marketplace, shelf, day)
        barrier, failures = threading.Barrier(2), []

        def run(store):
            barrier.wait()
            try:
                for _ in range(3):
                    store.catch_up()
            except Exception as error:  # noqa: BLE001 (reported below)
                failures.append(error)

        threads = [threading.Thread(target=run, args=(s,)) for s in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures
        leaves = from_scratch(marketplace)
        assert tree.size() == len(leaves) and tree.root(len(leaves)) == root(
            over(leaves), len(leaves)
        )
    finally:
        rival_app.close()


def test_a_catch_up_that_lost_the_race_reads_again(marketplace, tree, monkeypatch):
    tree.catch_up()
    size, last = tree.size(), tree.last_position()
    real_size, real_last = tree.size, tree.last_position
    answers = [(0, 0)]  # its first read is from before a rival's extension: an empty tree
    monkeypatch.setattr(tree, "size", lambda: answers[0][0] if answers else real_size())
    monkeypatch.setattr(tree, "last_position", lambda: answers.pop()[1] if answers else real_last())
    assert tree.catch_up() == 0  # the stale page collided, was dropped, and read again
    monkeypatch.undo()
    assert (tree.size(), tree.last_position()) == (size, last)
