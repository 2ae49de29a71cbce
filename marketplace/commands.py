"""What a command's handler hands back (``Recorded``) and what its save is checked against
(``Authorisation``); the door that runs them is marketplace/door.py."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate


@dataclass(frozen=True)
class Authorisation:
    """The version of the acting user a command was authorised as, and its session: the save
    records only if that user is still at this version and the session is not signed out
    (checked inside the insert's transaction, after the table lock), else it raises
    PrincipalChangedError and records nothing."""

    user_id: UUID
    version: int
    session_id: str | None = None


class Recorded:
    """What a command method hands back: its result and the aggregates to save."""

    def __init__(
        self,
        result: dict[str, Any],
        *aggregates: Aggregate,
        credential: tuple[str, str] | None = None,
        gtin: tuple[str, str] | None = None,
        releases_gtin: tuple[str, str] | None = None,
        replaces_credential: bool = False,
    ) -> None:
        self.result = result
        self.aggregates = aggregates
        self.credential = credential  # (user id, password hash), saved with the events
        self.replaces_credential = replaces_credential
        self.gtin = gtin  # (GTIN, product id): held by that product from this save on
        self.releases_gtin = releases_gtin  # (GTIN, product id): no longer held from this save on
