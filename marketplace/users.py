"""User accounts: registration with an argon2 password hash, sign-in, and outlet bindings."""

from functools import cached_property
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import InvalidValue, RuleConflict
from domain.outlet import Outlet
from domain.user import User, user_id_for
from marketplace.access import Principal
from marketplace.commands import Recorded, command
from marketplace.errors import AuthenticationFailed, NotFound

MIN_PASSWORD_LENGTH = 8
PRINCIPAL_CACHE_SIZE = 10_000
HASH_COSTS = {
    "standard": {},  # argon2-cffi's recommended parameters
    "low": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},  # test suites only
}


class UserCommands:
    """Mixed into the application: accounts and who they are."""

    @cached_property
    def password_hasher(self) -> PasswordHasher:
        """argon2 at the configured cost (OCOP_PASSWORD_HASH_COST: standard, or low for tests)."""
        return PasswordHasher(**HASH_COSTS[self.env.get("PASSWORD_HASH_COST") or "standard"])

    @cached_property
    def _unknown_user_hash(self) -> str:
        # Checked when the name is unknown, so a wrong name costs as long as a wrong password.
        return self.password_hasher.hash("not a real password")

    @command
    def register_user(
        self, username: str, role: str, password: str, outlet_ids: list[UUID] = ()
    ) -> Recorded:
        """Register a user; the password hash goes to the credentials table, never the log."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InvalidValue.because("too_short", "password", n=MIN_PASSWORD_LENGTH)
        if self.exists(user_id_for(username)):
            raise RuleConflict.because("username_taken", "username")
        for index, outlet_id in enumerate(outlet_ids):
            self.get_referenced(outlet_id, Outlet, f"outlet_ids.{index}")
        user = User.register(username, role, list(outlet_ids))
        credential = (str(user.id), self.password_hasher.hash(password))
        return Recorded(_account(user), user, credential=credential)

    @command
    def bind_user_to_outlet(self, user_id: UUID, outlet_id: UUID) -> Recorded:
        """Let a staff member write to one more outlet."""
        user = self.get(user_id, User)
        self.get_referenced(outlet_id, Outlet, "outlet_id")
        user.bind_to_outlet(outlet_id)
        return Recorded(_account(user), user)

    def authenticate(self, username: str, password: str) -> Principal:
        """Check a username and password; raise AuthenticationFailed if they do not match."""
        user_id = user_id_for(username)
        stored = self.recorder.select_password_hash(str(user_id))
        try:
            self.password_hasher.verify(stored or self._unknown_user_hash, password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationFailed.because("wrong_credentials") from None
        if stored is None:
            raise AuthenticationFailed.because("wrong_credentials")
        if self.password_hasher.check_needs_rehash(stored):
            self.recorder.update_password_hash(str(user_id), self.password_hasher.hash(password))
        return self.principal(user_id)

    def principal(self, user_id: UUID) -> Principal:
        """The user as the access rules see them."""
        return self.current_principal(user_id)[0]

    def current_principal(self, user_id: UUID) -> tuple[Principal, int]:
        """The user as the store has them now, and the user aggregate's version (remembered
        for ``cached_principal``)."""
        try:
            user = self.get(user_id, User)
        except NotFound:
            raise AuthenticationFailed.because("user_gone") from None
        known = self._principals.get(user_id)
        if known is not None and known[1] == user.version:
            return known
        answer = (
            Principal(user.id, user.username, user.role, frozenset(user.outlet_ids)),
            user.version,
        )
        if len(self._principals) >= PRINCIPAL_CACHE_SIZE:
            self._principals.clear()
        self._principals[user_id] = answer
        return answer

    def cached_principal(self, user_id: UUID) -> tuple[Principal, int] | None:
        """The principal last read from the store, with its version, without asking the store:
        whoever acts on it must check the version (``principal_is_current``, or the save's
        check of ``commands.Authorisation``) before its answer counts."""
        return self._principals.get(user_id)

    def principal_is_current(self, user_id: UUID, version: int) -> bool:
        """Is the user still at this version (no role or outlet change since)? One query."""
        return not self.recorder.select_events(user_id, gt=version, limit=1)

    @cached_property
    def _principals(self) -> dict[UUID, tuple[Principal, int]]:
        return {}


def _account(user: User) -> dict:
    """A user as the API shows it (never the password)."""
    return {
        "id": str(user.id),
        "username": user.username,
        "role": user.role,
        "outlet_ids": [str(o) for o in user.outlet_ids],
    }
