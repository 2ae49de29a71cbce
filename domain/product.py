"""Product (sản phẩm OCOP): registered by a producer, evaluated, certified, re-rated, revoked."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.base import OcopAggregate
from domain.certificate import CERTIFICATE_MONTHS, VALID, certificate_status, certifies
from domain.edits import (
    Correctable,
    changed_only,
    check_changed_on,
    checked_reason,
)
from domain.errors import InvalidValue, RuleConflict
from domain.gtin import check_gtin
from domain.reference import classification_for, stars_for_score
from domain.text import checked_text
from domain.values import MAX_VND, add_months, check_at_most

NOMINATION_MIN_STARS = 4


@dataclass(frozen=True)
class Evaluation:
    """One council's result (kết quả đánh giá, phân hạng); 3★ and above is a certificate."""

    score: int
    stars: int
    certified_on: date
    certificate_no: str

    @property
    def certifies(self) -> bool:
        return certifies(self.stars)

    @property
    def valid_until(self) -> date:
        """The last day the certificate is valid: 36 months after issue, less one day."""
        return add_months(self.certified_on, CERTIFICATE_MONTHS) - timedelta(days=1)


@dataclass(frozen=True)
class CertificateStatus:
    """A product's certificate as it stands on a given day."""

    stars: int
    score: int
    certificate_no: str
    certified_on: date
    valid_until: date
    status: str  # valid | expired | revoked

    @property
    def is_valid(self) -> bool:
        return self.status == VALID


def _check_price(price_vnd: int) -> None:
    """A list price is whole đồng, 0 or more, at most MAX_VND."""
    if isinstance(price_vnd, bool) or not isinstance(price_vnd, int) or price_vnd < 0:
        raise InvalidValue.because("whole_vnd", "price_vnd")
    check_at_most(price_vnd, MAX_VND, "price_vnd")


def _validated_fields(name: str, unit: str, price_vnd: int, gtin: str | None) -> None:
    checked_text(name, "name")
    checked_text(unit, "unit")
    _check_price(price_vnd)
    if gtin is not None:
        check_gtin(gtin)


class Product(Correctable, OcopAggregate):
    """A product in one product group, with its history of evaluations and revocations."""

    CORRECTABLE = ("name", "unit", "gtin", "price_vnd", "group")
    """What an officer may correct: name, unit, barcode, list price, group (in its classification)."""

    @classmethod
    def register(
        cls,
        producer_id: UUID,
        name: str,
        group: str,
        unit: str,
        price_vnd: int,
        gtin: str | None = None,
        classification: str | None = None,
    ) -> "Product":
        """Register a product of a producer under a product group of one classification."""
        _validated_fields(name, unit, price_vnd, gtin)
        classification = classification_for(group, classification)
        return cls(
            producer_id=producer_id,
            name=checked_text(name, "name"),
            group=group,
            classification=classification,
            unit=checked_text(unit, "unit"),
            price_vnd=price_vnd,
            gtin=gtin,
        )

    @event("Registered")
    def __init__(
        self,
        producer_id: UUID,
        name: str,
        group: str,
        classification: str,
        unit: str,
        price_vnd: int,
        gtin: str | None,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.group = group
        self.classification = classification
        self.unit = unit
        self.price_vnd = price_vnd
        self.gtin = gtin
        self.evaluations: list[Evaluation] = []
        self.revoked: dict[str, date] = {}  # certificate number → revoked on
        self.nominations: list[date] = []

    # Commands ---------------------------------------------------------------------------

    def certify(
        self, score: int, certified_on: date, certificate_no: str, stars: int | None = None
    ) -> int:
        """Record an evaluation (first rating or re-rating); return the stars it earns."""
        expected = stars_for_score(score)
        if stars is not None and stars != expected:
            raise InvalidValue.because(
                "stars_do_not_match_score", "stars", score=score, expected=expected, stars=stars
            )
        certificate_no = checked_text(certificate_no, "certificate_no")
        latest = self.latest_evaluation
        if latest and certified_on <= latest.certified_on:
            raise RuleConflict.because(
                "not_after_last_evaluation", "certified_on", day=latest.certified_on
            )
        if any(e.certificate_no == certificate_no for e in self.evaluations):
            raise RuleConflict.because("certificate_no_used", "certificate_no")
        self._evaluated(score, expected, certified_on, certificate_no)
        return expected

    def revoke(self, reason: str, revoked_on: date) -> None:
        """Revoke the certificate in force on ``revoked_on`` (thu hồi giấy chứng nhận)."""
        reason = checked_text(reason, "reason")
        status = self.certificate_on(revoked_on)
        if status is None or not status.is_valid:
            raise RuleConflict.because("no_valid_certificate", "revoked_on")
        self._revoked(status.certificate_no, reason, revoked_on)

    def nominate(self, nominated_on: date) -> None:
        """Nominate to the national round as a potential 5-star product."""
        status = self.certificate_on(nominated_on)
        if status is None or not status.is_valid or status.stars < NOMINATION_MIN_STARS:
            raise RuleConflict.because(
                "nomination_needs_stars", "nominated_on", stars=NOMINATION_MIN_STARS
            )
        if nominated_on.year in {d.year for d in self.nominations}:
            raise RuleConflict.because("already_nominated", "nominated_on")
        self._nominated(nominated_on)

    def correct(self, changed_on: date, reason: str | None = None, **asked: Any) -> dict:
        """Correct the name, unit, GTIN, list price or group (within the product's
        classification) from ``changed_on``; return the fields changed."""
        asked = {name: asked.get(name) for name in self.CORRECTABLE}
        for text in ("name", "unit"):
            if asked[text] is not None:
                asked[text] = checked_text(asked[text], text)
        if asked["price_vnd"] is not None:
            _check_price(asked["price_vnd"])
        if asked["gtin"] is not None:
            check_gtin(asked["gtin"])
        if asked["group"] is not None:
            classification_for(asked["group"], self.classification)
        check_changed_on(changed_on, self.created_on, self.corrections)
        changes = changed_only(self.details, asked)
        self._corrected(changes, changed_on, checked_reason(reason))
        return changes

    # Events -----------------------------------------------------------------------------

    @event("Corrected")
    def _corrected(self, changes: dict[str, Any], changed_on: date, reason: str | None) -> None:
        self._take_correction(changes, changed_on, reason)

    @event("Evaluated")
    def _evaluated(self, score: int, stars: int, certified_on: date, certificate_no: str) -> None:
        self.evaluations.append(Evaluation(score, stars, certified_on, certificate_no))

    @event("CertificateRevoked")
    def _revoked(self, certificate_no: str, reason: str, revoked_on: date) -> None:
        self.revoked[certificate_no] = revoked_on

    @event("Nominated")
    def _nominated(self, nominated_on: date) -> None:
        self.nominations.append(nominated_on)

    # Queries ----------------------------------------------------------------------------

    @property
    def latest_evaluation(self) -> Evaluation | None:
        return self.evaluations[-1] if self.evaluations else None

    def evaluation_on(self, day: date) -> Evaluation | None:
        """The evaluation in force on ``day``: the latest one made on or before it."""
        in_force = [e for e in self.evaluations if e.certified_on <= day]
        return in_force[-1] if in_force else None

    def certificate_on(self, day: date) -> CertificateStatus | None:
        """The certificate as it stands on ``day``, or None if the product holds none."""
        evaluation = self.evaluation_on(day)
        if evaluation is None or not evaluation.certifies:
            return None
        revoked_on = self.revoked.get(evaluation.certificate_no)
        status = certificate_status(evaluation.stars, revoked_on, evaluation.valid_until, day)
        return CertificateStatus(
            stars=evaluation.stars,
            score=evaluation.score,
            certificate_no=evaluation.certificate_no,
            certified_on=evaluation.certified_on,
            valid_until=evaluation.valid_until,
            status=status,
        )

    def is_certified_on(self, day: date) -> bool:
        """True if the product holds a valid 3★+ certificate on ``day``."""
        status = self.certificate_on(day)
        return status is not None and status.is_valid
