"""User accounts: registration with an argon2 password hash, sign-in, sessions, and the user's
lifecycle (passwords, roles, outlet bindings, disabling)."""

import secrets
import time
from functools import cached_property
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import InvalidValue, RuleConflict
from domain.outlet import Outlet
from domain.user import User, user_id_for
from marketplace.access import Principal
from marketplace.commands import Recorded
from marketplace.door import handles
from marketplace.errors import WRONG_PASSWORD, AuthenticationFailed, NotFound
from marketplace.messages import (
    BindUserToOutlet,
    ChangeOwnPassword,
    ChangeRole,
    DisableUser,
    EnableUser,
    RegisterUser,
    ResetPassword,
    UnbindUserFromOutlet,
)

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

    @handles(RegisterUser)
    def _register_user(self, c: RegisterUser, by: Principal) -> Recorded:
        """Register a user; the password hash goes to the credentials table, never the log."""
        _check_password(c.username, c.password, "password")
        if self.exists(user_id_for(c.username)):
            raise RuleConflict.because("username_taken", "username")
        for index, outlet_id in enumerate(c.outlet_ids):
            self.get_referenced(outlet_id, Outlet, f"outlet_ids.{index}")
        user = User.register(c.username, c.role, list(c.outlet_ids))
        credential = (str(user.id), self.password_hasher.hash(c.password))
        return Recorded(_account(user), user, credential=credential)

    @handles(BindUserToOutlet)
    def _bind_user_to_outlet(self, c: BindUserToOutlet, by: Principal) -> Recorded:
        """Let a staff member write to one more outlet."""
        user = self.get(c.user_id, User)
        self.get_referenced(c.outlet_id, Outlet, "outlet_id")
        user.bind_to_outlet(c.outlet_id)
        return Recorded(_account(user), user)

    @handles(UnbindUserFromOutlet)
    def _unbind_user_from_outlet(self, c: UnbindUserFromOutlet, by: Principal) -> Recorded:
        """Stop a staff member writing to an outlet; their sessions end."""
        user = self.get(c.user_id, User)
        user.unbind_from_outlet(c.outlet_id)
        return Recorded(_account(user), user)

    @handles(ChangeOwnPassword)
    def _change_own_password(self, c: ChangeOwnPassword, by: Principal) -> Recorded:
        """Change one's own password, knowing the current one; every session of the user ends.
        A wrong current password counts as a failed sign-in from ``address`` (the same
        throttle: a stolen session cannot guess the password here instead)."""
        user = self.get(c.user_id, User)
        stored = self.recorder.select_password_hash(str(c.user_id))
        with self.password_guess(user.username, c.address):
            if not self._password_matches(stored, c.current_password):
                raise InvalidValue.because(WRONG_PASSWORD, "current_password")
        _check_password(user.username, c.new_password, "new_password")
        user.change_password()
        return self._with_new_password(user, c.new_password)

    @handles(ResetPassword)
    def _reset_password(self, c: ResetPassword, by: Principal) -> Recorded:
        """An admin sets another user's password; every session of that user ends."""
        user = self.get(c.user_id, User)
        _check_password(user.username, c.new_password, "new_password")
        user.reset_password(by=by.actor_id)
        return self._with_new_password(user, c.new_password)

    @handles(ChangeRole)
    def _change_role(self, c: ChangeRole, by: Principal) -> Recorded:
        """Give a user another role; their sessions end."""
        user = self.get(c.user_id, User)
        was_an_enabled_admin = _is_an_enabled_admin(user)
        user.change_role(c.role, by=by.actor_id)
        if was_an_enabled_admin:
            self._keep_an_enabled_admin(c.user_id)
        return Recorded(_account(user), user)

    @handles(DisableUser)
    def _disable_user(self, c: DisableUser, by: Principal) -> Recorded:
        """Stop a user signing in; their sessions end."""
        user = self.get(c.user_id, User)
        was_an_enabled_admin = _is_an_enabled_admin(user)
        user.disable(by=by.actor_id)
        if was_an_enabled_admin:
            self._keep_an_enabled_admin(c.user_id)
        return Recorded(_account(user), user)

    @handles(EnableUser)
    def _enable_user(self, c: EnableUser, by: Principal) -> Recorded:
        """Let a disabled user sign in again."""
        user = self.get(c.user_id, User)
        user.enable()
        return Recorded(_account(user), user)

    def accounts(self) -> list[dict]:
        """Every user, sorted by username (a handful of users: each is read from its events)."""
        users = [self.get(UUID(user_id), User) for user_id in self.recorder.select_user_ids()]
        return sorted((_account(user) for user in users), key=lambda account: account["username"])

    def account(self, user_id: UUID) -> dict:
        """One user as the API shows it."""
        return _account(self.get(user_id, User))

    def _keep_an_enabled_admin(self, changed: UUID) -> None:
        """Refuse to demote or disable the last enabled admin: nobody could manage users then.
        Over HTTP the acting admin cannot demote or disable themselves (the User's rule), so
        this refuses only the CLI, which acts as no user."""
        others = [a for a in self.accounts() if a["id"] != str(changed)]
        if not any(a["role"] == "admin" and not a["disabled"] for a in others):
            raise RuleConflict.because("last_admin", "user_id")

    def _with_new_password(self, user: User, password: str) -> Recorded:
        # The hash is replaced in the event's own transaction: never one without the other.
        credential = (str(user.id), self.password_hasher.hash(password))
        return Recorded({}, user, credential=credential, replaces_credential=True)

    def _password_matches(self, stored: str | None, password: str) -> bool:
        try:
            self.password_hasher.verify(stored or self._unknown_user_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        return stored is not None

    def authenticate(self, username: str, password: str) -> Principal:
        """Check a username and password; raise AuthenticationFailed if they do not match.

        A disabled user gets the same answer as a wrong password: it does not confirm to
        whoever holds a leaked password that it is right."""
        user_id = user_id_for(username)
        stored = self.recorder.select_password_hash(str(user_id))
        if not self._password_matches(stored, password):
            raise AuthenticationFailed.because("wrong_credentials")
        try:
            principal = self.principal(user_id)
        except AuthenticationFailed:
            raise AuthenticationFailed.because("wrong_credentials") from None
        if self.password_hasher.check_needs_rehash(stored):
            rehashed = self.password_hasher.hash(password)
            self.recorder.update_password_hash(str(user_id), rehashed, replacing=stored)
        return principal

    def new_session(self, principal: Principal) -> dict:
        """What a token or page session carries: the user, a random session id (to sign that
        one session out) and the user's sessions generation (to end them all at once)."""
        return {
            "uid": str(principal.id),
            "sid": secrets.token_urlsafe(18),
            "gen": principal.sessions_generation,
        }

    def session_principal(self, session: dict) -> tuple[Principal, int]:
        """The user a token or page session names, read afresh, and their version;
        AuthenticationFailed if the session was ended (signed out, or a revoking change)."""
        try:
            user_id, session_id, generation = (
                UUID(str(session["uid"])),
                session["sid"],
                session["gen"],
            )
        except (KeyError, TypeError, ValueError):
            raise AuthenticationFailed.because(
                "signed_out"
            ) from None  # issued before sessions existed
        if not isinstance(session_id, str) or not isinstance(generation, int):
            raise AuthenticationFailed.because("signed_out")
        principal, version = self.current_principal(user_id)
        if generation != principal.sessions_generation:
            raise AuthenticationFailed.because("signed_out")
        if self.recorder.session_is_revoked(session_id):
            raise AuthenticationFailed.because("signed_out")
        return principal, version

    def end_session(self, session_id: str, lifetime_seconds: int) -> None:
        """Sign one session out, in every worker at once; its row is kept no longer than the
        session could have lived."""
        now = int(time.time())
        self.recorder.revoke_session(session_id, now + lifetime_seconds + 1, now)

    def principal(self, user_id: UUID) -> Principal:
        """The user as the access rules see them."""
        return self.current_principal(user_id)[0]

    def current_principal(self, user_id: UUID) -> tuple[Principal, int]:
        """The user as the store has them now, and the user aggregate's version (remembered
        for ``cached_principal``); AuthenticationFailed if they are disabled."""
        try:
            user = self.get(user_id, User)
        except NotFound:
            raise AuthenticationFailed.because("user_gone") from None
        if user.disabled:
            self._principals.pop(user_id, None)
            raise AuthenticationFailed.because("signed_out")
        known = self._principals.get(user_id)
        if known is not None and known[1] == user.version:
            return known
        answer = (
            Principal(
                user.id,
                user.username,
                user.role,
                frozenset(user.outlet_ids),
                user.sessions_generation,
            ),
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

    def principal_is_current(
        self, user_id: UUID, version: int, session_id: str | None = None
    ) -> bool:
        """Is the user still at this version (no role or outlet change since), and the session
        not signed out? One query, two with a session."""
        if self.recorder.select_events(user_id, gt=version, limit=1):
            return False
        return session_id is None or not self.recorder.session_is_revoked(session_id)

    @cached_property
    def _principals(self) -> dict[UUID, tuple[Principal, int]]:
        return {}


def _is_an_enabled_admin(user: User) -> bool:
    return user.role == "admin" and not user.disabled


def _check_password(username: str, password: str, field: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue.because("too_short", field, n=MIN_PASSWORD_LENGTH)
    if password.strip().lower() == username.strip().lower():
        raise InvalidValue.because("password_is_username", field)


def _account(user: User) -> dict:
    """A user as the API shows it (never the password)."""
    return {
        "id": str(user.id),
        "username": user.username,
        "role": user.role,
        "outlet_ids": [str(o) for o in user.outlet_ids],
        "disabled": user.disabled,
    }
