"""Sign-in throttling on real stores with a moved clock: counting, waiting, forgetting."""

from datetime import datetime, timedelta

import pytest

from marketplace.errors import AuthenticationFailed, SignInThrottled
from marketplace.sign_in_throttle import (
    ACCOUNT,
    ACCOUNT_AT_ADDRESS,
    ADDRESS,
    KNOWN_FOR,
    SignInThrottle,
    account_key,
    here_key,
)

START = datetime(2026, 1, 5, 9, 0)
HERE = "203.0.113.9"
HOME = "198.51.100.50"  # where the account's owner signs in


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
        throttle.failed(username, address, throttle.check(username, address))


def wait_of(throttle: SignInThrottle, username: str = "lan", address: str = HERE) -> int:
    with pytest.raises(SignInThrottled) as refused:
        throttle.check(username, address)
    return refused.value.retry_after


def test_the_fifth_failure_starts_the_first_wait_and_it_ends_on_time(throttle, clock):
    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures)

    assert wait_of(throttle) == ACCOUNT_AT_ADDRESS.first_wait.total_seconds()
    clock.move(ACCOUNT_AT_ADDRESS.first_wait - timedelta(seconds=1))
    assert wait_of(throttle) == 1
    clock.move(timedelta(seconds=1))
    assert throttle.check("lan", HERE).failures_here == ACCOUNT_AT_ADDRESS.free_failures


def test_each_failure_after_a_wait_doubles_it_up_to_fifteen_minutes(throttle, clock):
    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures)
    waits = []
    for _ in range(6):
        waits.append(wait_of(throttle))
        clock.move(timedelta(seconds=waits[-1]))
        fail(throttle, 1)

    assert waits == [60, 120, 240, 480, 900, 900]


def test_failures_are_forgotten_after_a_quiet_day(throttle, clock):
    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures - 1)
    clock.move(ACCOUNT_AT_ADDRESS.forget_after)

    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures - 1)

    assert throttle.check("lan", HERE).failures_here == ACCOUNT_AT_ADDRESS.free_failures - 1


def test_a_success_clears_the_account_but_not_the_address(throttle):
    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures - 1)
    for number in range(ADDRESS.free_failures - ACCOUNT_AT_ADDRESS.free_failures):
        fail(throttle, 1, username=f"guess{number}")

    throttle.succeeded("lan", HERE, throttle.check("lan", HERE))
    assert throttle.check("lan", HERE).failures_here == 0  # nothing left on the account here
    fail(throttle, 1, username="other")

    assert wait_of(throttle, "lan") == ADDRESS.first_wait.total_seconds()


def test_counts_from_two_throttles_on_one_store_add_up(marketplace, settings, clock):
    from marketplace.application import Marketplace

    second = Marketplace.from_settings(settings)
    try:
        one, two = (SignInThrottle(m.recorder, now=clock) for m in (marketplace, second))
        fail(one, 2)
        fail(two, ACCOUNT_AT_ADDRESS.free_failures - 2)

        assert wait_of(one) == wait_of(two) == ACCOUNT_AT_ADDRESS.first_wait.total_seconds()
    finally:
        second.close()


def test_rows_no_rule_remembers_are_pruned(marketplace, throttle, clock):
    fail(throttle, 1, username="long-ago")
    clock.move(
        max(ACCOUNT_AT_ADDRESS.forget_after, ADDRESS.forget_after, ACCOUNT.forget_after)
        + timedelta(seconds=1)
    )

    fail(throttle, 1, username="now")

    stored = marketplace.recorder.select_sign_in_failures(
        [account_key("long-ago"), account_key("now")]
    )
    assert list(stored) == [account_key("now")]


def test_sign_in_counts_wrong_passwords_and_clears_on_the_right_one(marketplace):
    marketplace.register_user("lan", "officer", "a long secret")
    for _ in range(ACCOUNT_AT_ADDRESS.free_failures - 1):
        with pytest.raises(AuthenticationFailed):
            marketplace.sign_in("lan", "wrong password", HERE)

    assert marketplace.sign_in("LAN", "a long secret", HERE).username == "lan"
    assert marketplace.recorder.select_sign_in_failures([here_key("lan", HERE)]) == {}


def test_a_stranger_failing_an_account_does_not_stop_its_owner_elsewhere(throttle, clock):
    for _ in range(ACCOUNT.free_failures + 10):  # a day of guessing from one address
        clock.move(ACCOUNT_AT_ADDRESS.longest_wait)
        fail(throttle, 1)

    assert wait_of(throttle) > 0  # the stranger waits
    owner = throttle.check("lan", HOME)  # the owner, who never signed in there, does not
    assert (owner.failures_here, owner.failures_everywhere) == (
        0,
        ACCOUNT_AT_ADDRESS.free_failures,  # one address adds only its free failures
    )


def test_guessing_from_many_addresses_stops_the_account_but_not_where_its_owner_signs_in(
    throttle, clock
):
    throttle.succeeded("lan", HOME, throttle.check("lan", HOME))
    clock.move(KNOWN_FOR - timedelta(hours=1))
    for number in range(ACCOUNT.free_failures):
        fail(throttle, 1, address=f"192.0.2.{number}")

    assert wait_of(throttle, address="203.0.113.200") == ACCOUNT.first_wait.total_seconds()
    assert throttle.check("lan", HOME).signed_in_here_at is not None  # the owner's address
    clock.move(timedelta(hours=1))
    fail(throttle, 1, address="192.0.2.200")
    assert wait_of(throttle, address=HOME) > 0  # not signed in from for KNOWN_FOR: a stranger's


def test_an_address_signed_in_from_is_noted_at_most_daily(marketplace, throttle, clock):
    throttle.succeeded("lan", HOME, throttle.check("lan", HOME))
    noted = throttle.check("lan", HOME).signed_in_here_at
    clock.move(timedelta(hours=23))
    throttle.succeeded("lan", HOME, throttle.check("lan", HOME))
    assert throttle.check("lan", HOME).signed_in_here_at == noted
    clock.move(timedelta(hours=2))
    throttle.succeeded("lan", HOME, throttle.check("lan", HOME))
    assert throttle.check("lan", HOME).signed_in_here_at > noted


def test_the_owners_failures_at_home_still_count_there(throttle):
    throttle.succeeded("lan", HOME, throttle.check("lan", HOME))
    fail(throttle, ACCOUNT_AT_ADDRESS.free_failures, address=HOME)

    assert wait_of(throttle, address=HOME) == ACCOUNT_AT_ADDRESS.first_wait.total_seconds()
