"""Sign-in throttling: after a few wrong passwords an account, or a client address, must wait,
and each further failure doubles the wait.

Counted per account (the folded username, known or not, so the answer never says which names
exist) and per client address (so one client cannot try a password on many accounts). Only
failures count: a success costs nothing and clears its account's count. The check comes
before the password is hashed, so a throttled guess costs the server no argon2 work.

The counts live in the store (``sign_in_failures``), shared by every worker and host; this
module holds the rule, the recorder keeps the rows.
"""

import ipaddress
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.user import user_id_for
from marketplace import clock
from marketplace.errors import SignInThrottled


@dataclass(frozen=True)
class BackOff:
    """How many failures a key may have before it waits, how long, and when it is forgotten."""

    free_failures: int
    first_wait: timedelta
    longest_wait: timedelta
    forget_after: timedelta
    """Quiet time after the last failure at which the count starts again from zero."""

    def wait(self, failures: int) -> timedelta:
        """The wait after the last of ``failures`` failures: none below the limit, then the
        first wait, doubling with each further failure, up to the longest."""
        if failures < self.free_failures:
            return timedelta(0)
        doublings = min(failures - self.free_failures, 32)  # 2**32 waits are past any cap
        return min(self.first_wait * 2**doublings, self.longest_wait)


ACCOUNT = BackOff(
    free_failures=5,
    first_wait=timedelta(minutes=1),
    longest_wait=timedelta(minutes=15),
    forget_after=timedelta(days=1),
)
"""Five tries cover a person's typos; then 1, 2, 4, 8, 15, 15… minutes between guesses,
about a hundred guesses a day at most on one account, whatever the attacker's addresses."""
ADDRESS = BackOff(
    free_failures=30,
    first_wait=timedelta(minutes=1),
    longest_wait=timedelta(minutes=15),
    forget_after=timedelta(hours=1),
)
"""Larger, since many people share an address (an office, a school, a phone carrier's NAT);
it stops one client trying a common password on many accounts. A success does not clear
it: an attacker's own valid account would otherwise wipe it between guesses. So it is
forgotten sooner, an hour after its last failure."""


@dataclass(frozen=True)
class Failures:
    """A key's count as stored: how many failures, and when the last one was (epoch seconds)."""

    count: int
    last_at: float


class FailureStore(Protocol):
    """Where the counts are kept (the recorder's ``sign_in_failures`` table)."""

    def select_sign_in_failures(self, keys: list[str]) -> dict[str, Failures]: ...

    def record_sign_in_failure(
        self, keys: list[tuple[str, float]], now: float, prune_before: float
    ) -> None:
        """Add a failure at ``now`` to each (key, forget-before) pair, starting again from
        one where the last failure was at or before forget-before; drop rows older than
        ``prune_before``."""

    def clear_sign_in_failures(self, key: str) -> None: ...


def account_key(username: str) -> str:
    """The account's key: its user id, so a username typed as a password is never stored."""
    return f"user:{user_id_for(username)}"


def address_key(address: str | None) -> str | None:
    """The client's key: an IPv4 address, or an IPv6 /64 (one subscriber's usual share,
    which an attacker could otherwise walk through address by address)."""
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"addr:{address[:100]}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"addr:{ip.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"addr:{ip}"


class SignInThrottle:
    """Decides, before a password is checked, whether an account and an address may try."""

    def __init__(self, store: FailureStore, now: Callable[[], datetime] = clock.now) -> None:
        self.store = store
        self.now = now

    def check(self, username: str, address: str | None) -> bool:
        """Raise SignInThrottled, with the seconds to wait, if either key must wait; else
        say whether the account has failures on record (for ``succeeded`` to clear)."""
        keys = self._keys(username, address)
        stored = self.store.select_sign_in_failures(list(keys))
        now = self.now().timestamp()
        waits = [self._wait(keys[key], failures, now) for key, failures in stored.items()]
        if max(waits, default=0.0) > 0:
            raise SignInThrottled(
                "too many failed sign-ins; try again later", retry_after=math.ceil(max(waits))
            )
        return account_key(username) in stored

    def failed(self, username: str, address: str | None) -> None:
        """Count one failure against the account and the address."""
        keys = self._keys(username, address)
        now = self.now().timestamp()
        counted = [(key, now - rule.forget_after.total_seconds()) for key, rule in keys.items()]
        self.store.record_sign_in_failure(counted, now, forgotten_before(now))

    def succeeded(self, username: str) -> None:
        """A right password clears the account's count (not the address's: see ADDRESS)."""
        self.store.clear_sign_in_failures(account_key(username))

    @staticmethod
    def _keys(username: str, address: str | None) -> dict[str, BackOff]:
        keys = {account_key(username): ACCOUNT}
        address_id = address_key(address)
        if address_id is not None:
            keys[address_id] = ADDRESS
        return keys

    @staticmethod
    def _wait(rule: BackOff, failures: Failures, now: float) -> float:
        if now - failures.last_at >= rule.forget_after.total_seconds():
            return 0.0
        wait = rule.wait(failures.count).total_seconds()
        # min: a failure stamped by a host whose clock runs ahead never lengthens the wait
        return min(failures.last_at + wait - now, wait)


def forgotten_before(now: float, rules: Iterable[BackOff] = (ACCOUNT, ADDRESS)) -> float:
    """Rows whose last failure is older than this are forgotten by every rule (pruned)."""
    return now - max(rule.forget_after for rule in rules).total_seconds()
