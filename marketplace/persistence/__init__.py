"""Event recorders that also write, in the events' own transaction, the rows tied to them.

Besides the library's events table the store keeps these tables:
- ``idempotency_keys``: the first result of a request sent with an ``Idempotency-Key``;
  written with the events the request caused, so a retry finds either both or neither.
- ``credentials``: password hashes, kept out of the event log so secrets never enter the
  permanent, exportable history; written with the user's ``Registered`` event, replaced with
  their ``PasswordChanged`` event.
- ``revoked_sessions``: the ids of tokens and page sessions signed out before they expire, kept
  until they would have expired; a write authorised by one of them records nothing.
- ``product_gtins``: each GTIN and the product that holds it, written with the product's
  ``Registered`` event (or the ``Corrected`` event that changes it, which lets the old one go
  in the same save); its primary key keeps a GTIN to one product even when two officers
  register it at the same moment (a read model lags, so it cannot).
- ``sign_in_failures``: failed sign-ins per account, per client address and per both, and
  the addresses accounts signed in from (rows with no failures), so every worker and host
  throttles guessing alike (marketplace/sign_in_throttle.py); not tied to events.
"""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class RequestKey:
    """A client's ``Idempotency-Key``, scoped to the user, with a digest of the request."""

    user_id: str
    key: str
    fingerprint: str


@dataclass(frozen=True)
class StoredResult:
    """The first result recorded under a request key."""

    fingerprint: str
    result_json: str


@dataclass(frozen=True)
class SideRows:
    """Rows to write in the same transaction as a batch of events."""

    request_key: RequestKey | None = None
    result_json: str | None = None
    credential: tuple[str, str] | None = None  # (user id, password hash)
    replaces_credential: bool = False  # the user's hash is replaced (a password change)
    gtin: tuple[str, str] | None = None  # (GTIN, product id)
    releases_gtin: tuple[str, str] | None = None  # (GTIN, product id): a corrected GTIN let go
    principal: tuple[UUID, int] | None = None
    """(user id, version) the command was authorised as: the save fails with
    PrincipalChangedError, writing nothing, if that user has a later version by then."""
    session_id: str | None = None
    """The session (token or page) the command came with: the save fails the same way if it
    was signed out by then."""


class PrincipalChangedError(Exception):
    """The user a command was authorised as changed (role, outlets), or their session was
    signed out, before it was recorded."""
