"""A certificate's standing on a day (giấy chứng nhận OCOP) and why an outlet does not count
as selling OCOP products: the one home of these rules, for the aggregate, the views and the
SQL the reports build (projections/certificate_sql.py builds its CASE from the same order)."""

from datetime import date

CERTIFICATE_MONTHS = 36
CERTIFIED_MIN_STARS = 3
"""An evaluation of 3★ or more is a certificate, valid for 36 months."""

NOT_CERTIFIED, REVOKED, EXPIRED, VALID = "not_certified", "revoked", "expired", "valid"
STATUS_ORDER = (NOT_CERTIFIED, REVOKED, EXPIRED, VALID)
"""The order the checks run in: a revoked certificate is revoked even after it expired."""

NOT_SELLING_REASONS = (
    "not_listed",
    "no_stock",
    "certificate_expired",
    "certificate_revoked",
    "not_certified",
)
"""Why a shelf outlet is not selling, most hopeful first: the first that applies is given."""

REASON_OF_STATUS = {
    VALID: "no_stock",
    EXPIRED: "certificate_expired",
    REVOKED: "certificate_revoked",
    NOT_CERTIFIED: "not_certified",
}
"""The reason an outlet gives when the best listed product's certificate has this status."""


def certifies(stars: int | None) -> bool:
    return stars is not None and stars >= CERTIFIED_MIN_STARS


def certificate_status(
    stars: int | None, revoked_on: date | None, valid_until: date | None, day: date
) -> str:
    """Where an evaluation stands on ``day``: not_certified, revoked, expired or valid."""
    if not certifies(stars):
        return NOT_CERTIFIED
    if revoked_on is not None and revoked_on <= day:
        return REVOKED
    if valid_until < day:
        return EXPIRED
    return VALID


def reason_not_selling(listed: bool, selling: bool, statuses: set[str]) -> str | None:
    """None if the outlet sells; else the first reason of NOT_SELLING_REASONS that applies,
    from the statuses of the certificates of what it lists."""
    if not listed:
        return "not_listed"
    if selling:
        return None
    reasons = {REASON_OF_STATUS[status] for status in statuses} or {"not_certified"}
    return next(reason for reason in NOT_SELLING_REASONS if reason in reasons)
