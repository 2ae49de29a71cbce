"""Signing in as the doors (API and pages) do it: throttled before any password is hashed,
and at most one password hashed at a time in a worker."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from domain.errors import DomainError
from marketplace.access import Principal
from marketplace.errors import WRONG_PASSWORD, AuthenticationFailed, SignInBusy
from marketplace.sign_in_throttle import SignInThrottle

HASHING_SLOTS = 1
"""Sign-ins a worker checks at once. argon2 takes a core for about half a second; guesses
that waited for it would hold gunicorn's threads and queue every other request behind them
(measured with 8 guessing clients on 2 workers of 2 threads: /healthz p50 2.2 s without
the slot, 4 s waiting up to 10 s for it, 1.1 s waiting up to 0.5 s, 96 ms refusing at once).
So a sign-in that finds the slot taken is refused at once (503, Retry-After: 1)."""


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
        """Check a password from a client address, unless a throttling rule says to wait
        (SignInThrottled, before argon2 runs); a failure counts toward each rule."""
        with self.password_guess(username, address):
            return self.authenticate(username, password)

    @contextmanager
    def password_guess(self, username: str, address: str | None) -> Iterator[None]:
        """Around any check of a typed password (signing in, changing one's own): wait if
        the account or address must (before argon2 runs), take the worker's hashing slot, and
        count a refusal of the password (AuthenticationFailed, or a refusal coded
        ``wrong_password``); a success clears the account's count at this address and notes
        the address as the owner's (see marketplace.sign_in_throttle)."""
        throttle = self.sign_in_throttle
        standing = throttle.check(username, address)
        if not self._hashing_slots.acquire(blocking=False):
            raise SignInBusy.because("sign_ins_busy")
        try:
            yield
        except (AuthenticationFailed, DomainError) as refused:
            if isinstance(refused, AuthenticationFailed) or refused.code == WRONG_PASSWORD:
                throttle.failed(username, address, standing)
            raise
        finally:
            self._hashing_slots.release()
        throttle.succeeded(username, address, standing)
