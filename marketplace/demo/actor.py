"""Who the demo is recorded by: the demo admin (registered at the end of the load)."""

from domain.user import user_id_for
from marketplace.access import Principal

DEMO_ADMIN = Principal(user_id_for("admin"), "admin", "admin", frozenset())
