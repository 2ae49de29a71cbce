"""Sign-in throttling on real stores with a moved clock: counting, waiting, forgetting."""

from datetime import datetime, timedelta

import pytest

from marketplace.errors import AuthenticationFailed, SignInThrottled
from marketplace.sign_in_throttle import ACCOUNT, ADDRESS, SignInThrottle, account_key

START = datetime(2026, 1, 5, 9, 0)
HERE = "203.0.113.9"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        return self.moment

    def move(self, by: timedelta) -> None:
        self.moment += by


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(marketplace, clock) -> SignInThrottle:
    return SignInThrottle(marketplace.recorder, now=clock)


def fail(throttle: SignInThrottle, times: int, username: str = "lan", address: str = HERE):
    for _ in range(times):
        throttle.check(username, address)
        throttle.failed(username, address)


def wait_of(throttle: SignInThrottle, username: str = "lan", address: str = HERE) -> int:
    with pytest.raises(SignInThrottled) as refused:
        throttle.check(username, address)
    return refused.value.retry_after


def test_the_fifth_failure_starts_the_first_wait_and_it_ends_on_time(throttle, clock):
    fail(throttle, ACCOUNT.free_failures)

    assert wait_of(throttle) == ACCOUNT.first_wait.total_seconds()
    clock.move(ACCOUNT.first_wait - timedelta(seconds=1))
    assert wait_of(throttle) == 1
    clock.move(timedelta(seconds=1))
    assert throttle.check("lan", HERE) is True


def test_each_failure_after_a_wait_doubles_it_up_to_fifteen_minutes(throttle, clock):
    fail(throttle, ACCOUNT.free_failures)
    waits = []
    for _ in range(6):
        waits.append(wait_of(throttle))
        clock.move(timedelta(seconds=waits[-1]))
        fail(throttle, 1)

    assert waits == [60, 120, 240, 480, 900, 900]


def test_failures_are_forgotten_after_a_quiet_day(throttle, clock):
    fail(throttle, ACCOUNT.free_failures - 1)
    clock.move(ACCOUNT.forget_after)

    fail(throttle, ACCOUNT.free_failures - 1)

    assert throttle.check("lan", "198.51.100.1") is True  # still under the limit


def test_a_success_clears_the_account_but_not_the_address(throttle):
    fail(throttle, ACCOUNT.free_failures - 1)
    for number in range(ADDRESS.free_failures - ACCOUNT.free_failures):
        fail(throttle, 1, username=f"guess{number}")

    throttle.succeeded("lan")
    assert throttle.check("lan", "198.51.100.1") is False  # nothing left on the account
    fail(throttle, 1, username="other")

    assert wait_of(throttle, "lan") == ADDRESS.first_wait.total_seconds()


def test_counts_from_two_throttles_on_one_store_add_up(marketplace, settings, clock):
    from marketplace.application import Marketplace

    second = Marketplace.from_settings(settings)
    try:
        one, two = (SignInThrottle(m.recorder, now=clock) for m in (marketplace, second))
        fail(one, 2)
        fail(two, ACCOUNT.free_failures - 2)

        assert wait_of(one) == wait_of(two) == ACCOUNT.first_wait.total_seconds()
    finally:
        second.close()


def test_rows_no_rule_remembers_are_pruned(marketplace, throttle, clock):
    fail(throttle, 1, username="long-ago")
    clock.move(max(ACCOUNT.forget_after, ADDRESS.forget_after) + timedelta(seconds=1))

    fail(throttle, 1, username="now")

    stored = marketplace.recorder.select_sign_in_failures(
        [account_key("long-ago"), account_key("now")]
    )
    assert list(stored) == [account_key("now")]


def test_sign_in_counts_wrong_passwords_and_clears_on_the_right_one(marketplace):
    marketplace.register_user("lan", "officer", "a long secret")
    for _ in range(ACCOUNT.free_failures - 1):
        with pytest.raises(AuthenticationFailed):
            marketplace.sign_in("lan", "wrong password", HERE)

    assert marketplace.sign_in("LAN", "a long secret", HERE).username == "lan"
    assert marketplace.recorder.select_sign_in_failures([account_key("lan")]) == {}
