"""Programme work at outlets: products showcased or promoted, design support to producers."""

from types import SimpleNamespace

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    insert,
)

from domain.outlet import Outlet
from projections.view import View, handles


class ProgrammeView(View):
    """Display, promotion (trưng bày, xúc tiến) and design support records (for T3 and T7)."""

    name = "programme"

    def define_tables(self, metadata: MetaData, suffix: str) -> SimpleNamespace:
        showings = Table(
            f"showings{suffix}",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("outlet_id", Uuid, nullable=False),
            Column("product_id", Uuid, nullable=False, index=True),
            Column("shown_on", Date, nullable=False),
            Column("kind", String(20), nullable=False),  # showcase | promotion
            Column("event_name", Text),
        )
        support = Table(
            f"design_support{suffix}",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("outlet_id", Uuid, nullable=False),
            Column("producer_id", Uuid, nullable=False),
            Column("given_on", Date, nullable=False),
            Column("description", Text, nullable=False),
        )
        return SimpleNamespace(showings=showings, support=support)

    @handles(Outlet.ProductShowcased)
    def showcased(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.showings).values(
                outlet_id=e.originator_id,
                product_id=e.product_id,
                shown_on=e.showcased_on,
                kind="showcase",
            )
        )

    @handles(Outlet.PromotionHeld)
    def promotion_held(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.showings),
            [
                {
                    "outlet_id": e.originator_id,
                    "product_id": product_id,
                    "shown_on": e.held_on,
                    "kind": "promotion",
                    "event_name": e.name,
                }
                for product_id in e.product_ids
            ],
        )

    @handles(Outlet.DesignSupportGiven)
    def design_support_given(self, conn: Connection, e, position: int) -> None:
        conn.execute(
            insert(self.t.support).values(
                outlet_id=e.originator_id,
                producer_id=e.producer_id,
                given_on=e.given_on,
                description=e.description,
            )
        )
