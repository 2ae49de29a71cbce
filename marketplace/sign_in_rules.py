"""The rules of sign-in throttling (marketplace/sign_in_throttle.py applies them): how many
failures each count allows before waiting, how the wait grows and when it is forgotten, and the
keys the counts are kept under (an account, a client address, both, and an address an account
signed in from)."""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from domain.user import user_id_for


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


ACCOUNT_AT_ADDRESS = BackOff(
    free_failures=5,
    first_wait=timedelta(minutes=1),
    longest_wait=timedelta(minutes=15),
    forget_after=timedelta(days=1),
)
"""Five tries cover a person's typos; then 1, 2, 4, 8, 15, 15… minutes between guesses,
about a hundred guesses a day at most on one account from one address."""
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
ACCOUNT = BackOff(
    free_failures=50,
    first_wait=timedelta(minutes=1),
    longest_wait=timedelta(minutes=15),
    forget_after=timedelta(days=1),
)
"""Guessing spread over many addresses. An address adds to this count only the failures it
may make freely (ACCOUNT_AT_ADDRESS's five), so one stranger cannot start it: it takes ten
addresses; then every failure counts, and the account waits 1, 2, 4… up to 15 minutes between
guesses from anywhere but where its owner signs in. Not cleared by a success (that would give
the attacker a fresh start each time the owner signs in)."""
KNOWN_FOR = timedelta(days=30)
"""How long an address the account signed in from stays its owner's: ``ACCOUNT`` spares it."""


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


def here_key(username: str, address: str | None) -> str:
    """The key of the account tried from one address (or from an unknown one)."""
    return f"{account_key(username)}@{address_key(address) or 'addr:?'}"


def known_key(username: str, address: str | None) -> str:
    """The key noting that the account signed in from this address."""
    return f"known:{here_key(username, address)}"
