"""Who may do what: roles, and the outlets a staff member is bound to."""

from dataclasses import dataclass
from uuid import UUID

REGISTRY_ROLES = ("admin", "officer")
"""Register producers, products, certifications and outlets (cán bộ chương trình OCOP)."""
PROGRAMME_ROLES = ("admin", "officer", "auditor")
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
    def may_manage_users(self) -> bool:
        return self.role == "admin"

    @property
    def may_keep_registers(self) -> bool:
        return self.role in REGISTRY_ROLES

    def may_write_to_outlet(self, outlet_id: UUID) -> bool:
        """Admins write anywhere; staff only to the outlets they are bound to."""
        return self.role == "admin" or (self.role == "staff" and outlet_id in self.outlet_ids)

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
        return self.outlet_ids if self.role == "staff" else frozenset()

    @property
    def may_read_log(self) -> bool:
        """Auditors and admins read the raw event log; the others read the views."""
        return self.role in ("admin", "auditor")

    @property
    def may_read_metrics(self) -> bool:
        """Admins and auditors read /metrics (request counts and latencies by endpoint)."""
        return self.role in ("admin", "auditor")
