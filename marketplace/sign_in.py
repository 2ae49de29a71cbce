"""Signing in as the doors (API and pages) do it: throttled before any password is hashed,
and at most one password hashed at a time in a worker."""

import threading
from functools import cached_property

from marketplace.access import Principal
from marketplace.errors import AuthenticationFailed, SignInBusy
from marketplace.sign_in_throttle import SignInThrottle

HASHING_SLOTS = 1
"""Sign-ins a worker checks at once. argon2 takes a core for about half a second: with
gunicorn's 2 threads per worker, two guesses would otherwise hold both threads and every
other request to that worker would queue behind them."""
HASHING_QUEUE_SECONDS = 10.0
"""How long a sign-in waits for the slot before it is told to retry (gunicorn's timeout is 30 s)."""


class SignInCommands:
    """Mixed into the application, beside ``UserCommands.authenticate``."""

    @cached_property
    def sign_in_throttle(self) -> SignInThrottle:
        """The throttle, counting in this store's ``sign_in_failures`` table."""
        return SignInThrottle(self.recorder)

    @cached_property
    def _hashing_slots(self) -> threading.BoundedSemaphore:
        return threading.BoundedSemaphore(HASHING_SLOTS)

    def sign_in(self, username: str, password: str, address: str | None) -> Principal:
        """Check a password from a client address, unless the account or the address must
        wait (SignInThrottled, before argon2 runs); a failure counts against both."""
        throttle = self.sign_in_throttle
        account_has_failures = throttle.check(username, address)
        if not self._hashing_slots.acquire(timeout=HASHING_QUEUE_SECONDS):
            raise SignInBusy("too many sign-ins are being checked; try again shortly")
        try:
            principal = self.authenticate(username, password)
        except AuthenticationFailed:
            throttle.failed(username, address)
            raise
        finally:
            self._hashing_slots.release()
        if account_has_failures:
            throttle.succeeded(username)
        return principal
