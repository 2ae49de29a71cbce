"""The certificate rule has one home: the aggregate's status, the views' status and the SQL's
CASE agree on every combination of stars, revocation and expiry around a day."""

from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, insert, select

from domain.certificate import (
    NOT_SELLING_REASONS,
    certificate_status,
    reason_not_selling,
)
from projections.certificate_sql import certificate_status_sql

DAY = date(2026, 6, 15)
AROUND = [None, DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
CASES = list(product([None, 0, 2, 3, 4, 5], AROUND, AROUND[1:]))


def test_certificate_status_follows_the_order_of_checks():
    assert certificate_status(2, None, DAY, DAY) == "not_certified"
    assert certificate_status(None, None, DAY, DAY) == "not_certified"
    assert certificate_status(3, DAY, DAY - timedelta(days=9), DAY) == "revoked"
    assert certificate_status(3, DAY + timedelta(days=1), DAY, DAY) == "valid"
    assert certificate_status(3, None, DAY - timedelta(days=1), DAY) == "expired"
    assert certificate_status(5, None, DAY, DAY) == "valid"  # the last valid day


def test_the_sql_status_agrees_with_the_rule_on_every_case():
    engine = create_engine("sqlite://")
    evaluations = Table(
        "evaluations",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("stars", Integer),
        Column("revoked_on", Date),
        Column("valid_until", Date),
    )
    evaluations.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(evaluations),
            [
                {"id": i, "stars": s, "revoked_on": r, "valid_until": v}
                for i, (s, r, v) in enumerate(CASES)
            ],
        )
        rows = conn.execute(
            select(evaluations.c.id, certificate_status_sql(evaluations, DAY)).order_by("id")
        ).all()
    assert [status for _, status in rows] == [certificate_status(*case, DAY) for case in CASES]


@pytest.mark.parametrize(
    ("listed", "selling", "statuses", "reason"),
    [
        (False, False, set(), "not_listed"),
        (True, True, {"valid"}, None),
        (True, False, {"valid", "expired", "not_certified"}, "no_stock"),
        (True, False, {"revoked", "expired"}, "certificate_expired"),
        (True, False, {"revoked", "not_certified"}, "certificate_revoked"),
        (True, False, {"not_certified"}, "not_certified"),
    ],
)
def test_an_outlet_not_selling_gives_the_first_reason_that_applies(
    listed, selling, statuses, reason
):
    assert reason_not_selling(listed, selling, statuses) == reason
    assert reason is None or reason in NOT_SELLING_REASONS
