"""Domain exceptions: a rule refused a command, and nothing was recorded."""


class DomainError(Exception):
    """Base of every rule the domain enforces; ``code`` is the stable code the API answers
    (None: the code of the exception's class)."""

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class InvalidValue(DomainError):
    """A value is out of the domain's range (a bad score, a non-positive quantity)."""


class RuleConflict(DomainError):
    """The command conflicts with the aggregate's current state (stock, listings, status)."""


class InsufficientStock(RuleConflict):
    """A sale, transfer or write-off asks for more than is on hand."""
