"""User: a person who signs in, with one role and, for outlet staff, the outlets they work at.

A password change, a role change, an unbinding and a disabling each end every session the user
had: they move ``sessions_generation`` on, and a token or page session of an older generation
is refused. Nobody may disable or demote themselves or reset their own password (they change it
knowing the current one), so the admin acting is always an enabled admin who stays one: a store
never loses its last admin over HTTP.
"""

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.errors import InvalidValue, RuleConflict

ROLES = ("admin", "officer", "staff", "manager", "auditor")
"""A manager (quản lý điểm bán) is bound to outlets like staff and may also void their sales."""
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
        self.disabled = False
        self.sessions_generation = 0

    def bind_to_outlet(self, outlet_id: UUID) -> None:
        """Let a staff member write to one more outlet."""
        if outlet_id in self.outlet_ids:
            raise RuleConflict.because("already_works_there", "outlet_id")
        self._bound(outlet_id)

    @event("BoundToOutlet")
    def _bound(self, outlet_id: UUID) -> None:
        self.outlet_ids.append(outlet_id)

    def unbind_from_outlet(self, outlet_id: UUID) -> None:
        """Stop a staff member writing to an outlet; their sessions end."""
        if outlet_id not in self.outlet_ids:
            raise RuleConflict.because("not_working_there", "outlet_id")
        self._unbound(outlet_id)

    @event("UnboundFromOutlet")
    def _unbound(self, outlet_id: UUID) -> None:
        self.outlet_ids.remove(outlet_id)
        self.sessions_generation += 1

    def change_password(self) -> None:
        """The user changed their own password (the hash is kept out of the log)."""
        self._password_changed()

    def reset_password(self, *, by: str) -> None:
        """An admin (``by``: their id, or SYSTEM) set a new password for another user."""
        self._refuse_own_account("own_password_reset", by)
        self._password_changed()

    @event("PasswordChanged")
    def _password_changed(self) -> None:
        self.sessions_generation += 1

    def change_role(self, role: str, *, by: str) -> None:
        """Give the user another role (``by``: the admin's id, or SYSTEM); their sessions end."""
        if role not in ROLES:
            raise InvalidValue.because("not_one_of", "role", options=list(ROLES))
        if role == self.role:
            raise RuleConflict.because("already_has_role", "role", role=role)
        self._refuse_own_account("own_role_change", by)
        self._role_changed(role)

    @event("RoleChanged")
    def _role_changed(self, role: str) -> None:
        self.role = role
        self.sessions_generation += 1

    def disable(self, *, by: str) -> None:
        """Stop the user signing in (``by``: the admin's id, or SYSTEM); their sessions end."""
        if self.disabled:
            raise RuleConflict.because("already_disabled", "user_id")
        self._refuse_own_account("own_account_disabling", by)
        self._disabled()

    @event("Disabled")
    def _disabled(self) -> None:
        self.disabled = True
        self.sessions_generation += 1

    def enable(self) -> None:
        """Let a disabled user sign in again (sessions ended by the disabling stay ended)."""
        if not self.disabled:
            raise RuleConflict.because("not_disabled", "user_id")
        self._enabled()

    @event("Enabled")
    def _enabled(self) -> None:
        self.disabled = False

    def _refuse_own_account(self, reason: str, by: str) -> None:
        if by == str(self.id):
            raise RuleConflict.because(reason, "user_id")


def user_id_for(username: str) -> UUID:
    """The aggregate id of the user with this name (names are case-insensitive)."""
    return uuid5(_USERNAME_NAMESPACE, username.strip().lower())
