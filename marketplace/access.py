"""Who may do what: roles, and the outlets a staff member is bound to."""

from dataclasses import dataclass
from uuid import UUID

from domain.actor import SYSTEM as SYSTEM_ACTOR

REGISTRY_ROLES = ("admin", "officer")
"""Register producers, products, certifications and outlets (cán bộ chương trình OCOP)."""
PROGRAMME_ROLES = ("admin", "officer", "auditor")
OUTLET_ROLES = ("staff", "manager")
"""Bound to outlets: staff (nhân viên) and outlet managers (quản lý), who may also void sales."""
"""Read every outlet's stock, costs and sales: they run or audit the whole programme."""


@dataclass(frozen=True)
class Principal:
    """A signed-in user as the access rules see them."""

    id: UUID
    username: str
    role: str
    outlet_ids: frozenset[UUID]
    sessions_generation: int = 0
    """Tokens and page sessions issued at an older generation are refused (see domain.user)."""

    @property
    def is_system(self) -> bool:
        """A script or the CLI acting as the programme itself: every rule lets it."""
        return self.role == SYSTEM_ROLE

    @property
    def actor_id(self) -> str:
        """What its events record as ``recorded_by``."""
        return SYSTEM_ACTOR if self.is_system else str(self.id)

    @property
    def may_manage_users(self) -> bool:
        return self.role == "admin"

    @property
    def may_keep_registers(self) -> bool:
        return self.role in REGISTRY_ROLES

    def may_write_to_outlet(self, outlet_id: UUID) -> bool:
        """Admins write anywhere; staff only to the outlets they are bound to."""
        return self.role == "admin" or (self.role in OUTLET_ROLES and outlet_id in self.outlet_ids)

    def may_manage_outlet(self, outlet_id: UUID) -> bool:
        """Voids: admins anywhere; managers at the outlets they are bound to."""
        return self.role == "admin" or (self.role == "manager" and outlet_id in self.outlet_ids)

    def may_read_outlet(self, outlet_id: UUID) -> bool:
        """An outlet's stock (with unit costs), alerts and sales: staff read only the outlets
        they are bound to, the programme's roles read all."""
        readable = self.readable_outlets
        return readable is None or outlet_id in readable

    @property
    def readable_outlets(self) -> frozenset[UUID] | None:
        """The outlets whose stock and sales this user reads; None means every outlet."""
        if self.role in PROGRAMME_ROLES:
            return None
        return self.outlet_ids if self.role in OUTLET_ROLES else frozenset()

    @property
    def may_read_log(self) -> bool:
        """Auditors and admins read the raw event log; the others read the views."""
        return self.role in ("admin", "auditor")

    @property
    def may_read_metrics(self) -> bool:
        """Admins and auditors read /metrics (request counts and latencies by endpoint)."""
        return self.role in ("admin", "auditor")


SYSTEM_ROLE = "system"
SYSTEM = Principal(UUID(int=0), "system", SYSTEM_ROLE, frozenset())
"""The actor of a script or the CLI, said explicitly: no user's role, every rule lets it, its
events record ``recorded_by="system"``. No user can hold the role (domain.user refuses it)."""


@dataclass(frozen=True)
class Session:
    """A signed-in session as a request presents it (a bearer token or a page session): whose
    it is, its id, and the sessions generation it was issued at.

    Handed to ``Marketplace.execute`` as the actor, it lets the door authorise a write on the
    principal last read (no query) and have the save check, in its own transaction, that the
    user and the session are still as they were."""

    user_id: UUID
    session_id: str
    generation: int

    def claims(self) -> dict:
        return {"uid": self.user_id, "sid": self.session_id, "gen": self.generation}
