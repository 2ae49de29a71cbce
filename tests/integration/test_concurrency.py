"""Two writers on one outlet: conflicts are retried or reported, never lost; keys record once."""

import threading

import pytest

from marketplace.application import Marketplace
from marketplace.commands import MAX_ATTEMPTS, request_key
from marketplace.errors import ConcurrentUpdate, IdempotencyKeyReused
from marketplace.persistence import RequestKey
from tests.integration.conftest import count_events, moment


def sale(product, qty=1):
    return [{"product_id": product, "qty": qty, "unit_price_vnd": 150_000}]


def sneak_in_before_each_save(app: Marketplace, rival: Marketplace, shelf, times: int):
    """Make another process sell on the same outlet between our read and our save."""
    real_save = app.save
    calls = {"n": 0}

    def save(*aggregates, **kwargs):
        if calls["n"] < times:
            calls["n"] += 1
            rival.sell(shelf["outlet"], sale(shelf["product"]), moment(2))  # same day: in window
        return real_save(*aggregates, **kwargs)

    app.save = save


def test_a_sale_that_loses_a_version_race_is_retried_on_fresh_state(marketplace, shelf, settings):
    rival = Marketplace.from_settings(settings)
    sneak_in_before_each_save(marketplace, rival, shelf, times=1)
    marketplace.sell(shelf["outlet"], sale(shelf["product"], 2), moment(2))
    assert count_events(marketplace, "Outlet.Sold") == 2
    assert marketplace.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 10 - 1 - 2
    rival.close()


def test_a_writer_that_keeps_losing_is_told_and_records_nothing(marketplace, shelf, settings):
    rival = Marketplace.from_settings(settings)
    sneak_in_before_each_save(marketplace, rival, shelf, times=MAX_ATTEMPTS)
    with pytest.raises(ConcurrentUpdate):
        marketplace.sell(shelf["outlet"], sale(shelf["product"], 2), moment(2))
    assert count_events(marketplace, "Outlet.Sold") == MAX_ATTEMPTS  # only the rival's
    assert marketplace.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 10 - MAX_ATTEMPTS
    rival.close()


def test_concurrent_sellers_in_two_processes_lose_no_sale(marketplace, shelf, settings):
    rival = Marketplace.from_settings(settings)
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def sell_three(app: Marketplace) -> None:
        start.wait()
        for _ in range(2):
            try:
                app.sell(shelf["outlet"], sale(shelf["product"]))
                outcomes.append("sold")
            except ConcurrentUpdate:
                outcomes.append("reported")

    threads = [threading.Thread(target=sell_three, args=(app,)) for app in (marketplace, rival) * 2]
    [t.start() for t in threads]
    [t.join() for t in threads]
    sold = outcomes.count("sold")
    assert len(outcomes) == 8
    assert count_events(marketplace, "Outlet.Sold") == sold
    fresh = Marketplace.from_settings(settings)
    assert fresh.outlet(shelf["outlet"])["stock"][0]["on_hand"] == 10 - sold
    fresh.close()
    rival.close()


def test_one_idempotency_key_sent_twice_at_once_from_two_processes_sells_once(
    marketplace, shelf, settings
):
    rival = Marketplace.from_settings(settings)
    key = RequestKey(user_id="u1", key="tap-1", fingerprint="sale-of-2")
    results = []
    start = threading.Barrier(2)

    def submit(app: Marketplace) -> None:
        start.wait()
        with request_key(key):
            results.append(app.sell(shelf["outlet"], sale(shelf["product"], 2), moment(2)))

    threads = [threading.Thread(target=submit, args=(app,)) for app in (marketplace, rival)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(results) == 2 and results[0] == results[1]
    assert count_events(marketplace, "Outlet.Sold") == 1
    rival.close()


def test_a_key_reused_for_a_different_request_is_refused(marketplace, shelf):
    with request_key(RequestKey("u1", "k", "first")):
        marketplace.sell(shelf["outlet"], sale(shelf["product"]), moment(2))
    with request_key(RequestKey("u1", "k", "second")), pytest.raises(IdempotencyKeyReused):
        marketplace.sell(shelf["outlet"], sale(shelf["product"]), moment(3))
    assert count_events(marketplace, "Outlet.Sold") == 1


def test_a_repeated_key_returns_the_first_result_without_rerunning_the_rules(marketplace, shelf):
    key = RequestKey("u1", "list-once", "same")
    with request_key(key):
        first = marketplace.sell(shelf["outlet"], sale(shelf["product"], 10), moment(2))
        again = marketplace.sell(shelf["outlet"], sale(shelf["product"], 10), moment(2))
    assert first == again
    assert count_events(marketplace, "Outlet.Sold") == 1
