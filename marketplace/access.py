"""Who may do what: roles, and the outlets a staff member is bound to."""

from dataclasses import dataclass
from uuid import UUID

REGISTRY_ROLES = ("admin", "officer")
"""Register producers, products, certifications and outlets (cán bộ chương trình OCOP)."""


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

    @property
    def may_read_log(self) -> bool:
        """Auditors and admins read the raw event log; the others read the views."""
        return self.role in ("admin", "auditor")
