"""The projector's publisher: the tree kept caught up, a checkpoint every N events or M minutes."""

from marketplace.proofs.note import Checkpoint, Signer
from marketplace.proofs.publish import Publisher
from marketplace.proofs.store import TreeStore
from tests.integration.conftest import moment


def sell(marketplace, shelf, day):
    line = {"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}
    marketplace.sell(shelf["outlet"], [line], moment(day))


def test_a_checkpoint_is_signed_after_n_events_or_m_minutes_and_not_before(marketplace, shelf):
    now = [0.0]
    store = TreeStore(marketplace.recorder)
    signer = Signer.generate("ocop.test/log")
    publish = Publisher(store, signer, every_events=3, every_seconds=600, clock=lambda: now[0])
    first = publish()
    assert first and Checkpoint.parse(first).size == store.size()  # a log never signed
    assert publish() is None  # nothing new
    sell(marketplace, shelf, 2)
    assert publish() is None  # one event, and no time has passed
    now[0] = 601
    second = publish()
    assert second and Checkpoint.parse(second).size > Checkpoint.parse(first).size
    for day in range(3, 6):
        sell(marketplace, shelf, day)
    assert Checkpoint.parse(publish()).size == store.size()  # three events: at once
    assert store.checkpoint() == store.checkpoint(store.size())


def test_without_a_key_the_tree_is_still_kept_and_nothing_is_signed(marketplace, shelf):
    store = TreeStore(marketplace.recorder)
    assert Publisher(store, None)() is None
    assert store.size() > 0 and store.checkpoint() is None
