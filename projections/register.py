"""The register (sổ đăng ký): producers, products, their evaluations and nominations, outlets."""

from types import SimpleNamespace

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    and_,
    insert,
    update,
)

from domain.product import Evaluation
from projections.view import View, handles


class RegisterView(View):
    """Who and what is registered, and each product's certificate history."""

    name = "register"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        place = lambda: [
            Column("province", String(100), nullable=False),
            Column("district", String(100)),
            Column("commune", String(100), nullable=False),
        ]
        producers = Table(
            f"producers{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("name", String(200), nullable=False),
            Column("kind", String(30), nullable=False),
            Column("registration_no", String(50)),
            *place(),
        )
        products = Table(
            f"products{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("producer_id", Uuid, nullable=False, index=True),
            Column("name", String(200), nullable=False),
            Column("group", String(30), nullable=False),
            Column("classification", String(10), nullable=False),
            Column("unit", String(50), nullable=False),
            Column("price_vnd", Integer, nullable=False),
            Column("gtin", String(14)),
        )
        evaluations = Table(
            f"evaluations{suffix}",
            metadata,
            Column("product_id", Uuid, primary_key=True),
            Column("certificate_no", String(200), primary_key=True),
            Column("score", Integer, nullable=False),
            Column("stars", Integer, nullable=False),
            Column("certified_on", Date, nullable=False),
            Column("valid_until", Date, nullable=False),
            Column("superseded_on", Date),  # the next evaluation's date
            Column("revoked_on", Date),
            Column("revoke_reason", String(1000)),
            Index(f"ix_evaluations_day{suffix}", "product_id", "certified_on"),
        )
        nominations = Table(
            f"nominations{suffix}",
            metadata,
            Column("product_id", Uuid, primary_key=True),
            Column("nominated_on", Date, primary_key=True),
        )
        outlets = Table(
            f"outlets{suffix}",
            metadata,
            Column("id", Uuid, primary_key=True),
            Column("name", String(200), nullable=False),
            Column("kind", String(30), nullable=False, index=True),
            *place(),
            Column("opened_on", Date, nullable=False),
            Column("closed_on", Date),
        )
        return SimpleNamespace(
            producers=producers,
            products=products,
            evaluations=evaluations,
            nominations=nominations,
            outlets=outlets,
        )

    @handles("Producer.Registered")
    def producer_registered(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.producers).values(
                id=e.originator_id,
                name=e.name,
                kind=e.kind,
                registration_no=e.registration_no,
                **_place(e.place),
            )
        )

    @handles("Product.Registered")
    def product_registered(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.products).values(
                id=e.originator_id,
                producer_id=e.producer_id,
                name=e.name,
                group=e.group,
                classification=e.classification,
                unit=e.unit,
                price_vnd=e.price_vnd,
                gtin=e.gtin,
            )
        )

    @handles("Product.Evaluated")
    def evaluated(self, conn: Connection, e, position: int) -> None:
        ev = self.t.evaluations
        conn.execute(
            update(ev)
            .where(and_(ev.c.product_id == e.originator_id, ev.c.superseded_on.is_(None)))
            .values(superseded_on=e.certified_on)
        )
        valid_until = Evaluation(e.score, e.stars, e.certified_on, e.certificate_no).valid_until
        conn.execute(
            insert(ev).values(
                product_id=e.originator_id,
                certificate_no=e.certificate_no,
                score=e.score,
                stars=e.stars,
                certified_on=e.certified_on,
                valid_until=valid_until,
            )
        )

    @handles("Product.CertificateRevoked")
    def revoked(self, conn: Connection, e, position: int) -> None:
        ev = self.t.evaluations
        conn.execute(
            update(ev)
            .where(
                and_(ev.c.product_id == e.originator_id, ev.c.certificate_no == e.certificate_no)
            )
            .values(revoked_on=e.revoked_on, revoke_reason=e.reason)
        )

    @handles("Product.Nominated")
    def nominated(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.nominations).values(
                product_id=e.originator_id, nominated_on=e.nominated_on
            )
        )

    @handles("Outlet.Opened")
    def outlet_opened(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.outlets).values(
                id=e.originator_id,
                name=e.name,
                kind=e.kind,
                opened_on=e.opened_on,
                **_place(e.place),
            )
        )

    @handles("Outlet.Closed")
    def outlet_closed(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            update(self.t.outlets)
            .where(self.t.outlets.c.id == e.originator_id)
            .values(closed_on=e.closed_on)
        )


def _place(place) -> dict:
    return {"province": place.province, "district": place.district, "commune": place.commune}
