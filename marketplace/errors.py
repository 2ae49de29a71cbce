"""Application exceptions; the web layer maps each to an HTTP status in one place."""

from domain.errors import Refusal
from marketplace.persistence.outage import DatabaseUnreachable  # noqa: F401  (the web maps it to 503)

WRONG_PASSWORD = "wrong_password"
"""The code of a refused password typed to change one's own: it counts as a failed sign-in."""


class ApplicationError(Refusal):
    """Base of the application's own refusals (made with ``because``, like the domain's)."""


class NotFound(ApplicationError):
    """No aggregate of that kind has that id."""


class NotAllowed(ApplicationError):
    """The actor's role or outlets do not allow this command; nothing was recorded."""


class ReferenceNotFound(ApplicationError):
    """A command names another record (a producer, a product, an outlet) that does not exist."""


class ConcurrentUpdate(ApplicationError):
    """Other writers kept changing the same record; the command was not recorded."""


class IdempotencyKeyReused(ApplicationError):
    """An Idempotency-Key was sent again with a different request."""


class AuthenticationFailed(ApplicationError):
    """Unknown user or wrong password."""


class InvalidRequest(ApplicationError):
    """A request-level value (a header, a date in the future) is not acceptable."""


class GtinTaken(ApplicationError):
    """A GTIN is already held by another product (one barcode names one product)."""


class BackupRefused(ApplicationError):
    """A backup or a restore cannot be done as asked (nothing was changed)."""


class SignInThrottled(ApplicationError):
    """Too many failed sign-ins for an account or a client address: wait before trying again."""

    @property
    def retry_after(self) -> int:
        """The seconds to wait before trying again."""
        return self.params["retry_after"]


class SignInBusy(ApplicationError):
    """This worker is already checking as many passwords as it may at once."""


class StoreNotInitialised(RuntimeError):
    """The store lacks tables this version needs: `ocop init` has not run since the upgrade.

    Raised at start-up by a process that does not create tables, so that it stops with this
    message instead of answering 500 on the first request that needs the missing table."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            f"the store lacks the tables {', '.join(missing)}: run `ocop init` (safe to repeat) "
            "with this version before starting it"
        )
        self.missing = missing
