"""The back-off rule of sign-in throttling, and the keys it counts by."""

from datetime import timedelta

import pytest

from marketplace.sign_in_rules import (
    ACCOUNT,
    ACCOUNT_AT_ADDRESS,
    ADDRESS,
    BackOff,
    account_key,
    address_key,
    here_key,
)
from marketplace.sign_in_throttle import Standing

RULE = BackOff(
    free_failures=3,
    first_wait=timedelta(seconds=10),
    longest_wait=timedelta(seconds=60),
    forget_after=timedelta(hours=1),
)


def test_no_wait_below_the_free_failures_then_the_wait_doubles_up_to_the_longest():
    waits = [RULE.wait(n).total_seconds() for n in range(8)]

    assert waits == [0, 0, 0, 10, 20, 40, 60, 60]


def test_a_huge_count_waits_the_longest_and_does_not_overflow():
    assert RULE.wait(10**9) == RULE.longest_wait


def test_the_account_at_an_address_rule_is_stricter_than_the_address_rule():
    assert ACCOUNT_AT_ADDRESS.free_failures < ADDRESS.free_failures
    for rule in (ACCOUNT_AT_ADDRESS, ADDRESS, ACCOUNT):
        assert rule.longest_wait <= timedelta(minutes=15)


def test_the_account_wide_count_takes_ten_addresses_to_start():
    assert ACCOUNT.free_failures >= 10 * ACCOUNT_AT_ADDRESS.free_failures


@pytest.mark.parametrize(
    ("here", "everywhere", "counts"),
    [(0, 0, True), (4, 49, True), (5, 49, False), (40, 49, False), (5, 50, True), (9, 80, True)],
)
def test_an_address_adds_to_the_account_wide_count_only_its_free_failures(here, everywhere, counts):
    """Until the account-wide waits have started: then every failure counts."""
    assert Standing(here, everywhere, None).counts_everywhere() is counts


def test_an_account_at_an_address_has_its_own_key():
    assert here_key("Lan", "203.0.113.9") == here_key("lan", "203.0.113.9")
    assert here_key("lan", "203.0.113.9") != here_key("lan", "203.0.113.10")
    assert here_key("lan", "2001:db8:1:2::1") == here_key("lan", "2001:db8:1:2::9")
    assert here_key("lan", None) != account_key("lan")


def test_the_account_key_is_the_folded_username_as_a_user_id():
    assert account_key(" Lan ") == account_key("lan")
    assert "lan" not in account_key("lan")  # a password typed as a username is not kept
    assert account_key("lan") != account_key("lan2")


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "addr:203.0.113.9"),
        ("::ffff:203.0.113.9", "addr:203.0.113.9"),
        ("2001:db8:1:2::1", "addr:2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "addr:2001:db8:1:2::/64"),
        ("not an address", "addr:not an address"),
        (None, None),
        ("", None),
    ],
)
def test_an_address_key_is_the_ipv4_address_or_the_ipv6_64(address, key):
    assert address_key(address) == key


@pytest.mark.parametrize(("value", "count"), [(None, 0), ("", 0), ("0", 0), ("2", 2)])
def test_trusted_proxies_is_a_count_of_proxies(value, count):
    from marketplace.config import Settings

    env = {"OCOP_SECRET_KEY": "k"} | ({"OCOP_TRUSTED_PROXIES": value} if value is not None else {})
    assert Settings.from_env(env).trusted_proxies == count


@pytest.mark.parametrize("value", ["-1", "yes", "1.5"])
def test_a_trusted_proxies_setting_that_is_not_a_count_is_refused(value):
    from marketplace.config import ConfigError, Settings

    with pytest.raises(ConfigError, match="OCOP_TRUSTED_PROXIES"):
        Settings.from_env({"OCOP_SECRET_KEY": "k", "OCOP_TRUSTED_PROXIES": value})
