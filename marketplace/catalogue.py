"""Commands and reads for producers and products (đăng ký chủ thể, sản phẩm, đánh giá)."""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.producer import Producer
from domain.product import Product
from domain.values import Place
from marketplace.clock import business_day, today
from marketplace.commands import Recorded, command
from marketplace.errors import GtinTaken


class CatalogueCommands:
    """Mixed into the application: the programme officers' registers."""

    @command
    def register_producer(
        self,
        name: str,
        kind: str,
        province: str,
        commune: str,
        district: str | None = None,
        registration_no: str | None = None,
    ) -> Recorded:
        """Register a producer (chủ thể OCOP), with its business or cooperative registration
        number (mã số đăng ký kinh doanh / hợp tác xã) where known."""
        place = Place(province, commune, district or None)
        producer = Producer.register(name, kind, place, registration_no)
        return Recorded({"id": str(producer.id)}, producer)

    @command
    def register_product(
        self,
        producer_id: UUID,
        name: str,
        group: str,
        unit: str,
        price_vnd: int,
        gtin: str | None = None,
        classification: str | None = None,
    ) -> Recorded:
        """Register a product of an existing producer."""
        self.get_referenced(producer_id, Producer, "producer_id")
        product = Product.register(producer_id, name, group, unit, price_vnd, gtin, classification)
        if gtin is None:
            return Recorded({"id": str(product.id)}, product)
        # Checked here for a clear refusal; the side table's key holds it under concurrency
        # (the save that loses runs this again and is refused here).
        if holder := self.recorder.select_gtin_holder(gtin):
            raise GtinTaken.because("gtin_taken", "gtin", product=holder)
        return Recorded({"id": str(product.id)}, product, gtin=(gtin, str(product.id)))

    @command
    def certify(
        self,
        product_id: UUID,
        score: int,
        certified_on: date,
        certificate_no: str,
        stars: int | None = None,
    ) -> Recorded:
        """Record an evaluation council's result; 3 stars and above certify for 36 months."""
        product = self.get(product_id, Product)
        product.certify(score, business_day(certified_on, "certified_on"), certificate_no, stars)
        return Recorded(product_view(product, certified_on), product)

    @command
    def revoke_certificate(self, product_id: UUID, reason: str, revoked_on: date) -> Recorded:
        """Revoke the certificate a product holds on a day."""
        product = self.get(product_id, Product)
        product.revoke(reason, business_day(revoked_on, "revoked_on"))
        return Recorded(product_view(product, revoked_on), product)

    @command
    def nominate(self, product_id: UUID, nominated_on: date) -> Recorded:
        """Nominate a product to the national round as a potential 5-star product."""
        product = self.get(product_id, Product)
        product.nominate(business_day(nominated_on, "nominated_on"))
        return Recorded({"id": str(product.id), "nominated_on": nominated_on.isoformat()}, product)

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
                    claims.append((registered.gtin, str(registered.originator_id)))
            after = batch[-1].id
        return self.recorder.claim_gtins(claims)

    def product(
        self, product_id: UUID, as_of: date | None = None, as_of_version: int | None = None
    ) -> dict[str, Any]:
        """A product with its certificate as it stands today or on ``as_of`` (by the evaluation
        and revocation dates); ``as_of_version`` rebuilds it as recorded at that version."""
        product = self.get_as_of(product_id, Product, version=as_of_version)
        return product_view(product, as_of or today())


def product_view(product: Product, day: date) -> dict[str, Any]:
    """The contract's product shape, with the certificate as it stands on ``day``."""
    status = product.certificate_on(day)
    evaluation = product.evaluation_on(day)
    return {
        "id": str(product.id),
        "version": product.version,
        "name": product.name,
        "group": product.group,
        "classification": product.classification,
        "producer_id": str(product.producer_id),
        "unit": product.unit,
        "price_vnd": product.price_vnd,
        "gtin": product.gtin,
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
    }
