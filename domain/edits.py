"""Corrections (đính chính): a record's details changed from a day, kept beside what they were.

A correction is an event of its own (``Corrected``) carrying only the fields it changes, the
day the change takes effect (``changed_on``) and why (``reason``); nothing recorded before it
is rewritten. The aggregate keeps each correction with the values it replaced, so the record
can be read as it stood on any day (``details_on``).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.errors import InvalidValue, RuleConflict
from domain.text import checked_text
from domain.values import check_in_calendar, local_day

REASON_MAX = 1000


@dataclass(frozen=True)
class Correction:
    """One correction: from ``changed_on`` the ``after`` values replace the ``before`` ones."""

    changed_on: date
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str | None = field(default=None)


class Correctable:
    """Mixed into an aggregate whose ``CORRECTABLE`` details can be corrected from a day."""

    CORRECTABLE: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()  # a snapshot saved before corrections has none

    @property
    def details(self) -> dict[str, Any]:
        """The correctable details as they are now."""
        return {name: getattr(self, name) for name in self.CORRECTABLE}

    def details_on(self, day: date) -> dict[str, Any]:
        """The correctable details in force on ``day`` (corrections dated later undone)."""
        return values_on(self.details, self.corrections, day)

    def _take_correction(self, changes: dict, changed_on: date, reason: str | None) -> None:
        """The body of a ``Corrected`` event: keep what it replaces, then take its values."""
        before = {name: getattr(self, name) for name in changes}
        self.corrections = (*self.corrections, Correction(changed_on, before, changes, reason))
        for name, value in changes.items():
            setattr(self, name, value)


def checked_reason(reason: str | None) -> str | None:
    """The reason as recorded: optional, one text rule, at most REASON_MAX characters."""
    reason = checked_text(reason, "reason", required=False)
    if reason and len(reason) > REASON_MAX:
        raise InvalidValue.because("too_long", "reason", n=REASON_MAX)
    return reason or None


def check_changed_on(
    changed_on: date, registered_at: datetime, corrections: tuple[Correction, ...]
) -> None:
    """A correction takes effect within the calendar, not before the record was registered
    (Vietnam day) and not before the latest correction's day (so each day has one set of
    values in force); the caller refuses a day in the future."""
    check_correction_day(changed_on, local_day(registered_at), "before_registration", corrections)


def check_correction_day(
    changed_on: date, first_day: date, too_early: str, corrections: tuple[Correction, ...]
) -> None:
    """A correction takes effect within the calendar, not before the record's ``first_day``
    (refused as ``too_early``) and not before the latest correction's day."""
    check_in_calendar(changed_on, "changed_on")
    if changed_on < first_day:
        raise RuleConflict.because(too_early, "changed_on", day=first_day)
    if corrections and changed_on < corrections[-1].changed_on:
        day = corrections[-1].changed_on
        raise RuleConflict.because("before_last_correction", "changed_on", day=day)


def changed_only(current: Mapping[str, Any], asked: Mapping[str, Any]) -> dict[str, Any]:
    """The asked values that differ from the current ones; none is refused (422)."""
    changes = {k: v for k, v in asked.items() if v is not None and current[k] != v}
    if not changes:
        raise InvalidValue.because("nothing_to_change")
    return changes


def values_on(current: Mapping[str, Any], corrections: tuple[Correction, ...], day: date) -> dict:
    """The values in force on ``day``: the current ones, with the corrections dated after
    ``day`` undone (latest first)."""
    values = dict(current)
    for correction in reversed(corrections):
        if correction.changed_on <= day:
            break
        values.update(correction.before)
    return values
