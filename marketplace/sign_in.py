"""Signing in as the doors (API and pages) do it: throttled before any password is hashed."""

from functools import cached_property

from marketplace.access import Principal
from marketplace.errors import AuthenticationFailed
from marketplace.sign_in_throttle import SignInThrottle


class SignInCommands:
    """Mixed into the application, beside ``UserCommands.authenticate``."""

    @cached_property
    def sign_in_throttle(self) -> SignInThrottle:
        """The throttle, counting in this store's ``sign_in_failures`` table."""
        return SignInThrottle(self.recorder)

    def sign_in(self, username: str, password: str, address: str | None) -> Principal:
        """Check a password from a client address, unless the account or the address must
        wait (SignInThrottled, before argon2 runs); a failure counts against both."""
        throttle = self.sign_in_throttle
        account_has_failures = throttle.check(username, address)
        try:
            principal = self.authenticate(username, password)
        except AuthenticationFailed:
            throttle.failed(username, address)
            raise
        if account_has_failures:
            throttle.succeeded(username)
        return principal
