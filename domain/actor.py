"""Who records an event: every domain event carries the acting user's id (``recorded_by``).

The application's door names the actor of each command and stamps it on the events the command
triggers (``domain.base.stamped``); on replay the stored value is used, so history never changes.
"""

SYSTEM = "system"
"""The actor of a script or the command line, acting as no user."""
