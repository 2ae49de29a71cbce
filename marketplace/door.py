"""The one door every command comes through: ``Marketplace.execute``.

A command runs: authorise the actor for it (the command's rule, marketplace/messages.py), get
its aggregates fresh and call the domain (its handler, ``@handles``), stamp the actor on the
events, save them with their side rows in one transaction; a version conflict, or a change to
the actor's user or session, runs it again, in one bounded loop.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from eventsourcing.persistence import IntegrityError

from domain.base import stamped
from domain.errors import DomainError
from marketplace.access import Principal, Session
from marketplace.commands import Authorisation, Recorded
from marketplace.errors import ApplicationError, ConcurrentUpdate, NotAllowed
from marketplace.messages import Command
from marketplace.persistence import PrincipalChangedError, RequestKey, SideRows

MAX_ATTEMPTS = 5
"""Runs of one command at most: version conflicts and changes to the actor together."""

C = TypeVar("C", bound=Command)
Handler = Callable[[Any, Any, Principal], Recorded]
HANDLERS: dict[type[Command], Handler] = {}


def handles(kind: type[C]) -> Callable[[Callable[[Any, C, Principal], Recorded]], Handler]:
    """Make the decorated application method the handler of commands of this class: it gets
    the command and the authorised actor (``by``), and says what to save."""

    def register(handler: Callable[[Any, C, Principal], Recorded]) -> Handler:
        HANDLERS[kind] = handler
        return handler

    return register


_ACTOR_CHANGED = "account_kept_changing"
_VERSION_CONFLICT = "version_conflict"


@dataclass(frozen=True)
class _End:
    """How a run ended: its result (``recorded``: it saved events; else a prior result under
    the same Idempotency-Key), or a refusal (answered by the prior result if the key was seen)."""

    result: dict[str, Any] | None = None
    refusal: Exception | None = None
    key: RequestKey | None = None
    recorded: bool = False
    position: int | None = None
    """The notification id of the last event the run recorded."""


@dataclass(frozen=True)
class Executed:
    """A command's result, and the log position a read model must have reached to show it."""

    result: dict[str, Any]
    position: int


class Door:
    """Mixed into the application: ``execute``."""

    def execute(
        self,
        command: Command,
        actor: Principal | Session,
        idempotency_key: RequestKey | None = None,
    ) -> dict[str, Any]:
        """Run a command on behalf of an actor and give its result.

        The actor is a Principal (read by the caller; a script says ``SYSTEM``) or a request's
        Session. A Session is authorised on the principal this worker last read (no query)
        and its save records only if the user is still at that version and the session still
        signed in (checked inside the insert's transaction); if not, nothing was recorded and
        the command runs again on the user read afresh. An answer that recorded nothing (a
        refusal, an idempotent repeat) is given on a cached principal only after one query
        confirms it.

        Under an Idempotency-Key the first result is stored with the events; a repeat (even a
        concurrent one) gets it back. The key is not looked up before running: its row is
        inserted in the events' transaction, so a repeat fails there and then finds the first
        result; a repeat the rules refuse now looks the key up before refusing.
        """
        return self.execute_with_position(command, actor, idempotency_key).result

    def execute_with_position(
        self,
        command: Command,
        actor: Principal | Session,
        idempotency_key: RequestKey | None = None,
    ) -> Executed:
        """``execute``, and the position of the last event it recorded; for an answer that
        recorded nothing now (an idempotent repeat), the log's head, which is at or past the
        first answer's events. A read whose views are at that position shows the command."""
        if not isinstance(actor, Principal | Session):
            raise TypeError("execute needs an actor: a Principal, a Session, or SYSTEM")
        trust_cache, why = True, "gave_up"
        for attempt in range(MAX_ATTEMPTS):
            principal, check, cached = self._authorised(actor, trust_cache)
            end = self._run(command, principal, check, idempotency_key, attempt + 1 == MAX_ATTEMPTS)
            if end is _VERSION_CONFLICT:
                continue
            if end is _ACTOR_CHANGED or (cached and self._unconfirmed(end, check)):
                trust_cache, why = False, _ACTOR_CHANGED
                continue
            result = self._answer(end)
            return Executed(result, end.position or self.recorder.max_notification_id() or 0)
        raise ConcurrentUpdate.because(why, attempts=MAX_ATTEMPTS)

    def trial(self, command: Command, actor: Principal | Session) -> dict[str, Any]:
        """Check a command as ``execute`` would (the actor's rule, then its handler and the
        domain) and record nothing: its result, or its refusal raised. An import's dry run."""
        principal, _, _ = self._authorised(actor, trust_cache=True)
        if not (principal.is_system or command.permits(principal)):
            raise NotAllowed.because(command.refusal)
        return HANDLERS[type(command)](self, command, principal).result

    def _run(
        self,
        command: Command,
        principal: Principal,
        check: Authorisation | None,
        key: RequestKey | None,
        last: bool,
    ) -> _End | str:
        """One run of the command as this principal: how it ended, or why it must run again."""
        if not (principal.is_system or command.permits(principal)):
            return _End(refusal=NotAllowed.because(command.refusal))
        try:
            recorded = HANDLERS[type(command)](self, command, principal)
        except (DomainError, ApplicationError) as refusal:
            return _End(refusal=refusal, key=key)
        saved = stamped(recorded.aggregates, principal.actor_id)
        try:
            recordings = self.save(*saved, side_rows=side_rows(recorded, key, check))
        except PrincipalChangedError:
            return _ACTOR_CHANGED
        except IntegrityError as conflict:
            # A repeat of the key, or a version conflict (then only the last run looks); a
            # GTIN another save took first is found by the handler when it runs again.
            repeat = key is not None and ("idempotency_keys" in str(conflict) or last)
            prior = self.recorded_result(key) if repeat else None
            return _VERSION_CONFLICT if prior is None else _End(prior)
        position = max((r.notification.id for r in recordings), default=None)
        return _End(recorded.result, recorded=bool(recordings), position=position)

    def _answer(self, end: _End) -> dict[str, Any]:
        """The run's result, or its refusal unless the same key was answered before."""
        if end.refusal is None:
            return end.result
        prior = self.recorded_result(end.key) if end.key else None
        if prior is None:
            raise end.refusal
        return prior

    def _unconfirmed(self, end: _End, check: Authorisation) -> bool:
        """An answer that recorded nothing, given on a cached principal the store no longer
        holds (the user changed or the session was signed out): run again on a fresh read."""
        return not end.recorded and not self._still_as_authorised(check)

    def may_send(self, kind: type[Command], actor: Session, values: dict[str, Any]) -> bool:
        """Does the rule of this kind of command let the session's user, on the values known
        before the command is made (a path's)? Asked on the cached principal (no query); a
        refusal is confirmed on the user read afresh. ``execute`` checks the command again."""
        principal, _, cached = self._authorised(actor, trust_cache=True)
        if not (principal.is_system or kind.rule(principal, **values)) and cached:
            principal, _, _ = self._authorised(actor, trust_cache=False)
        return principal.is_system or kind.rule(principal, **values)

    def _authorised(
        self, actor: Principal | Session, trust_cache: bool
    ) -> tuple[Principal, Authorisation | None, bool]:
        """The principal to authorise, the check its save must pass, and whether it came
        from this worker's cache (so an answer that recorded nothing must be confirmed)."""
        if isinstance(actor, Principal):
            return actor, None, False
        cached = self.cached_principal(actor.user_id) if trust_cache else None
        if cached is not None and cached[0].sessions_generation != actor.generation:
            cached = None  # the store decides (the cache or the token is older)
        principal, version = cached or self.session_principal(actor.claims())
        return principal, Authorisation(actor.user_id, version, actor.session_id), bool(cached)

    def _still_as_authorised(self, check: Authorisation) -> bool:
        return self.principal_is_current(check.user_id, check.version, check.session_id)


def side_rows(recorded: Recorded, key: RequestKey | None, check: Authorisation | None) -> SideRows:
    return SideRows(
        key,
        json.dumps(recorded.result, sort_keys=True),
        recorded.credential,
        replaces_credential=recorded.replaces_credential,
        principal=(check.user_id, check.version) if check else None,
        session_id=check.session_id if check else None,
        gtin=recorded.gtin,
        releases_gtin=recorded.releases_gtin,
    )
