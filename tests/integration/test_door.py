"""``Marketplace.execute``, the one door: it authorises the actor, stamps the actor on the events,
retries in one bounded loop and answers a repeated Idempotency-Key with the first result."""

from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from domain.user import user_id_for
from marketplace.access import SYSTEM, Principal, Session
from marketplace.door import MAX_ATTEMPTS
from marketplace.errors import ConcurrentUpdate, NotAllowed
from marketplace.messages import Sell
from marketplace.persistence import PrincipalChangedError, RequestKey
from tests.integration.conftest import count_events, moment


def sale(product, qty=1):
    return [{"product_id": product, "qty": qty, "unit_price_vnd": 150_000}]


def last_event(app):
    stored = app.recorder.select_notifications(start=None, limit=1_000_000)[-1]
    return app.mapper.to_domain_event(stored)


def test_an_actor_the_rule_refuses_records_nothing(marketplace, shelf):
    elsewhere = Principal(uuid4(), "lan", "staff", frozenset({uuid4()}))
    auditor = Principal(uuid4(), "minh", "auditor", frozenset())
    before = marketplace.recorder.max_notification_id()
    for actor in (elsewhere, auditor):
        with pytest.raises(NotAllowed, match="only staff bound to this outlet"):
            marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(2)), actor)
    assert marketplace.recorder.max_notification_id() == before


def test_the_actor_passed_is_stamped_on_the_events(marketplace, shelf):
    staff = Principal(uuid4(), "lan", "staff", frozenset({shelf["outlet"]}))
    marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(2)), staff)
    assert last_event(marketplace).recorded_by == str(staff.id)
    marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(3)), SYSTEM)
    assert last_event(marketplace).recorded_by == "system"


def test_a_command_without_an_actor_is_refused_not_run_as_system(marketplace, shelf):
    before = marketplace.recorder.max_notification_id()
    with pytest.raises(TypeError, match="needs an actor"):
        marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(2)), None)
    assert marketplace.recorder.max_notification_id() == before


def test_a_user_who_keeps_changing_gets_one_bounded_loop_of_runs(marketplace, shelf):
    marketplace.register_user("an.admin", "admin", "a-long-password")
    user_id = user_id_for("an.admin")
    principal, _ = marketplace.current_principal(user_id)
    session = Session(user_id, marketplace.new_session(principal)["sid"], 0)
    saves = []

    def changed_every_time(*aggregates, **kwargs):
        saves.append(kwargs["side_rows"].principal)
        raise PrincipalChangedError("the acting user changed")

    marketplace.save = changed_every_time
    with pytest.raises(ConcurrentUpdate, match="kept changing"):
        marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(2)), session)
    assert len(saves) == MAX_ATTEMPTS  # one loop, not retries nested in retries
    assert all(checked == (user_id, 1) for checked in saves)
    assert count_events(marketplace, "Outlet.Sold") == 0


def test_a_session_that_loses_a_version_race_runs_again_on_its_cached_principal(marketplace, shelf):
    marketplace.register_user("an.admin", "admin", "a-long-password")
    user_id = user_id_for("an.admin")
    principal, _ = marketplace.current_principal(user_id)  # now cached in this worker
    session = Session(user_id, marketplace.new_session(principal)["sid"], 0)
    save, lost = marketplace.save, []

    def loses_the_first_race(*objs, **kwargs):
        if not lost:
            lost.append(kwargs["side_rows"].principal)
            raise IntegrityError("UNIQUE constraint failed: stored_events")
        return save(*objs, **kwargs)

    marketplace.save = loses_the_first_race
    marketplace.execute(Sell(shelf["outlet"], sale(shelf["product"]), moment(2)), session)
    assert lost == [(user_id, 1)]
    assert count_events(marketplace, "Outlet.Sold") == 1


def test_a_repeat_the_rules_would_refuse_now_answers_the_first_result(marketplace, shelf):
    key = RequestKey("u1", "all-of-it", "same")
    everything = Sell(shelf["outlet"], sale(shelf["product"], 10), moment(2))
    first = marketplace.execute(everything, SYSTEM, key)
    again = marketplace.execute(everything, SYSTEM, key)  # the stock is gone now
    assert first == again
    assert count_events(marketplace, "Outlet.Sold") == 1
