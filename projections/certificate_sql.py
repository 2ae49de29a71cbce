"""The certificate status of an evaluations-table row on a day, as SQL: the CASE follows
``domain.certificate.STATUS_ORDER`` and its threshold, so the reports and the aggregate agree."""

from datetime import date

from sqlalchemy import and_, case, literal, or_

from domain.certificate import CERTIFIED_MIN_STARS, EXPIRED, NOT_CERTIFIED, REVOKED, VALID


def certificate_status_sql(evaluations, day: date):
    """``domain.certificate.certificate_status`` of each row of ``evaluations`` on ``day``."""
    e = evaluations.c
    return case(
        (or_(e.stars.is_(None), e.stars < CERTIFIED_MIN_STARS), literal(NOT_CERTIFIED)),
        (and_(e.revoked_on.is_not(None), e.revoked_on <= day), literal(REVOKED)),
        (e.valid_until < day, literal(EXPIRED)),
        else_=literal(VALID),
    )
