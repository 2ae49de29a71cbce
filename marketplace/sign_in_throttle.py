"""Sign-in throttling: after a few wrong passwords an account tried from one place, a client
address, or (much later) an account tried from everywhere must wait, and each further failure
doubles the wait.

A stranger who types wrong passwords for someone's username must not lock its owner out, so the
strict count is per account *and* client address (``ACCOUNT_AT_ADDRESS``): it stops guessing
from one place and leaves the owner free to sign in from theirs. Per address (``ADDRESS``), one
client cannot try a password on many accounts. Per account from every address (``ACCOUNT``),
a slower rule bounds guessing spread over many addresses; it does not apply at an address the
account has signed in from in the last ``KNOWN_FOR`` (its owner's office or phone), so even a
botnet cannot lock the owner out there. Keys use the folded username, known or not, so the
answer never says which names exist. Only failures count; a success clears its account's count
at that address. The check comes before the password is hashed, so a throttled guess costs the
server no argon2 work.

The counts live in the store (``sign_in_failures``), shared by every worker and host, beside
the addresses accounts signed in from (rows with no failures): marketplace/sign_in_rules.py
holds the rules and the keys, this module applies them, the recorder keeps the rows.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from marketplace import clock
from marketplace.errors import SignInThrottled
from marketplace.sign_in_rules import (
    ACCOUNT,
    ACCOUNT_AT_ADDRESS,
    ADDRESS,
    KNOWN_FOR,
    BackOff,
    account_key,
    address_key,
    here_key,
    known_key,
)


@dataclass(frozen=True)
class Failures:
    """A key's count as stored: how many failures, and when the last one was (epoch seconds)."""

    count: int
    last_at: float


class FailureStore(Protocol):
    """Where the counts are kept (the recorder's ``sign_in_failures`` table)."""

    def select_sign_in_failures(self, keys: list[str]) -> dict[str, Failures]:
        """The rows of up to four keys (those absent have no failures on record)."""

    def record_sign_in_failure(
        self, keys: list[tuple[str, float]], now: float, prune_before: float
    ) -> None:
        """Add a failure at ``now`` to each (key, forget-before) pair, starting again from
        one where the last failure was at or before forget-before; drop rows of failures
        older than ``prune_before``."""

    def clear_sign_in_failures(self, key: str) -> None: ...

    def record_sign_in(self, key: str, now: float, prune_before: float) -> None:
        """Note a success at ``now`` (a row with no failures); drop successes older than
        ``prune_before``."""


@dataclass(frozen=True)
class Standing:
    """What ``check`` found, for counting a failure or tidying after a success: the account's
    live failures at this address and everywhere, and when it last signed in from here
    (epoch seconds, or None)."""

    failures_here: int
    failures_everywhere: int
    signed_in_here_at: float | None

    def counts_everywhere(self) -> bool:
        """Whether a failure now adds to the account-wide count (see ACCOUNT)."""
        return (
            self.failures_here < ACCOUNT_AT_ADDRESS.free_failures
            or self.failures_everywhere >= ACCOUNT.free_failures
        )


class SignInThrottle:
    """Decides, before a password is checked, whether an account may be tried from an address."""

    def __init__(self, store: FailureStore, now: Callable[[], datetime] = clock.now) -> None:
        self.store = store
        self.now = now

    def check(self, username: str, address: str | None) -> Standing:
        """Raise SignInThrottled, with the seconds to wait, if any rule must wait; else say
        how the account stands here (for ``failed`` or ``succeeded``)."""
        keys = self._keys(username, address)
        here, everywhere = here_key(username, address), account_key(username)
        known = known_key(username, address)
        stored = self.store.select_sign_in_failures([*keys, known])
        now = self.now().timestamp()
        signed_in_at = stored.pop(known).last_at if known in stored else None
        # the owner's address: guessing from elsewhere is no bar to signing in here
        owners = signed_in_at is not None and now - signed_in_at < KNOWN_FOR.total_seconds()
        waits = [
            self._wait(keys[key], failures, now)
            for key, failures in stored.items()
            if not (owners and key == everywhere)
        ]
        if max(waits, default=0.0) > 0:
            raise SignInThrottled.because(
                "too_many_failed_sign_ins", retry_after=math.ceil(max(waits))
            )
        return Standing(
            _live(keys[here], stored.get(here), now),
            _live(keys[everywhere], stored.get(everywhere), now),
            signed_in_at,
        )

    def failed(self, username: str, address: str | None, standing: Standing) -> None:
        """Count one failure against the account here, the address and, unless this address
        has had its free failures (see ACCOUNT), the account everywhere."""
        keys = self._keys(username, address)
        if not standing.counts_everywhere():
            del keys[account_key(username)]
        now = self.now().timestamp()
        counted = [(key, now - rule.forget_after.total_seconds()) for key, rule in keys.items()]
        self.store.record_sign_in_failure(counted, now, forgotten_before(now))

    def succeeded(self, username: str, address: str | None, standing: Standing) -> None:
        """A right password clears the account's count at this address (not the address's
        nor the account's: see ADDRESS, ACCOUNT) and makes the address its owner's for
        KNOWN_FOR; noted again at most daily, so a sign-in seldom writes."""
        if standing.failures_here:
            self.store.clear_sign_in_failures(here_key(username, address))
        now = self.now().timestamp()
        last = standing.signed_in_here_at
        if last is None or not 0 <= now - last < timedelta(days=1).total_seconds():
            self.store.record_sign_in(
                known_key(username, address), now, now - KNOWN_FOR.total_seconds()
            )

    @staticmethod
    def _keys(username: str, address: str | None) -> dict[str, BackOff]:
        """The keys counted, by rule: the account here and everywhere first, the address."""
        keys = {here_key(username, address): ACCOUNT_AT_ADDRESS, account_key(username): ACCOUNT}
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


def _live(rule: BackOff, failures: Failures | None, now: float) -> int:
    """The failures a rule still remembers (none after its quiet time)."""
    if failures is None or now - failures.last_at >= rule.forget_after.total_seconds():
        return 0
    return failures.count


def forgotten_before(
    now: float, rules: Iterable[BackOff] = (ACCOUNT_AT_ADDRESS, ADDRESS, ACCOUNT)
) -> float:
    """Rows whose last failure is older than this are forgotten by every rule (pruned)."""
    return now - max(rule.forget_after for rule in rules).total_seconds()
