"""User: a person who signs in, with one role and, for outlet staff, the outlets they work at."""

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.errors import InvalidValue, RuleConflict

ROLES = ("admin", "officer", "staff", "auditor")
_USERNAME_NAMESPACE = uuid5(NAMESPACE_URL, "ocop:users")


class User(OcopAggregate):
    """A user account; its id follows from the username, so a name can be taken only once."""

    @staticmethod
    def create_id(username: str) -> UUID:
        return user_id_for(username)

    @classmethod
    def register(cls, username: str, role: str, outlet_ids: list[UUID] = ()) -> "User":
        """Register a user with a role; staff are bound to the outlets they may write to."""
        username = username.strip().lower()
        if (
            not username
            or not username.replace("_", "").replace(".", "").replace("-", "").isalnum()
        ):
            raise InvalidValue.because("username_characters", "username")
        if role not in ROLES:
            raise InvalidValue.because("not_one_of", "role", options=list(ROLES))
        return cls(username=username, role=role, outlet_ids=list(dict.fromkeys(outlet_ids)))

    @event("Registered")
    def __init__(self, username: str, role: str, outlet_ids: list[UUID]) -> None:
        self.username = username
        self.role = role
        self.outlet_ids = outlet_ids

    def bind_to_outlet(self, outlet_id: UUID) -> None:
        """Let a staff member write to one more outlet."""
        if outlet_id in self.outlet_ids:
            raise RuleConflict.because("already_works_there", "outlet_id")
        self._bound(outlet_id)

    @event("BoundToOutlet")
    def _bound(self, outlet_id: UUID) -> None:
        self.outlet_ids.append(outlet_id)


def user_id_for(username: str) -> UUID:
    """The aggregate id of the user with this name (names are case-insensitive)."""
    return uuid5(_USERNAME_NAMESPACE, username.strip().lower())
