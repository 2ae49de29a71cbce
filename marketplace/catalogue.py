"""Commands and reads for producers and products (đăng ký chủ thể, sản phẩm, đánh giá)."""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.gtin import barcode_forms, gtin_14
from domain.producer import Producer
from domain.product import Product
from marketplace.access import Principal
from marketplace.clock import business_day, today
from marketplace.commands import Recorded
from marketplace.door import handles
from marketplace.edits import corrections_view, moved_to, producer_view
from marketplace.errors import GtinTaken
from marketplace.messages import (
    Certify,
    CorrectProducer,
    CorrectProduct,
    Nominate,
    RegisterProducer,
    RegisterProduct,
    RevokeCertificate,
)
from marketplace.places import place_of


class CatalogueCommands:
    """Mixed into the application: the programme officers' registers."""

    @handles(RegisterProducer)
    def _register_producer(self, c: RegisterProducer, by: Principal) -> Recorded:
        """Register a producer (chủ thể OCOP), with its business or cooperative registration
        number (mã số đăng ký kinh doanh / hợp tác xã) where known."""
        place = place_of(c.province, c.district, c.commune)
        producer = Producer.register(c.name, c.kind, place, c.registration_no)
        return Recorded({"id": str(producer.id)}, producer)

    @handles(RegisterProduct)
    def _register_product(self, c: RegisterProduct, by: Principal) -> Recorded:
        """Register a product of an existing producer."""
        self.get_referenced(c.producer_id, Producer, "producer_id")
        product = Product.register(
            c.producer_id, c.name, c.group, c.unit, c.price_vnd, c.gtin, c.classification
        )
        if c.gtin is None:
            return Recorded({"id": str(product.id)}, product)
        # Checked here for a clear refusal; the side table's key holds it under concurrency
        # (the save that loses runs this again and is refused here).
        self._refuse_held_gtin(c.gtin, product.id)
        return Recorded({"id": str(product.id)}, product, gtin=(gtin_14(c.gtin), str(product.id)))

    def _refuse_held_gtin(self, gtin: str, product_id: UUID) -> None:
        """Refuse a GTIN that another product holds."""
        holder = self.gtin_holder(gtin)
        if holder and holder != str(product_id):
            raise GtinTaken.because("gtin_taken", "gtin", product=holder)

    def gtin_holder(self, gtin: str) -> str | None:
        """The product holding a GTIN in any of its forms (a GTIN-13 and the same barcode
        written with 14 digits are one; rows are kept in 14 digits, older ones may not be)."""
        for form in barcode_forms(gtin):
            if holder := self.recorder.select_gtin_holder(form):
                return holder
        return None

    @handles(CorrectProducer)
    def _correct_producer(self, c: CorrectProducer, by: Principal) -> Recorded:
        """Correct a producer's name or kind, or record its move, from a day (đính chính)."""
        producer = self.get(c.producer_id, Producer)
        day = business_day(c.changed_on, "changed_on")
        producer.correct(day, c.reason, c.name, c.kind, moved_to(c, day, producer.place))
        return Recorded(producer_view(producer, today()), producer)

    @handles(CorrectProduct)
    def _correct_product(self, c: CorrectProduct, by: Principal) -> Recorded:
        """Correct a product's name, unit, GTIN, list price or group from a day; a new GTIN is
        held and the old one let go in the same save."""
        product = self.get(c.product_id, Product)
        day, old_gtin = business_day(c.changed_on, "changed_on"), product.gtin
        asked = {k: getattr(c, k) for k in ("name", "unit", "gtin", "price_vnd", "group")}
        changes = product.correct(day, c.reason, **asked)
        result = product_view(product, today())
        if "gtin" not in changes:
            return Recorded(result, product)
        self._refuse_held_gtin(c.gtin, product.id)
        released = (gtin_14(old_gtin), str(product.id)) if old_gtin else None
        held = (gtin_14(c.gtin), str(product.id))
        return Recorded(result, product, gtin=held, releases_gtin=released)

    @handles(Certify)
    def _certify(self, c: Certify, by: Principal) -> Recorded:
        """Record an evaluation council's result; 3 stars and above certify for 36 months."""
        product = self.get(c.product_id, Product)
        day = business_day(c.certified_on, "certified_on")
        product.certify(c.score, day, c.certificate_no, c.stars)
        return Recorded(product_view(product, c.certified_on), product)

    @handles(RevokeCertificate)
    def _revoke_certificate(self, c: RevokeCertificate, by: Principal) -> Recorded:
        """Revoke the certificate a product holds on a day."""
        product = self.get(c.product_id, Product)
        product.revoke(c.reason, business_day(c.revoked_on, "revoked_on"))
        return Recorded(product_view(product, c.revoked_on), product)

    @handles(Nominate)
    def _nominate(self, c: Nominate, by: Principal) -> Recorded:
        """Nominate a product to the national round as a potential 5-star product."""
        product = self.get(c.product_id, Product)
        product.nominate(business_day(c.nominated_on, "nominated_on"))
        nominated = {"id": str(product.id), "nominated_on": c.nominated_on.isoformat()}
        return Recorded(nominated, product)

    def claim_registered_gtins(self) -> int:
        """Hold the GTIN of every product registered before GTINs were held in their own
        table (``ocop init`` runs this; the first product registered with a GTIN keeps it).
        Returns how many GTINs were newly held."""
        topic, claims, after = get_topic(Product.Registered), [], 0
        while batch := self.recorder.select_notifications(
            after, 1000, topics=[topic], inclusive_of_start=False
        ):
            for notification in batch:
                registered = self.mapper.to_domain_event(notification)
                if registered.gtin:
                    claims.append((gtin_14(registered.gtin), str(registered.originator_id)))
            after = batch[-1].id
        return self.recorder.claim_gtins(claims)

    def producer(
        self, producer_id: UUID, as_of: date | None = None, as_of_version: int | None = None
    ) -> dict[str, Any]:
        """A producer with the name, kind and place in force today or on ``as_of`` (by the
        corrections' dates); ``as_of_version`` rebuilds it as recorded at that version."""
        producer = self.get_as_of(producer_id, Producer, version=as_of_version)
        return producer_view(producer, as_of or today())

    def product(
        self, product_id: UUID, as_of: date | None = None, as_of_version: int | None = None
    ) -> dict[str, Any]:
        """A product with its certificate as it stands today or on ``as_of`` (by the evaluation
        and revocation dates); ``as_of_version`` rebuilds it as recorded at that version."""
        product = self.get_as_of(product_id, Product, version=as_of_version)
        return product_view(product, as_of or today())


def product_view(product: Product, day: date) -> dict[str, Any]:
    """The contract's product shape, with the details and the certificate as they stand on
    ``day``."""
    status = product.certificate_on(day)
    evaluation = product.evaluation_on(day)
    details = product.details_on(day)
    return {
        "id": str(product.id),
        "version": product.version,
        "name": details["name"],
        "group": details["group"],
        "classification": product.classification,
        "producer_id": str(product.producer_id),
        "unit": details["unit"],
        "price_vnd": details["price_vnd"],
        "gtin": details["gtin"],
        "as_of": day.isoformat(),
        "certificate": None
        if status is None
        else {
            "stars": status.stars,
            "score": status.score,
            "certificate_no": status.certificate_no,
            "certified_on": status.certified_on.isoformat(),
            "valid_until": status.valid_until.isoformat(),
            "status": status.status,
        },
        "rating": None
        if evaluation is None
        else {
            "stars": evaluation.stars,
            "score": evaluation.score,
            "certified": evaluation.certifies,
        },
        "nominations": [d.isoformat() for d in product.nominations if d <= day],
        "corrections": corrections_view(product),
    }
