"""Domain exceptions: a rule refused a command, and nothing was recorded."""

from collections.abc import Mapping
from typing import Any, Self

from domain.refusals import API_CODES, english


class Refusal(Exception):
    """A refused command: its reason (a stable code from domain/refusals.py), the values the
    wording needs (``params``), the English ``message`` made from them, and the field it names.

    ``code`` is the code the API answers when it is not the class's own (None: the class's).
    Made with ``because``; a refusal made from a bare message has no reason (the pages then
    show its English wording).
    """

    def __init__(
        self,
        message: str,
        field: str | None = None,
        code: str | None = None,
        *,
        reason: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.reason = reason
        self.params = dict(params or {})

    @classmethod
    def because(cls, reason: str, field: str | None = None, /, **params: Any) -> Self:
        """The refusal for ``reason``, worded from the catalogue with ``params``."""
        return cls(
            english(reason, params), field, API_CODES.get(reason), reason=reason, params=params
        )

    def about(self, field: str) -> Self:
        """The same refusal naming another field (a line's field: lines.2.qty)."""
        return type(self)(self.message, field, self.code, reason=self.reason, params=self.params)


class DomainError(Refusal):
    """Base of every rule the domain enforces."""


class InvalidValue(DomainError):
    """A value is out of the domain's range (a bad score, a non-positive quantity)."""


class RuleConflict(DomainError):
    """The command conflicts with the aggregate's current state (stock, listings, status)."""


class InsufficientStock(RuleConflict):
    """A sale, transfer or write-off asks for more than is on hand."""
